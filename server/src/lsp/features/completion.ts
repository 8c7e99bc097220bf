// textDocument/completion -> the language service's doComplete.
import type { CompletionList, ServerCapabilities } from 'vscode-languageserver';
import { hostComplete, isTestFileName } from '../../service';
import type { HostDocument } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';
import { runSafe } from '../safe';
import { testFileCompletionAt } from './policyTests';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export const completionFeature: LspFeature = {
  register(context) {
    context.connection.onCompletion((params, token) => {
      if (isTestFileName(String(params?.textDocument?.uri ?? ''))) {
        return runSafe(context.connection, 'completion', token, () =>
          testFileCompletionAt(context, params.textDocument.uri, params.position),
        );
      }
      const snippets = context.clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
      const complete = (host: HostDocument): CompletionList =>
        hostComplete(host, params.position, context.settings().service, { snippets });
      return forPolicy(context, 'completion', params, token, EMPTY, complete, ['position']);
    });
  },
};

export function completionCapabilities(): Partial<ServerCapabilities> {
  // `"`, `'`, `[`, `,`, `/`, `:` and space start a value; `-` a list item.
  return {
    completionProvider: { triggerCharacters: [' ', ':', '"', "'", '[', ',', '/', '-'], resolveProvider: false },
  };
}

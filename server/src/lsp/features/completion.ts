// textDocument/completion -> the language service's doComplete.
import type { CompletionList, ServerCapabilities } from 'vscode-languageserver/node';
import { hostComplete, isTestFileName } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';
import { runSafe } from '../safe';
import { testFileCompletionAt } from './policyTests';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export const completionFeature: LspFeature = {
  register(context) {
    context.connection.onCompletion((params, token) => isTestFileName(params.textDocument.uri)
      ? runSafe(context.connection, 'completion', token, () => testFileCompletionAt(context, params.textDocument.uri, params.position))
      : forPolicy(context, 'completion', params, token, EMPTY, (host) => hostComplete(host, params.position, context.settings().service)));
  },
};

export function completionCapabilities(): Partial<ServerCapabilities> {
  // `"`, `'`, `[`, `,`, `/`, `:` and space start a value; `-` a list item.
  return { completionProvider: { triggerCharacters: [' ', ':', '"', "'", '[', ',', '/', '-'], resolveProvider: false } };
}

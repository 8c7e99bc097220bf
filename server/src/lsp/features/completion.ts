// textDocument/completion -> the language service's doComplete.
import type { CompletionList, ServerCapabilities } from 'vscode-languageserver/node';
import { doComplete } from '../../service';
import type { LspFeature } from '../context';
import { runSafe } from '../safe';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export const completionFeature: LspFeature = {
  register(context) {
    context.connection.onCompletion((params, token) => {
      const uri = params.textDocument.uri;
      return runSafe(context.connection, 'completion', token, () => {
        const doc = context.getDocument(uri);
        return doc && context.isPolicy(uri) ? doComplete(doc, params.position, context.settings().service) : EMPTY;
      });
    });
  },
};

export function completionCapabilities(): Partial<ServerCapabilities> {
  // `"`, `'`, `[`, `,`, `/`, `:` and space start a value; `-` a list item.
  return { completionProvider: { triggerCharacters: [' ', ':', '"', "'", '[', ',', '/', '-'], resolveProvider: false } };
}

// textDocument/completion -> the language service's doComplete.
import type { CompletionList, ServerCapabilities } from 'vscode-languageserver/node';
import { hostComplete } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export const completionFeature: LspFeature = {
  register(context) {
    context.connection.onCompletion((params, token) => forPolicy(context, 'completion', params, token, EMPTY, (host) => hostComplete(host, params.position, context.settings().service)));
  },
};

export function completionCapabilities(): Partial<ServerCapabilities> {
  // `"`, `'`, `[`, `,`, `/`, `:` and space start a value; `-` a list item.
  return { completionProvider: { triggerCharacters: [' ', ':', '"', "'", '[', ',', '/', '-'], resolveProvider: false } };
}

// textDocument/documentSymbol -> the outline: top-level fields, and each rule by number and summary.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { documentSymbols } from '../../service';
import type { LspFeature } from '../context';
import { runSafe } from '../safe';

export const symbolsFeature: LspFeature = {
  register(context) {
    context.connection.onDocumentSymbol((params, token) => {
      const uri = params.textDocument.uri;
      return runSafe(context.connection, 'document symbols', token, () => {
        const doc = context.getDocument(uri);
        return doc && context.isPolicy(uri) ? documentSymbols(doc) : [];
      });
    });
  },
};

export function symbolsCapabilities(): Partial<ServerCapabilities> {
  return { documentSymbolProvider: { label: 'Audit policy' } };
}

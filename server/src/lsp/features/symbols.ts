// textDocument/documentSymbol -> the outline: top-level fields, and each rule by number and summary.
import type { ServerCapabilities } from 'vscode-languageserver';
import { hostSymbols } from '../../service';
import type { LspFeature } from '../context';
import { forPolicyAfterDiagnostics } from '../policyRequest';

export const symbolsFeature: LspFeature = {
  register(context) {
    context.connection.onDocumentSymbol((params, token) =>
      forPolicyAfterDiagnostics(context, 'document symbols', params, token, [], (host) => hostSymbols(host)),
    );
  },
};

export function symbolsCapabilities(): Partial<ServerCapabilities> {
  return { documentSymbolProvider: { label: 'Audit policy' } };
}

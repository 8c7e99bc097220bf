// textDocument/documentSymbol -> the outline: top-level fields, and each rule by number and summary.
// VS Code asks for the outline after every keystroke: 1.5 MB of JSON for a 5,000-rule policy. The
// service keeps a rule's symbol object while the rule is unchanged (service/features/symbols.ts), so
// the outline is marked with its document and where its longest list of symbols is, and an encoder
// can reuse the bytes of the symbols that were in the document's previous outline (the stdio
// transport's, lsp/node/messageEncoder.ts, as it does for diagnostics).
import type { DocumentSymbol, ServerCapabilities } from 'vscode-languageserver';
import { hostSymbols } from '../../service';
import type { LspFeature } from '../context';
import { forPolicyAfterDiagnostics } from '../policyRequest';

export const symbolsFeature: LspFeature = {
  register(context) {
    context.connection.onDocumentSymbol((params, token) =>
      forPolicyAfterDiagnostics(context, 'document symbols', params, token, [], (host) =>
        markedOutline(params.textDocument.uri, hostSymbols(host)),
      ),
    );
  },
};

export function symbolsCapabilities(): Partial<ServerCapabilities> {
  return { documentSymbolProvider: { label: 'Audit policy' } };
}

/** An outline's document, and which of its top-level symbols has the longest list of children
 *  (a symbol key: JSON leaves it out). */
const OUTLINE = Symbol('document and longest list of the outline');

export interface OutlineMark {
  readonly uri: string;
  readonly index: number;
}

export function markedOutline(uri: string, symbols: DocumentSymbol[]): DocumentSymbol[] {
  let index = -1;
  for (const [i, symbol] of symbols.entries())
    if ((symbol.children?.length ?? 0) > (symbols[index]?.children?.length ?? 0)) index = i;
  return index === -1 ? symbols : Object.assign(symbols, { [OUTLINE]: { uri, index } });
}

/** The mark of an outline whose symbols have children; undefined for any other result. */
export function outlineMark(result: unknown): OutlineMark | undefined {
  if (!Array.isArray(result)) return undefined;
  const mark = (result as { [OUTLINE]?: OutlineMark })[OUTLINE];
  return mark && Array.isArray((result[mark.index] as DocumentSymbol | undefined)?.children) ? mark : undefined;
}

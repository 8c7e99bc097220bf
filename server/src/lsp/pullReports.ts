// Pull diagnostics' reports with a resultId, so that a check whose diagnostics did not change
// answers `unchanged`. The service gives an unchanged finding at an unchanged place the same
// Diagnostic object again (validate.ts); the rule an edit touched gets new ones, compared by their
// JSON (the first that differs ends the comparison). A
// keystroke in a 5,000-rule policy that changes none of its 4,700 diagnostics sent them all again:
// 2.3 MB of JSON, made, sent and read every time. A full report is marked with its document, so
// that an encoder can reuse the bytes of the diagnostics that were in the one before (the stdio
// transport's, lsp/node/messageEncoder.ts, as it does for pushed diagnostics).
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';

/** The document a full report is of (a symbol key: JSON leaves it out). */
const DOCUMENT = Symbol('document of the report');

export function reportDocument(result: unknown): string | undefined {
  if (result === null || typeof result !== 'object') return undefined;
  const document = (result as { [DOCUMENT]?: unknown })[DOCUMENT];
  return typeof document === 'string' && Array.isArray((result as { items?: unknown }).items) ? document : undefined;
}

export class PullReports {
  private readonly last = new Map<string, { readonly resultId: string; readonly items: readonly Diagnostic[] }>();
  private count = 0;

  /** The report of `items` for a client that holds the report `previousResultId`. */
  report(uri: string, items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
    const before = this.last.get(uri);
    if (before && before.resultId === previousResultId && sameItems(before.items, items))
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: before.resultId };
    const resultId = String(++this.count);
    this.last.set(uri, { resultId, items });
    const report: DocumentDiagnosticReport = { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    return Object.assign(report, { [DOCUMENT]: uri });
  }

  /** A closed document's client holds no report. */
  forget(uri: string): void {
    this.last.delete(uri);
  }
}

function sameItems(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

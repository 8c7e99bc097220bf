// A quick fix must leave the file with no new problem. Most fixes are exact, but some reveal one:
// renaming `stages` to `omitStages` makes kube-apiserver read a value it ignored before, and an
// invalid stage there is then an error; in a file with a syntax error, a fix computed from a
// surprising reading can make things worse. So each fix is tried on the text first and offered
// only when the result has no more syntax errors and no more errors of any code than before.
// The trial reuses the document's caches, so only the rules the fix touches are read again.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPolicyDocument } from '../document';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
import { validate } from '../validate/validate';
import { withFileEol } from './edits';
import type { OffsetEdit } from './edits';

/** The text with non-overlapping `edits` made, inserts at one offset in their order (as LSP
 *  applies them). The text is cut once, in order: replacing into the whole text edit by edit
 *  copied it once per edit, 7.5 s for the 472 fixes of a 1.5 MB policy's fix-all. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    parts.push(text.slice(at, e.start), e.newText);
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

export class FixSafety {
  private before: Map<string, number> | undefined;

  constructor(
    private readonly doc: PolicyDocument,
    private readonly settings: ServiceSettings,
  ) {}

  /** Whether applying `edits` adds no error (a YAML syntax error included) to the document. */
  allows(edits: readonly OffsetEdit[]): boolean {
    this.before ??= errorCounts(validate(this.doc, this.settings, { force: true }));
    // The action sends its text in the file's line ends (toAction); try exactly that text.
    const sent = edits.map((e) => ({ ...e, newText: withFileEol(this.doc, e.newText) }));
    const trial = createPolicyDocument(this.doc.uri, this.doc.version, applyOffsetEdits(this.doc.text, sent), this.doc);
    for (const [code, count] of errorCounts(validate(trial, this.settings, { force: true }))) {
      if (count > (this.before.get(code) ?? 0)) return false;
    }
    return true;
  }
}

function errorCounts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    if ((d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error)
      counts.set(String(d.code), (counts.get(String(d.code)) ?? 0) + 1);
  }
  return counts;
}

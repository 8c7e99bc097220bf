// Applies LSP text edits to a string, for fix and completion tests that check the resulting text.
import type { TextEdit } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../../../server/src/service';

export function applyEdits(doc: PolicyDocument, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let text = doc.text;
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

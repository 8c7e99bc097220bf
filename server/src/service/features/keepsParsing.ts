// A file that already has a YAML syntax error may be read in surprising ways (an anchor before a
// `- `, a key swallowed by a broken flow list), and a fix computed from that reading can make
// things worse. In such files each fix is tried on the text first and dropped when it would add
// a syntax error. Files that parse are not re-parsed: there the fixes are exact.
import type { PolicyDocument } from '../document';
import { parsePolicy } from '../parse/parse';
import type { ParsedPolicy } from '../parse/model';
import type { OffsetEdit } from './edits';

function syntaxErrors(parsed: ParsedPolicy): number {
  return parsed.rules.reduce((n, rule) => n + rule.syntaxErrors.length, parsed.syntaxErrors.length);
}

export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function keepsParsing(doc: PolicyDocument, edits: readonly OffsetEdit[]): boolean {
  const before = syntaxErrors(doc.parsed);
  if (before === 0) return true;
  return syntaxErrors(parsePolicy(applyOffsetEdits(doc.text, edits))) <= before;
}

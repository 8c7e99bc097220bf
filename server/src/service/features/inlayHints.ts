// Numbers the rules in the editor (`#1`, `#2`, ... as inlay hints before each rule), because the
// first matching rule wins and explanations and diagnostics speak of rules by number.
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';

/** A hint before each rule that starts inside `range`. */
export function inlayHints(doc: PolicyDocument, range: Range): InlayHint[] {
  const from = doc.lines.offsetAt(range.start);
  const to = doc.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  for (const rule of doc.parsed.rules) {
    const at = rule.base + rule.node.start;
    if (at < from || at > to) continue;
    hints.push({
      position: doc.lines.positionAt(at),
      label: `#${rule.index + 1}`,
      paddingRight: true,
      tooltip: `rules[${rule.index}]: rules are tried in order and the first match wins`,
    });
  }
  return hints;
}

// A rule's own findings (the rule checks'), cached by the rule's text and placed in the document.
import type { PolicyDocument, VersionFindings } from '../document';
import type { RuleItem } from '../parse/model';
import { shiftFinding } from '../decode/finding';
import type { Finding } from '../decode/finding';
import { RULE_CHECKS } from '../checks';

/** A rule item's findings in document offsets and paths, kept with the rule item: an item at the same
 *  place in the next version is the same object (parse.ts), so its findings are the same objects too. */
export function placedFindings(doc: PolicyDocument, rule: RuleItem, minor: number): readonly Finding[] {
  const placed = doc.caches.placedFindings.get(rule);
  if (placed?.minor === minor) return placed.findings;
  const own = ruleFindings(doc, rule, minor);
  if (own === NO_FINDINGS) {
    doc.caches.placedFindings.set(rule, noFindingsFor(minor));
    return NO_FINDINGS;
  }
  const prefix = `rules[${rule.index}]`;
  const findings = own.map((f) => localize(shiftFinding(f, rule.base, prefix), prefix));
  doc.caches.placedFindings.set(rule, { minor, findings });
  return findings;
}

/** Findings of one rule, kept with the rule's parsed node: an unchanged rule keeps its node
 *  across versions (the parse cache returns the same object), so its findings are reused. Only the
 *  latest Kubernetes version's are kept: the setting rarely changes, and a map per rule was 1 MiB
 *  of a 5,000-rule policy. */
function ruleFindings(doc: PolicyDocument, rule: RuleItem, minor: number): readonly Finding[] {
  const cached = doc.caches.ruleFindings.get(rule.node);
  if (cached?.minor === minor) return cached.findings;
  const result: Finding[] = [];
  for (const check of RULE_CHECKS) result.push(...check(rule.node, minor));
  const findings = result.length > 0 ? result : NO_FINDINGS;
  doc.caches.ruleFindings.set(rule.node, findings === NO_FINDINGS ? noFindingsFor(minor) : { minor, findings });
  return findings;
}

// Most rules have no finding: they share one empty list, and one cache entry per version.
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const noFindings = new Map<number, VersionFindings>();
function noFindingsFor(minor: number): VersionFindings {
  let entry = noFindings.get(minor);
  if (!entry) noFindings.set(minor, (entry = { minor, findings: NO_FINDINGS }));
  return entry;
}

/** Rule findings are written once for any position; `{rule}` in their text names this rule. */
function localize(finding: Finding, prefix: string): Finding {
  return finding.message.includes('{rule}')
    ? { ...finding, message: finding.message.split('{rule}').join(prefix) }
    : finding;
}

/** Two findings of one code at one place say the same thing (a `.inf` where a boolean goes is both
 *  the wrong type for the field and a value JSON cannot hold): the first, the more specific, stays.
 *  The list is its caller's own, sorted by place, and is shortened in place. */
export function withoutRepeats(sorted: Finding[]): Finding[] {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i];
    let repeat = false;
    // Findings at one place are neighbours once sorted.
    for (let j = kept - 1; j >= 0 && sorted[j].start === f.start && sorted[j].end === f.end && !repeat; j--)
      repeat = sorted[j].code === f.code;
    if (!repeat) sorted[kept++] = f;
  }
  sorted.length = kept;
  return sorted;
}

/** Findings in document order (a stable sort: at one place, the order the checks ran in). */
export function byPlace(a: Finding, b: Finding): number {
  return a.start - b.start || a.end - b.end;
}

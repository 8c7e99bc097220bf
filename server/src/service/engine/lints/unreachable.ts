// unreachable-rule: the first matching rule wins (checker.go EvaluatePolicyRule), so a rule whose
// every request an earlier rule already matches never applies. Reported only when one earlier rule
// provably covers it (coverage.ts, analysis.ts); unknown group membership and the like prove nothing.
import type { ParsedPolicy, RuleItem } from '../../parse/model';
import { LEVEL_NAMES } from '../../catalogue/values';
import type { Finding } from '../../decode/finding';
import { decodeRule, targetOf } from '../../decode/decode';
import type { DecodedRule } from '../../decode/decode';
import type { AnalysisSlot, PolicyAnalysis } from '../analysis';
import { policyAnalysis } from '../analysis';
import { parsedCleanly } from './place';

export function checkUnreachable(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  const analysis = policyAnalysis(parsed, slot);
  const out: Finding[] = [];
  for (let rule = 0; rule < analysis.verdicts.length; rule++) {
    const finding = unreachableFinding(parsed, analysis, rule);
    if (finding) out.push(finding);
  }
  return out;
}

/** Rule `rule`'s unreachable-rule finding, if it has one (the analysis is of a cleanly parsed policy:
 *  validate/byRule.ts asks rule by rule). */
export function unreachableFinding(parsed: ParsedPolicy, analysis: PolicyAnalysis, rule: number): Finding | undefined {
  const { rules, verdicts } = analysis;
  const coveredBy = verdicts[rule].coveredBy;
  // A rule without a valid level (a null rule `-` decodes as an empty one) is refused: it shadows nothing.
  if (coveredBy === undefined || !LEVEL_NAMES.includes(rules[coveredBy].level)) return undefined;
  const item = parsed.rules[rule];
  const coverer = parsed.rules[coveredBy];
  // A rule item keeps its object while its text, number and place stay (parse.ts): so does its finding.
  const kept = findingsKept.get(item);
  if (kept?.coverer === coverer) return kept.finding;
  const words = wordsFor(rules[coveredBy], rules[rule], rule, coveredBy);
  const at = decodeRule(item.node).anchor;
  const by = decodeRule(coverer.node).anchor;
  const finding: Finding = {
    code: 'unreachable-rule',
    start: item.base + at.start,
    end: item.base + at.end,
    path: words.path,
    message: words.message,
    data: words.data,
    related: [{ start: coverer.base + by.start, end: coverer.base + by.end, message: words.related }],
  };
  findingsKept.set(item, { coverer, finding });
  return finding;
}

const findingsKept = new WeakMap<RuleItem, { readonly coverer: RuleItem; readonly finding: Finding }>();

interface Words {
  readonly path: string;
  readonly message: string;
  readonly related: string;
  readonly data: { readonly coveredBy: number };
}

// A long-grown policy shadows thousands of rules, and every keystroke reports them all again: the
// words of each finding are kept with the shadowed rule's decoded rule (alive while its node is
// unchanged), for the one rule covering it, and made again only when a rule's number changes.
const wordsCache = new WeakMap<
  DecodedRule,
  { readonly broad: DecodedRule; readonly rule: number; readonly words: Words }
>();

function wordsFor(broad: DecodedRule, narrow: DecodedRule, rule: number, coveredBy: number): Words {
  const cached = wordsCache.get(narrow);
  // Numbers compared, not the path: making `rules[N]` to compare was most of what a keystroke
  // allocated here (3,500 shadowed rules in the stress file).
  if (cached?.broad === broad && cached.words.data.coveredBy === coveredBy && cached.rule === rule) return cached.words;
  const words: Words = {
    path: `rules[${rule}]`,
    message: `This rule never applies: rules[${coveredBy}] above ${why(broad, narrow)}, and the first matching rule wins.`,
    related: `rules[${coveredBy}] matches every request rules[${rule}] matches`,
    data: { coveredBy },
  };
  wordsCache.set(narrow, { broad, rule, words });
  return words;
}

function why(broad: DecodedRule, narrow: DecodedRule): string {
  if (targetOf(broad) === 'any' && broad.users.length + broad.userGroups.length + broad.verbs.length === 0)
    return 'is a catch-all that matches every request';
  if (sameSelectors(broad, narrow)) return 'has the same selectors';
  return 'matches every request this one matches';
}

function sameSelectors(a: DecodedRule, b: DecodedRule): boolean {
  return (
    sameStrings(a.users, b.users) &&
    sameStrings(a.userGroups, b.userGroups) &&
    sameStrings(a.verbs, b.verbs) &&
    sameStrings(a.namespaces, b.namespaces) &&
    sameStrings(a.nonResourceURLs, b.nonResourceURLs) &&
    a.resources.length === b.resources.length &&
    a.resources.every(
      (r, i) =>
        r.group === b.resources[i].group &&
        sameStrings(r.resources, b.resources[i].resources) &&
        sameStrings(r.resourceNames, b.resources[i].resourceNames),
    )
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

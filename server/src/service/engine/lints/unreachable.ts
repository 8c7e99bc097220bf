// unreachable-rule: the first matching rule wins (checker.go EvaluatePolicyRule), so a rule whose
// every request an earlier rule already matches never applies. Reported only when one earlier rule
// provably covers it (coverage.ts, analysis.ts); unknown group membership and the like prove nothing.
import type { ParsedPolicy } from '../../parse/model';
import { LEVEL_NAMES } from '../../catalogue/values';
import type { Finding } from '../../decode/finding';
import { targetOf } from '../../decode/decode';
import type { DecodedRule } from '../../decode/decode';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';
import { parsedCleanly, ruleAnchor } from './place';

export function checkUnreachable(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  const { rules, verdicts } = policyAnalysis(parsed, slot);
  // A rule without a valid level (a null rule `-` decodes as an empty one) is refused: it shadows nothing.
  const covered = verdicts.flatMap((v, rule) => (v.coveredBy === undefined || !LEVEL_NAMES.includes(rules[v.coveredBy].level) ? [] : [{ rule, coveredBy: v.coveredBy }]));
  return covered.map(({ rule, coveredBy }): Finding => {
    const at = ruleAnchor(parsed, rule);
    const by = ruleAnchor(parsed, coveredBy);
    return {
      code: 'unreachable-rule',
      ...at,
      path: `rules[${rule}]`,
      message: `This rule never applies: rules[${coveredBy}] above ${why(rules[coveredBy], rules[rule])}, and the first matching rule wins.`,
      data: { coveredBy },
      related: [{ ...by, message: `rules[${coveredBy}] matches every request rules[${rule}] matches` }],
    };
  });
}

function why(broad: DecodedRule, narrow: DecodedRule): string {
  if (targetOf(broad) === 'any' && broad.users.length + broad.userGroups.length + broad.verbs.length === 0) return 'is a catch-all that matches every request';
  if (sameSelectors(broad, narrow)) return 'has the same selectors';
  return 'matches every request this one matches';
}

function sameSelectors(a: DecodedRule, b: DecodedRule): boolean {
  const key = (r: DecodedRule): string => JSON.stringify([r.users, r.userGroups, r.verbs, r.namespaces, r.resources, r.nonResourceURLs]);
  return key(a) === key(b);
}

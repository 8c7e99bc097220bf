// sensitive-bodies: a rule at Request or RequestResponse that can still see a request whose body
// holds secret values (sensitive.ts) writes them into the audit log. Reported for each such rule
// unless an earlier rule provably takes all of those requests (analysis.ts), as the usual
// `level: Metadata` rule for secrets does, or the rule records nothing: its omitted stages and the
// policy's together are every stage (records-nothing), so no event carries the bodies.
import { omitsEveryStage } from '../../catalogue/values';
import { decodePolicySettings } from '../../decode/decode';
import type { ParsedPolicy, RuleItem } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import type { AnalysisSlot, PolicyAnalysis, RuleVerdict } from '../analysis';
import { policyAnalysis } from '../analysis';
import { SENSITIVE, label } from '../sensitive';
import { parsedCleanly, ruleAnchor } from './place';

export function checkSensitiveBodies(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  const analysis = policyAnalysis(parsed, slot);
  const out: Finding[] = [];
  for (let i = 0; i < analysis.verdicts.length; i++) {
    const finding = sensitiveBodiesFinding(parsed, analysis, i);
    if (finding) out.push(finding);
  }
  return out;
}

/** Rule `i`'s sensitive-bodies finding, if it has one (the analysis is of a cleanly parsed policy:
 *  validate/byRule.ts asks rule by rule). */
export function sensitiveBodiesFinding(parsed: ParsedPolicy, analysis: PolicyAnalysis, i: number): Finding | undefined {
  const verdict = analysis.verdicts[i];
  if (sensitiveBodiesLogged(parsed, analysis, i) === 0) return undefined;
  // The same rule item (same text, number and place: parse.ts) with the same verdict (analysis.ts
  // keeps an unchanged rule's) keeps its finding object, and with it its diagnostic (validate.ts).
  const item = parsed.rules[i];
  const kept = findingsKept.get(item);
  if (kept?.verdict === verdict) return kept.finding;
  const finding = sensitiveFinding(parsed, i, analysis.rules[i].level, verdict);
  findingsKept.set(item, { verdict, finding });
  return finding;
}

/** The kinds of secret-bearing request (SENSITIVE's indices, as bits) whose bodies rule `i` writes
 *  into the log: its finding names exactly these. None when an earlier rule takes every such request
 *  (its verdict) or when the rule records nothing. */
export function sensitiveBodiesLogged(parsed: ParsedPolicy, analysis: PolicyAnalysis, i: number): number {
  const verdict = analysis.verdicts[i];
  if (!verdict.sensitive.includes(undefined)) return 0;
  // The analysis is made of rules alone, so its probes saw only the rule's own omitStages
  // (sensitive.ts); the checker omits the union with the policy's (checker.go NewChecker).
  const ownOmits = analysis.rules[i].omitStages;
  if (ownOmits.length > 0 && omitsEveryStage(ownOmits, policyOmitStages(parsed))) return 0;
  let bits = 0;
  for (let k = 0; k < verdict.sensitive.length; k++) if (verdict.sensitive[k] === undefined) bits |= 1 << k;
  return bits;
}

function sensitiveFinding(parsed: ParsedPolicy, i: number, level: string, verdict: RuleVerdict): Finding | undefined {
  const names = SENSITIVE.filter((_, k) => verdict.sensitive[k] === undefined && verdict.sensitive.length > k).map(
    label,
  );
  if (names.length === 0) return undefined;
  return {
    code: 'sensitive-bodies',
    ...ruleAnchor(parsed, i),
    path: `rules[${i}].level`,
    message: `At level ${level} this rule writes the ${level === 'Request' ? 'request bodies' : 'request and response bodies'} of ${names.join(', ')} into the audit log, and with them secret values. Put a \`level: Metadata\` rule for ${names.length === 1 ? 'it' : 'them'} above this one.`,
    data: { resources: names },
  };
}

/** The policy's omitStages, decoded once per version: each keystroke asks for every rule. */
function policyOmitStages(parsed: ParsedPolicy): readonly string[] {
  let stages = omitStagesOf.get(parsed);
  if (!stages) omitStagesOf.set(parsed, (stages = decodePolicySettings(parsed.root).omitStages));
  return stages;
}

const omitStagesOf = new WeakMap<ParsedPolicy, readonly string[]>();

const findingsKept = new WeakMap<RuleItem, { readonly verdict: RuleVerdict; readonly finding: Finding | undefined }>();

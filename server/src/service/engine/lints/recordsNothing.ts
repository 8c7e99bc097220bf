// records-nothing: a rule whose omitted stages, its own and the policy's together (the checker gives
// each rule their union: checker.go NewChecker), are all four stages records nothing: kube-apiserver
// sends no event for an omitted stage (pkg/audit/context.go ProcessEventStage), whatever the level.
// It loads such a policy; the rule still matches first, so the requests it matches are dropped as
// by `level: None`, silently, under the level written. The oracle gives such a rule's requests
// level RequestResponse with omitStages [Panic RequestReceived ResponseComplete ResponseStarted].
import { omitsEveryStage, STAGE_NAMES } from '../../catalogue/values';
import { findPair } from '../../parse/model';
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { keptFinding } from '../../decode/finding';
import { decodePolicySettings } from '../../decode/decode';
import { parsedCleanly } from './place';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';

export function checkRecordsNothing(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  if (parsed.root?.kind !== 'map' || parsed.rules.length === 0) return [];
  const policyOmits = decodePolicySettings(parsed.root).omitStages;
  if (omitsEveryStage(policyOmits)) {
    const key = findPair(parsed.root, 'omitStages')?.key;
    if (!key) return [];
    return [
      keptFinding(`records-nothing ${key.start} ${key.end}`, () => ({
        code: 'records-nothing',
        start: key.start,
        end: key.end,
        path: 'omitStages',
        message: `The policy omits every stage (${STAGE_NAMES.join(', ')}), so kube-apiserver records no event at all, whatever each rule's level. Omit fewer stages (RequestReceived is the one usually left out).`,
      })),
    ];
  }
  const analysis = policyAnalysis(parsed, slot);
  const out: Finding[] = [];
  for (let i = 0; i < analysis.rules.length; i++) {
    const rule = analysis.rules[i];
    // A rule no request reaches is unreachable-rule's; one at level None records nothing by design.
    if (!rule.decodable || rule.level === 'None' || rule.omitStages.length + policyOmits.length < STAGE_NAMES.length)
      continue;
    if (!omitsEveryStage(rule.omitStages, policyOmits) || analysis.verdicts[i].coveredBy !== undefined) continue;
    const item = parsed.rules[i];
    const key = item.node.kind === 'map' ? findPair(item.node, 'omitStages')?.key : undefined;
    if (!key) continue;
    const start = item.base + key.start;
    const end = item.base + key.end;
    const together = policyOmits.length > 0 ? ", with the policy's omitStages," : '';
    out.push(
      keptFinding(`records-nothing ${start} ${end} ${i} ${rule.level} ${together}`, () => ({
        code: 'records-nothing',
        start,
        end,
        path: `rules[${i}].omitStages`,
        message: `This rule omits${together} every stage (${STAGE_NAMES.join(', ')}), so kube-apiserver records no event for the requests it matches, as if its level were None; and as the first rule to match them, it keeps them from every later rule. Write \`level: None\` if dropping them is the intent, or omit fewer stages.`,
      })),
    );
  }
  return out;
}

// request-received-logged: every request passes the RequestReceived stage and then
// ResponseComplete, so recording both roughly doubles the number of events for the same
// information (pkg/audit/context.go ProcessEventStage sends one event per stage not omitted). Only
// rules that record both, and that some request reaches (not unreachable-rule's), count.
import { findPair } from '../../parse/model';
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { keptFinding } from '../../decode/finding';
import { parsedCleanly } from './place';
import { decodePolicySettings } from '../../decode/decode';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';
import { recordsTwice, ruleCensus } from '../census';

const STAGE = 'RequestReceived';

export function checkRequestReceived(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  if (parsed.root?.kind !== 'map' || parsed.rules.length === 0) return [];
  const policy = decodePolicySettings(parsed.root);
  // Omitted for the whole policy, arrivals or completions are recorded once each.
  if (policy.omitStages.includes(STAGE) || policy.omitStages.includes('ResponseComplete')) return [];
  const analysis = policyAnalysis(parsed, slot);
  if (ruleCensus(analysis.rules, slot).recordingArrival === 0) return [];
  // Only rules some request reaches: an unreachable rule records nothing.
  let recording = 0;
  for (let i = 0; i < analysis.rules.length; i++)
    if (recordsTwice(analysis.rules[i]) && analysis.verdicts[i].coveredBy === undefined) recording++;
  if (recording === 0) return [];
  const at = findPair(parsed.root, 'omitStages')?.key ?? findPair(parsed.root, 'rules')?.key;
  if (!at) return [];
  const count = recording === 1 ? 'One rule records' : `${recording} rules record`;
  return [
    keptFinding(`request-received-logged ${at.start} ${at.end} ${String(at.value)} ${recording}`, () => ({
      code: 'request-received-logged',
      start: at.start,
      end: at.end,
      path: at.value === 'omitStages' ? 'omitStages' : 'rules',
      message: `${count} the RequestReceived stage, which roughly doubles the events: each request is logged when it arrives and again when it completes. Add \`omitStages: ["RequestReceived"]\` at the policy level unless you need the arrival events.`,
      data: { stage: STAGE },
    })),
  ];
}

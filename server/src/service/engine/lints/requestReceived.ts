// request-received-logged: every request passes the RequestReceived stage and then
// ResponseComplete, so recording both roughly doubles the number of events for the same
// information (pkg/audit/context.go ProcessEventStage sends one event per stage not omitted).
import { findPair } from '../../parse/model';
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { keptFinding } from '../../decode/finding';
import { parsedCleanly } from './place';
import { decodePolicySettings } from '../../decode/decode';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';
import { ruleCensus } from '../census';

const STAGE = 'RequestReceived';

export function checkRequestReceived(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  if (parsed.root?.kind !== 'map' || parsed.rules.length === 0) return [];
  const policy = decodePolicySettings(parsed.root);
  if (policy.omitStages.includes(STAGE)) return [];
  const recording = ruleCensus(policyAnalysis(parsed, slot).rules, slot).recordingArrival;
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

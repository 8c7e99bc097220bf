// What a policy does with one logged event: the first matching rule, its level, whether the event
// is written (level not None and its stage not omitted), and its size at that level: bodies above
// the level leave the event; bodies below it were never recorded, so a higher level gives a lower bound.
import { unionStages } from '../engine/evaluate';
import type { CompiledPolicy } from '../engine/evaluate';
import type { RequestAttributes } from '../engine/request';
import type { AuditEvent } from './event';
import { firstMatch } from './firstMatch';

/** k8s.io/apiserver pkg/apis/audit Level ordering (Level.Less compares these ranks). */
const LEVEL_RANK: Readonly<Record<string, number>> = { None: 0, Metadata: 1, Request: 2, RequestResponse: 3 };

export const levelRank = (level: string): number => LEVEL_RANK[level] ?? 1;

export interface Verdict {
  /** 0-based index of the first matching rule, null when none matches. */
  readonly rule: number | null;
  readonly level: string;
  readonly written: boolean;
  /** Estimated size of the event as this policy would write it; 0 when not written. */
  readonly bytes: number;
  /** The level is above the recorded one and may add bodies the log does not hold. */
  readonly lowerBound: boolean;
}

const NOT_WRITTEN = { bytes: 0, lowerBound: false };

export class PolicyJudge {
  private readonly omitStages: ReadonlyArray<readonly string[]>;
  private readonly defaultOmit: readonly string[];

  constructor(private readonly policy: CompiledPolicy) {
    // NewPolicyRuleEvaluator stores the union of the policy's and the rule's omitStages per rule.
    this.omitStages = policy.rules.map((r) => unionStages(policy.settings.omitStages, r.omitStages));
    this.defaultOmit = unionStages(policy.settings.omitStages);
  }

  get ruleCount(): number {
    return this.policy.rules.length;
  }

  judge(event: AuditEvent, attributes: RequestAttributes): Verdict {
    const index = firstMatch(this.policy.rules, attributes);
    const level = index === -1 ? 'None' : this.policy.rules[index].level;
    const omitted = index === -1 ? this.defaultOmit : this.omitStages[index];
    const written = level !== 'None' && !omitted.includes(event.stage);
    const estimate = written ? estimateBytes(event, level) : NOT_WRITTEN;
    return {
      rule: index === -1 ? null : index,
      level,
      written,
      bytes: estimate.bytes,
      lowerBound: estimate.lowerBound,
    };
  }
}

/** The event's size at another level: the level string changes, and bodies above the level go. */
export function estimateBytes(event: AuditEvent, level: string): { bytes: number; lowerBound: boolean } {
  const to = levelRank(level);
  let bytes = event.bytes + level.length - event.level.length;
  if (to < LEVEL_RANK.RequestResponse) bytes -= event.responseObjectBytes;
  if (to < LEVEL_RANK.Request) bytes -= event.requestObjectBytes;
  return { bytes, lowerBound: to > levelRank(event.level) && to >= LEVEL_RANK.Request };
}

// What a policy does with one logged event: the first matching rule, its level, whether the event
// is written (level not None and its stage not omitted), and its size at that level: bodies above
// the level leave the event; bodies below it were never recorded, so a higher level gives a lower
// bound; and where the rule omits managed fields, metadata.managedFields leaves the bodies kept.
import { unionStages } from '../engine/evaluate';
import type { CompiledPolicy } from '../engine/evaluate';
import type { RequestAttributes } from '../engine/request';
import { VERSION_FACTS } from '../catalogue/versions';
import type { AuditEvent } from './eventFields';
import { firstMatch } from './firstMatch';

/** k8s.io/apiserver pkg/apis/audit Level ordering (Level.Less compares these ranks). */
const REQUEST = 2;
const REQUEST_RESPONSE = 3;
/** A Map: levels come from the log, and an object would rank `constructor` by its prototype. */
const LEVEL_RANK: ReadonlyMap<string, number> = new Map([
  ['None', 0],
  ['Metadata', 1],
  ['Request', REQUEST],
  ['RequestResponse', REQUEST_RESPONSE],
]);

export const levelRank = (level: string): number => LEVEL_RANK.get(level) ?? 1;

/** What a policy decides for a request at a stage, recorded at a level: the same for every such event. */
export interface Verdict {
  /** 0-based index of the first matching rule, null when none matches. */
  readonly rule: number | null;
  readonly level: string;
  readonly written: boolean;
  /** Written, and the level is above the recorded one: it may add bodies the log does not hold. */
  readonly lowerBound: boolean;
  /** The written event's size is the logged size plus this, less what the flags below drop. */
  readonly levelDelta: number;
  readonly dropsRequest: boolean;
  readonly dropsResponse: boolean;
  /** The body is kept without metadata.managedFields (the rule's omitManagedFields). */
  readonly dropsRequestManagedFields: boolean;
  readonly dropsResponseManagedFields: boolean;
}

/** The sizes of one logged event that its size under another policy depends on. */
export interface EventSizes {
  /** The event's size in the input, with its newline. */
  readonly bytes: number;
  readonly requestObjectBytes: number;
  readonly responseObjectBytes: number;
  /** metadata.managedFields in requestObject and responseObject: read only when a rule omits them. */
  managedFields(body: 'requestObject' | 'responseObject'): number;
}

export class PolicyJudge {
  private readonly omitStages: ReadonlyArray<readonly string[]>;
  private readonly defaultOmit: readonly string[];
  private readonly omitManaged: readonly boolean[];
  private readonly defaultOmitManaged: boolean;
  private readonly wildcardGroup: boolean;

  /** `minor`: the Kubernetes 1.x whose kube-apiserver reads the policy and decides the events. */
  constructor(
    private readonly policy: CompiledPolicy,
    minor: number,
  ) {
    // NewPolicyRuleEvaluator stores the union of the policy's and the rule's omitStages per rule.
    this.omitStages = policy.rules.map((r) => unionStages(policy.settings.omitStages, r.omitStages));
    this.defaultOmit = unionStages(policy.settings.omitStages);
    // EvaluatePolicyRule: the rule's omitManagedFields when set, else the policy's; a server older
    // than the field drops it as unknown when it decodes the policy.
    const knows = minor >= VERSION_FACTS.omitManagedFieldsMinor;
    this.omitManaged = policy.rules.map((r) => knows && (r.omitManagedFields ?? policy.settings.omitManagedFields));
    this.defaultOmitManaged = knows && policy.settings.omitManagedFields;
    this.wildcardGroup = minor >= VERSION_FACTS.wildcardGroupMinor;
  }

  get ruleCount(): number {
    return this.policy.rules.length;
  }

  judge(event: Pick<AuditEvent, 'stage' | 'level' | 'verb'>, attributes: RequestAttributes): Verdict {
    const index = firstMatch(this.policy.rules, attributes, this.wildcardGroup);
    const level = index === -1 ? 'None' : this.policy.rules[index].level;
    const omitted = index === -1 ? this.defaultOmit : this.omitStages[index];
    const written = level !== 'None' && !omitted.includes(event.stage);
    const to = levelRank(level);
    const omitManaged = index === -1 ? this.defaultOmitManaged : this.omitManaged[index];
    return {
      rule: index === -1 ? null : index,
      level,
      written,
      lowerBound: written && to > levelRank(event.level) && to >= REQUEST,
      levelDelta: level.length - event.level.length,
      dropsRequest: to < REQUEST,
      dropsResponse: to < REQUEST_RESPONSE,
      // audit.LogRequestObject and LogResponseObject drop the managed fields of the object, or of
      // each item of a list or row of a table (copyWithoutManagedFields, k8s.io/apiserver
      // pkg/audit/request.go); a patch's requestObject is the patch as sent (audit.LogRequestPatch
      // in handlers/patch.go), which they do not touch.
      dropsRequestManagedFields: omitManaged && to >= REQUEST && event.verb !== 'patch',
      dropsResponseManagedFields: omitManaged && to >= REQUEST_RESPONSE,
    };
  }
}

/** The estimated size of an event as a policy writes it; 0 when it does not. */
export function writtenBytes(verdict: Verdict, sizes: EventSizes): number {
  if (!verdict.written) return 0;
  let bytes = sizes.bytes + verdict.levelDelta;
  if (verdict.dropsRequest) bytes -= sizes.requestObjectBytes;
  else if (verdict.dropsRequestManagedFields) bytes -= sizes.managedFields('requestObject');
  if (verdict.dropsResponse) bytes -= sizes.responseObjectBytes;
  else if (verdict.dropsResponseManagedFields) bytes -= sizes.managedFields('responseObject');
  return bytes;
}

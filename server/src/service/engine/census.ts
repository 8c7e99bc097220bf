// How many rules of a policy have each property two document lints ask about (no-catch-all,
// request-received-logged). Counting 5,000 rules on every keystroke reads 5,000 objects spread over
// the heap; after an edit the counts are the previous version's, minus the rules that went, plus
// those that came (found by comparing the two lists of decoded rules from both ends).
import type { DecodedRule } from '../decode/decode';
import { targetOf } from '../decode/decode';

export interface Census {
  /** Decodable rules at level None. */
  readonly dropping: number;
  /** Decodable rules for every user, group and verb that match every request. */
  readonly everything: number;
  /** ...that match every resource request. */
  readonly everyResource: number;
  /** ...that match every non-resource URL. */
  readonly everyUrl: number;
  /** Decodable rules that record requests as they arrive and again as they complete (recordsTwice). */
  readonly recordingArrival: number;
}

type Counts = { -readonly [K in keyof Census]: number };

/** Where a document keeps its latest census, for the next version to start from. */
export interface CensusSlot {
  census?: { readonly rules: readonly DecodedRule[]; readonly counts: Census };
}

const RECORDING_LEVELS = ['Metadata', 'Request', 'RequestResponse'];

export function ruleCensus(rules: readonly DecodedRule[], slot?: CensusSlot): Census {
  const previous = slot?.census;
  let counts: Counts;
  if (previous?.rules === rules) return previous.counts;
  if (previous) {
    const old = previous.rules;
    let front = 0;
    while (front < rules.length && front < old.length && rules[front] === old[front]) front++;
    let back = 0;
    while (
      back < rules.length - front &&
      back < old.length - front &&
      rules[rules.length - 1 - back] === old[old.length - 1 - back]
    )
      back++;
    counts = { ...previous.counts };
    for (let i = front; i < old.length - back; i++) count(counts, old[i], -1);
    for (let i = front; i < rules.length - back; i++) count(counts, rules[i], 1);
  } else {
    counts = { dropping: 0, everything: 0, everyResource: 0, everyUrl: 0, recordingArrival: 0 };
    for (const rule of rules) count(counts, rule, 1);
  }
  if (slot) slot.census = { rules, counts };
  return counts;
}

function count(counts: Counts, r: DecodedRule, sign: 1 | -1): void {
  if (!r.decodable) return;
  if (r.level === 'None') counts.dropping += sign;
  if (recordsTwice(r)) counts.recordingArrival += sign;
  if (r.users.length + r.userGroups.length + r.verbs.length !== 0) return;
  const target = targetOf(r);
  if (target === 'any') counts.everything += sign;
  else if (matchesEveryResourceRequest(r)) counts.everyResource += sign;
  else if (target === 'nonResource' && r.nonResourceURLs.includes('*')) counts.everyUrl += sign;
}

/** Whether a rule records a request as it arrives (RequestReceived) and again as it completes
 *  (ResponseComplete): a rule that omits the completion records arrivals only, once each. */
export function recordsTwice(r: DecodedRule): boolean {
  return (
    r.decodable &&
    RECORDING_LEVELS.includes(r.level) &&
    !r.omitStages.includes('RequestReceived') &&
    !r.omitStages.includes('ResponseComplete')
  );
}

function matchesEveryResourceRequest(r: DecodedRule): boolean {
  return (
    targetOf(r) === 'resource' &&
    r.namespaces.length === 0 &&
    r.resources.some(
      (gr) =>
        gr.group === '*' &&
        (gr.resources.length === 0 || (gr.resourceNames.length === 0 && gr.resources.includes('*'))),
    )
  );
}

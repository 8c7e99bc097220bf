// Adds up a replay as events stream past: per rule, per file, the time span, bad lines, and with a
// second policy what it would write instead. Memory does not grow with the log: counters are bounded
// (topCounter.ts) and only the first bad lines are kept with their reasons.
import type { RequestAttributes } from '../engine/request';
import type { AuditEvent } from './eventFields';
import { cut, TopCounter } from './topCounter';
import type { CountSlot } from './topCounter';
import { levelRank } from './verdict';
import type { Verdict } from './verdict';

export const KEPT_BAD_LINES = 100;

export class RuleTally {
  events = 0;
  bytes = 0;
  written = 0;
  writtenBytes = 0;
  writtenLowerBound = false;
  higherEvents = 0;
  higherBytes = 0;
  againstBytes = 0;
  againstLowerBound = false;
  readonly users = new TopCounter();
  readonly verbs = new TopCounter();
  readonly resources = new TopCounter();
  readonly userAgents = new TopCounter();
}

export interface FileTally {
  readonly name: string;
  lines: number;
  events: number;
  bytes: number;
  badLines: number;
}

/** One policy's side of a kind of event: the rule row it counts in and its counter slots. */
export interface KindSide {
  readonly tally: RuleTally;
  readonly written: boolean;
  readonly lowerBound: boolean;
  /** The rule gives a lower level than the event was recorded at. */
  readonly higher: boolean;
  readonly users: CountSlot;
  readonly verbs: CountSlot;
  readonly resources: CountSlot;
  readonly userAgents: CountSlot;
}

/** Where the events of one kind (same request, user agent, stage and recorded level) are counted. */
export interface KindTally {
  readonly level: CountSlot;
  readonly policy: KindSide;
  readonly against: KindSide | undefined;
  /** The request kind in "what will we lose" (written by the policy, not by the other) or gained. */
  readonly lost: CountSlot | undefined;
  readonly gained: CountSlot | undefined;
}

export interface BadLine {
  readonly file: string;
  readonly line: number;
  readonly reason: string;
}

/** How a report names what a request touched: `deployments.apps`, `pods/exec`, or the URL path. */
export function resourceOf(a: RequestAttributes): string {
  if (!a.resourceRequest) return a.path;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return a.apiGroup ? `${resource}.${a.apiGroup}` : resource;
}

export class ReplayTally {
  readonly rules: RuleTally[];
  readonly noRule = new RuleTally();
  readonly againstRules: RuleTally[];
  readonly againstNoRule = new RuleTally();
  readonly files: FileTally[] = [];
  readonly badLines: BadLine[] = [];
  readonly recordedLevels = new TopCounter();
  /** Request kinds the policy writes and the other policy would not (what will we lose), and back. */
  readonly lost = new TopCounter();
  readonly gained = new TopCounter();
  badLineCount = 0;
  /** Events made from GKE Cloud Audit Log entries, which record no groups, stage or level. */
  cloudEvents = 0;
  /** Lines holding bytes that are not UTF-8 (read with U+FFFD in their place), and the first of them. */
  invalidUtf8Lines = 0;
  firstInvalidUtf8: { readonly file: string; readonly line: number } | undefined;
  firstTime = '';
  lastTime = '';
  private firstMs = Infinity;
  private lastMs = -Infinity;

  constructor(ruleCount: number, againstRuleCount: number | undefined) {
    this.rules = Array.from({ length: ruleCount }, () => new RuleTally());
    this.againstRules = Array.from({ length: againstRuleCount ?? 0 }, () => new RuleTally());
  }

  file(name: string): FileTally {
    const file = { name, lines: 0, events: 0, bytes: 0, badLines: 0 };
    this.files.push(file);
    return file;
  }

  invalidUtf8(file: FileTally, line: number): void {
    if (this.invalidUtf8Lines++ === 0) this.firstInvalidUtf8 = { file: file.name, line };
  }

  bad(file: FileTally, line: number, reason: string): void {
    file.badLines++;
    this.badLineCount++;
    if (this.badLines.length < KEPT_BAD_LINES) this.badLines.push({ file: file.name, line, reason: cut(reason, 300) });
  }

  /**
   * Where the events of one kind are counted: everything that the event's verdicts and request
   * decide, fetched once, so that counting an event of a known kind is a few additions. Made right
   * before its first event is counted (a counter slot made is a value counted, see TopCounter.slot).
   */
  kind(event: AuditEvent, attributes: RequestAttributes, verdict: Verdict, against?: Verdict): KindTally {
    const resource = resourceOf(attributes);
    const side = (v: Verdict, tally: RuleTally): KindSide => ({
      tally,
      written: v.written,
      lowerBound: v.lowerBound,
      higher: levelRank(v.level) < levelRank(event.level),
      users: tally.users.slot(attributes.user ?? '(no user)'),
      verbs: tally.verbs.slot(attributes.verb),
      resources: tally.resources.slot(resource),
      userAgents: tally.userAgents.slot(event.userAgent),
    });
    const policy = side(verdict, verdict.rule === null ? this.noRule : this.rules[verdict.rule]);
    const other =
      against && side(against, against.rule === null ? this.againstNoRule : this.againstRules[against.rule]);
    const requestKind = against ? `${attributes.verb} ${resource}` : '';
    return {
      level: this.recordedLevels.slot(event.level),
      policy,
      against: other,
      lost: against && verdict.written && !against.written ? this.lost.slot(requestKind) : undefined,
      gained: against && !verdict.written && against.written ? this.gained.slot(requestKind) : undefined,
    };
  }

  /** One event of a kind: its size in the log and its estimated sizes under the policies. */
  count(file: FileTally, kind: KindTally, bytes: number, writtenBytes: number, againstBytes: number): void {
    file.events++;
    file.bytes += bytes;
    kind.level.events++;
    kind.level.bytes += bytes;
    countSide(kind.policy, bytes, writtenBytes);
    const other = kind.against;
    if (!other) return;
    const tally = kind.policy.tally;
    tally.againstBytes += againstBytes;
    tally.againstLowerBound ||= other.lowerBound;
    countSide(other, bytes, againstBytes);
    if (kind.lost) {
      kind.lost.events++;
      kind.lost.bytes += writtenBytes;
    }
    if (kind.gained) {
      kind.gained.events++;
      kind.gained.bytes += againstBytes;
    }
  }

  /** Whether an event at `ms` may move the time span, so that its time is worth making into a
   *  string (within the same millisecond, its finer digits decide). */
  widens(ms: number): boolean {
    return ms <= this.firstMs || ms >= this.lastMs;
  }

  /** An event's time as it is written; '' when it has none. */
  time(value: string): void {
    if (value === '') return;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return;
    if (ms < this.firstMs || (ms === this.firstMs && finerThanMs(value) < finerThanMs(this.firstTime))) {
      this.firstMs = ms;
      this.firstTime = cut(value, 40);
    }
    if (ms > this.lastMs || (ms === this.lastMs && finerThanMs(value) > finerThanMs(this.lastTime))) {
      this.lastMs = ms;
      this.lastTime = cut(value, 40);
    }
  }
}

/** The digits of a time's fraction of a second beyond the millisecond, as nanoseconds (Go writes up
 *  to nine: `04:55:05.668239935Z`), which Date.parse drops; 0 when there are none. */
function finerThanMs(value: string): number {
  const digits = /\.\d{3}(\d{1,6})/.exec(value)?.[1];
  return digits === undefined ? 0 : Number(digits.padEnd(6, '0'));
}

function countSide(side: KindSide, bytes: number, writtenBytes: number): void {
  const t = side.tally;
  t.events++;
  t.bytes += bytes;
  if (side.written) {
    t.written++;
    t.writtenBytes += writtenBytes;
    t.writtenLowerBound ||= side.lowerBound;
  }
  if (side.higher) {
    t.higherEvents++;
    t.higherBytes += bytes;
  }
  add(side.users, bytes);
  add(side.verbs, bytes);
  add(side.resources, bytes);
  add(side.userAgents, bytes);
}

function add(slot: CountSlot, bytes: number): void {
  slot.events++;
  slot.bytes += bytes;
}

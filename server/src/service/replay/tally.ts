// Adds up a replay as events stream past: per rule, per file, the time span, bad lines, and with a
// second policy what it would write instead. Memory does not grow with the log: counters are bounded
// (topCounter.ts) and only the first bad lines are kept with their reasons.
import type { RequestAttributes } from '../engine/request';
import type { AuditEvent } from './event';
import { cut, TopCounter } from './topCounter';
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

  bad(file: FileTally, line: number, reason: string): void {
    file.badLines++;
    this.badLineCount++;
    if (this.badLines.length < KEPT_BAD_LINES) this.badLines.push({ file: file.name, line, reason: cut(reason, 300) });
  }

  add(file: FileTally, event: AuditEvent, attributes: RequestAttributes, verdict: Verdict, against?: Verdict): void {
    file.events++;
    file.bytes += event.bytes;
    this.recordedLevels.add(event.level, event.bytes);
    this.time(event.time);
    const resource = resourceOf(attributes);
    const tally = verdict.rule === null ? this.noRule : this.rules[verdict.rule];
    count(tally, event, attributes, resource, verdict, levelRank(verdict.level) < levelRank(event.level));
    if (!against) return;
    tally.againstBytes += against.bytes;
    tally.againstLowerBound ||= against.lowerBound;
    const other = against.rule === null ? this.againstNoRule : this.againstRules[against.rule];
    count(other, event, attributes, resource, against, levelRank(against.level) < levelRank(event.level));
    const kind = `${attributes.verb} ${resource}`;
    if (verdict.written && !against.written) this.lost.add(kind, verdict.bytes);
    if (!verdict.written && against.written) this.gained.add(kind, against.bytes);
  }

  private time(value: string): void {
    if (value === '') return;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) return;
    if (ms < this.firstMs) {
      this.firstMs = ms;
      this.firstTime = cut(value, 40);
    }
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.lastTime = cut(value, 40);
    }
  }
}

function count(
  t: RuleTally,
  event: AuditEvent,
  a: RequestAttributes,
  resource: string,
  verdict: Verdict,
  higher: boolean,
): void {
  t.events++;
  t.bytes += event.bytes;
  if (verdict.written) {
    t.written++;
    t.writtenBytes += verdict.bytes;
    t.writtenLowerBound ||= verdict.lowerBound;
  }
  if (higher) {
    t.higherEvents++;
    t.higherBytes += event.bytes;
  }
  t.users.add(a.user ?? '(no user)', event.bytes);
  t.verbs.add(a.verb, event.bytes);
  t.resources.add(resource, event.bytes);
  t.userAgents.add(event.userAgent, event.bytes);
}

// The replay report as data: what the text, Markdown, HTML and JSON formats, the editor's CodeLens
// and the report view all show. Numbers add up: the rules' events plus the no-rule events are the
// total events, and the same for bytes.
import type { Count } from './topCounter';
import type { BadLine, ReplayTally, RuleTally } from './tally';

export const TOP = 5;

export interface PolicyInfo {
  /** The file or document it came from, as the user named it. */
  readonly name: string;
  /** 1-based line of each rule (null when unknown). */
  readonly ruleLines: ReadonlyArray<number | null>;
  /** Levels as written, for rules that matched nothing too. */
  readonly ruleLevels: readonly string[];
}

export interface RuleRow {
  readonly rule: number;
  readonly line: number | null;
  readonly level: string;
  readonly events: number;
  /** Bytes of these events in the log. */
  readonly bytes: number;
  /** bytes / total bytes of all events (0 to 1). */
  readonly share: number;
  /** Events this policy writes (level not None, stage not omitted) and their estimated size. */
  readonly written: number;
  readonly writtenBytes: number;
  readonly writtenBytesLowerBound: boolean;
  /** Events recorded at a higher level than this rule gives them. */
  readonly higherRecorded: { readonly events: number; readonly bytes: number };
  readonly users: Count[];
  readonly verbs: Count[];
  readonly resources: Count[];
  readonly userAgents: Count[];
  /** With a second policy: what it would write for these events, and the difference. */
  readonly against?: { readonly bytes: number; readonly delta: number; readonly lowerBound: boolean };
}

export interface ReplayReport {
  readonly policy: { readonly name: string; readonly rules: number };
  readonly against: { readonly name: string; readonly rules: number } | null;
  readonly files: ReadonlyArray<{
    readonly name: string;
    readonly lines: number;
    readonly events: number;
    readonly bytes: number;
    readonly badLines: number;
  }>;
  /** The earliest and latest event time in the log; null when no event has one. */
  readonly timeSpan: { readonly first: string; readonly last: string } | null;
  readonly totals: {
    readonly events: number;
    readonly bytes: number;
    readonly badLines: number;
    readonly written: number;
    readonly writtenBytes: number;
    readonly writtenBytesLowerBound: boolean;
    readonly higherRecorded: { readonly events: number; readonly bytes: number };
    readonly against?: {
      readonly written: number;
      readonly writtenBytes: number;
      readonly lowerBound: boolean;
      readonly delta: number;
    };
  };
  /** Events by the level they were recorded at. */
  readonly recordedLevels: Count[];
  /** Every rule of the policy, in order. */
  readonly rules: RuleRow[];
  /** Events no rule matches (level None). */
  readonly noRule: RuleRow;
  /** 0-based indexes of the rules no event matched. */
  readonly neverMatched: number[];
  readonly againstRules?: RuleRow[];
  readonly againstNoRule?: RuleRow;
  readonly againstNeverMatched?: number[];
  /** Request kinds (`verb resource`) the policy writes and the other would not: what will we lose. */
  readonly lost?: Count[];
  /** Request kinds the other policy would write and this one does not. */
  readonly gained?: Count[];
  readonly badLines: BadLine[];
  /** What a log cannot show, said plainly. */
  readonly notes: string[];
}

export const LOG_LIMIT_NOTE =
  'A log holds only what the recording policy wrote: requests it dropped (level None, omitted stages) never reach the log, ' +
  'so no replay can count them, and bodies above the recorded level are not in it either.';

/** What GKE's Cloud Audit Log entries do not say (cloudAuditLog.ts). */
export const cloudAuditNote = (events: number): string =>
  `${events.toLocaleString('en-US')} event${events === 1 ? ' was' : 's were'} read from GKE Cloud Audit Log entries, ` +
  "which do not record the user's groups, the stage or the level: rules that match userGroups were decided as if " +
  'the user had no group, the stage is ResponseStarted for the first entry of a long request and ResponseComplete ' +
  'otherwise, and the recorded level is guessed from the bodies kept.';

/** Lines read with U+FFFD for bytes that are not UTF-8 (invalidUtf8.ts). */
export const invalidUtf8Note = (lines: number, first: { file: string; line: number }): string =>
  `${lines.toLocaleString('en-US')} line${lines === 1 ? '' : 's'} (the first at ${first.file}:${first.line}) ` +
  `held bytes that are not UTF-8, which kube-apiserver never writes: each was read as U+FFFD (\ufffd), as Go's ` +
  'encoding/json reads a string holding one, so a user, user agent, name or path there is not byte for byte ' +
  'what the client sent, and an event whose stray byte is outside a string is a bad line.';

function row(
  t: RuleTally,
  rule: number,
  line: number | null,
  level: string,
  totalBytes: number,
  withAgainst: boolean,
  top: number,
): RuleRow {
  return {
    rule,
    line,
    level,
    events: t.events,
    bytes: t.bytes,
    share: totalBytes === 0 ? 0 : t.bytes / totalBytes,
    written: t.written,
    writtenBytes: t.writtenBytes,
    writtenBytesLowerBound: t.writtenLowerBound,
    higherRecorded: { events: t.higherEvents, bytes: t.higherBytes },
    users: t.users.top(top),
    verbs: t.verbs.top(top),
    resources: t.resources.top(top),
    userAgents: t.userAgents.top(top),
    ...(withAgainst
      ? { against: { bytes: t.againstBytes, delta: t.againstBytes - t.writtenBytes, lowerBound: t.againstLowerBound } }
      : {}),
  };
}

export function buildReport(tally: ReplayTally, policy: PolicyInfo, against?: PolicyInfo, top = TOP): ReplayReport {
  const events = tally.files.reduce((n, f) => n + f.events, 0);
  const bytes = tally.files.reduce((n, f) => n + f.bytes, 0);
  const rules = tally.rules.map((t, i) =>
    row(t, i, policy.ruleLines[i] ?? null, policy.ruleLevels[i] ?? '', bytes, !!against, top),
  );
  const noRule = row(tally.noRule, -1, null, 'None', bytes, !!against, top);
  const all = [...rules, noRule];
  const sum = (pick: (r: RuleRow) => number): number => all.reduce((n, r) => n + pick(r), 0);
  const report: ReplayReport = {
    policy: { name: policy.name, rules: tally.rules.length },
    against: against ? { name: against.name, rules: tally.againstRules.length } : null,
    files: tally.files.map((f) => ({ ...f })),
    timeSpan: tally.firstTime ? { first: tally.firstTime, last: tally.lastTime } : null,
    totals: {
      events,
      bytes,
      badLines: tally.badLineCount,
      written: sum((r) => r.written),
      writtenBytes: sum((r) => r.writtenBytes),
      writtenBytesLowerBound: all.some((r) => r.writtenBytesLowerBound),
      higherRecorded: { events: sum((r) => r.higherRecorded.events), bytes: sum((r) => r.higherRecorded.bytes) },
      ...(against
        ? {
            against: {
              written: [...tally.againstRules, tally.againstNoRule].reduce((n, t) => n + t.written, 0),
              writtenBytes: sum((r) => r.against?.bytes ?? 0),
              lowerBound: all.some((r) => r.against?.lowerBound),
              delta: sum((r) => r.against?.delta ?? 0),
            },
          }
        : {}),
    },
    recordedLevels: tally.recordedLevels.top(10),
    rules,
    noRule,
    neverMatched: rules.filter((r) => r.events === 0).map((r) => r.rule),
    ...(against
      ? {
          againstRules: tally.againstRules.map((t, i) =>
            row(t, i, against.ruleLines[i] ?? null, against.ruleLevels[i] ?? '', bytes, false, top),
          ),
          againstNoRule: row(tally.againstNoRule, -1, null, 'None', bytes, false, top),
          againstNeverMatched: tally.againstRules.flatMap((t, i) => (t.events === 0 ? [i] : [])),
          lost: tally.lost.top(25),
          gained: tally.gained.top(25),
        }
      : {}),
    badLines: [...tally.badLines],
    notes: [
      LOG_LIMIT_NOTE,
      ...(tally.cloudEvents > 0 ? [cloudAuditNote(tally.cloudEvents)] : []),
      ...(tally.firstInvalidUtf8 ? [invalidUtf8Note(tally.invalidUtf8Lines, tally.firstInvalidUtf8)] : []),
    ],
  };
  return report;
}

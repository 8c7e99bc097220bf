// Replays lines of an audit log against a policy (and optionally a second one): decodes each line
// into events, decides each event as kube-apiserver did, tallies it, and hands the per-event record
// (the `--events` line) to whoever wants it. Reading files is the caller's job; this takes bytes.
//
// Each event is first sorted into its kind (kindCache.ts): the first event of a kind is decoded and
// decided in full; the next ones only have their ID, time and sizes read.
import { NEWEST_MINOR } from '../catalogue/versions';
import type { CompiledPolicy } from '../engine/evaluate';
import { attributesOfEvent } from './attributes';
import {
  auditIdOf,
  bodyAt,
  checkAuditId,
  eventOf,
  requestObjectBytes,
  responseObjectBytes,
  stageTimeMs,
  timeOf,
} from './eventFields';
import { EventLines, MAX_LINE_BYTES } from './eventLines';
import { KindCache } from './kindCache';
import { KIND_RANGES, kindRanges } from './kindKey';
import { managedFieldsBytes } from './managedFields';
import type { Slots } from './memberSlots';
import { ReplayTally } from './tally';
import type { FileTally, KindTally } from './tally';
import { PolicyJudge, writtenBytes } from './verdict';
import type { EventSizes, Verdict } from './verdict';

/** One `--events` line: a public interface (docs/REPLAY.md); keys are never renamed. */
export interface EventRecord {
  readonly file: string;
  readonly line: number;
  readonly auditID: string;
  readonly stage: string;
  readonly verb: string;
  readonly rule: number | null;
  readonly level: string;
  readonly written: boolean;
  readonly bytes: number;
  readonly againstRule?: number | null;
  readonly againstLevel?: string;
  readonly againstWritten?: boolean;
  readonly againstBytes?: number;
  readonly againstBytesEstimate?: 'lower-bound';
}

export interface ReplayerOptions {
  readonly policy: CompiledPolicy;
  readonly against?: CompiledPolicy;
  /** The Kubernetes 1.x whose kube-apiserver decides the events (1.36 when not given). */
  readonly kubernetesMinor?: number;
  /** A fast UTF-8 check (Node's buffer.isUtf8); TextDecoder's fatal mode otherwise. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  readonly onEvent?: (record: EventRecord) => void;
  /** The longest line of CRI pieces gathered (the reader's own limit; 64 MiB by default). */
  readonly maxLineBytes?: number;
}

const REPLACED = ' (the line holds bytes that are not UTF-8, read as U+FFFD)';

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Slow(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Everything the events of one kind share. */
interface EventKind {
  readonly stage: string;
  readonly verb: string;
  readonly verdict: Verdict;
  readonly against: Verdict | undefined;
  readonly tally: KindTally;
}

/** The sizes of the event being counted, read from its scanned members. */
class ScannedSizes implements EventSizes {
  bytes = 0;
  requestObjectBytes = 0;
  responseObjectBytes = 0;
  b: Uint8Array = new Uint8Array(0);
  s: Slots = new Int32Array(0);

  managedFields(body: 'requestObject' | 'responseObject'): number {
    const at = bodyAt(this.s, body);
    return at ? managedFieldsBytes(this.b, at[0], at[1]) : 0;
  }
}

export class Replayer {
  readonly tally: ReplayTally;
  private readonly judge: PolicyJudge;
  private readonly againstJudge: PolicyJudge | undefined;
  private readonly isUtf8: (bytes: Uint8Array) => boolean;
  private readonly kinds = new KindCache<EventKind>();
  private readonly ranges = new Int32Array(KIND_RANGES * 2);
  private readonly sizes = new ScannedSizes();
  /** The file being read, and its lines; the line number is the event's (its first line). */
  private file: FileTally | undefined;
  private lines: EventLines | undefined;
  private lineNumber = 0;
  /** The last line whose invalid UTF-8 was replaced: its bad-line reason says so. */
  private replacedLine = 0;

  constructor(private readonly options: ReplayerOptions) {
    const minor = options.kubernetesMinor ?? NEWEST_MINOR;
    this.judge = new PolicyJudge(options.policy, minor);
    this.againstJudge = options.against ? new PolicyJudge(options.against, minor) : undefined;
    this.tally = new ReplayTally(this.judge.ruleCount, this.againstJudge?.ruleCount);
    this.isUtf8 = options.isUtf8 ?? isUtf8Slow;
  }

  get events(): number {
    return this.tally.files.reduce((n, f) => n + f.events, 0);
  }

  /** Starts a file; its lines come next, then endFile. */
  startFile(name: string): FileTally {
    const file = this.tally.file(name);
    this.replacedLine = 0;
    this.startLines(file);
    return file;
  }

  private startLines(file: FileTally): void {
    this.file = file;
    this.lines = new EventLines(
      {
        event: (line, b, s, bytes) => {
          this.lineNumber = line;
          this.event(b, s, bytes);
        },
        bad: (line, reason) => this.tally.bad(file, line, line === this.replacedLine ? `${reason}${REPLACED}` : reason),
        cloudEntry: () => this.tally.cloudEvents++,
        invalidUtf8: (line) => {
          this.tally.invalidUtf8(file, line);
          this.replacedLine = line;
        },
      },
      this.options.maxLineBytes ?? MAX_LINE_BYTES,
      this.isUtf8,
    );
  }

  /** The end of the file startFile began: lines it left unfinished (CRI pieces) are bad lines. */
  endFile(): void {
    this.lines?.end();
    this.lines = undefined;
  }

  /** A line the reader could not hand over (longer than it keeps, say). */
  badLine(file: FileTally, line: number, reason: string): void {
    file.lines++;
    this.tally.bad(file, line, reason);
  }

  /** One line without its line terminator; `lineBytes` is its size in the input with the terminator. */
  line(file: FileTally, line: number, bytes: Uint8Array, lineBytes: number): void {
    file.lines++;
    if (file !== this.file || this.lines === undefined) this.startLines(file);
    this.lines!.line(line, bytes, lineBytes);
  }

  /** One event, as its scanned members: every check eventOf makes is made before anything is counted. */
  private event(b: Uint8Array, s: Slots, bytes: number): void {
    const cacheable = kindRanges(b, s, this.ranges);
    let kind = cacheable ? this.kinds.find(b, this.ranges) : undefined;
    let auditID = '';
    if (kind === undefined) {
      const event = eventOf(b, s, bytes);
      const attributes = attributesOfEvent(event);
      const verdict = this.judge.judge(event, attributes);
      const against = this.againstJudge?.judge(event, attributes);
      kind = {
        stage: event.stage,
        verb: event.verb,
        verdict,
        against,
        tally: this.tally.kind(event, attributes, verdict, against),
      };
      if (cacheable) this.kinds.add(b, this.ranges, kind);
      auditID = event.auditID;
      this.tally.time(event.time);
    } else {
      // The members the kind's bytes do not cover, checked in eventOf's order before anything is
      // counted; their strings are made only when they are used.
      if (this.options.onEvent) auditID = auditIdOf(b, s);
      else checkAuditId(b, s);
      const ms = stageTimeMs(b, s);
      if (ms === undefined) this.tally.time(timeOf(b, s));
      else if (this.tally.widens(ms)) this.tally.time(timeOf(b, s));
    }
    const sizes = this.sizes;
    sizes.b = b;
    sizes.s = s;
    sizes.bytes = bytes;
    sizes.requestObjectBytes = requestObjectBytes(s);
    sizes.responseObjectBytes = responseObjectBytes(s);
    const written = writtenBytes(kind.verdict, sizes);
    const against = kind.against && writtenBytes(kind.against, sizes);
    this.tally.count(this.file!, kind.tally, bytes, written, against ?? 0);
    if (this.options.onEvent) this.record(kind, auditID, bytes, against);
  }

  private record(kind: EventKind, auditID: string, bytes: number, againstBytes: number | undefined): void {
    const { verdict, against } = kind;
    this.options.onEvent!({
      file: this.file!.name,
      line: this.lineNumber,
      auditID,
      stage: kind.stage,
      verb: kind.verb,
      rule: verdict.rule,
      level: verdict.level,
      written: verdict.written,
      bytes,
      ...(against
        ? {
            againstRule: against.rule,
            againstLevel: against.level,
            againstWritten: against.written,
            againstBytes: againstBytes!,
            ...(against.lowerBound ? { againstBytesEstimate: 'lower-bound' as const } : {}),
          }
        : {}),
    });
  }
}

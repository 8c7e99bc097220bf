// Replays lines of an audit log against a policy (and optionally a second one): decodes each line
// into events, decides each event as kube-apiserver did, tallies it, and hands the per-event record
// (the `--events` line) to whoever wants it. Reading files is the caller's job; this takes bytes.
import type { CompiledPolicy } from '../engine/evaluate';
import { attributesOfEvent } from './attributes';
import { decodeLine } from './event';
import type { AuditEvent } from './event';
import { JsonSyntaxError } from './jsonScan';
import { ReplayTally } from './tally';
import type { FileTally } from './tally';
import { PolicyJudge } from './verdict';

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
  /** A fast UTF-8 check (Node's buffer.isUtf8); TextDecoder's fatal mode otherwise. */
  readonly isUtf8?: (bytes: Uint8Array) => boolean;
  readonly onEvent?: (record: EventRecord) => void;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8Slow(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export class Replayer {
  readonly tally: ReplayTally;
  private readonly judge: PolicyJudge;
  private readonly againstJudge: PolicyJudge | undefined;
  private readonly isUtf8: (bytes: Uint8Array) => boolean;

  constructor(private readonly options: ReplayerOptions) {
    this.judge = new PolicyJudge(options.policy);
    this.againstJudge = options.against ? new PolicyJudge(options.against) : undefined;
    this.tally = new ReplayTally(this.judge.ruleCount, this.againstJudge?.ruleCount);
    this.isUtf8 = options.isUtf8 ?? isUtf8Slow;
  }

  get events(): number {
    return this.tally.files.reduce((n, f) => n + f.events, 0);
  }

  startFile(name: string): FileTally {
    return this.tally.file(name);
  }

  /** A line the reader could not hand over (longer than it keeps, say). */
  badLine(file: FileTally, line: number, reason: string): void {
    file.lines++;
    this.tally.bad(file, line, reason);
  }

  /** One line without its line terminator; `lineBytes` is its size in the input with the terminator. */
  line(file: FileTally, line: number, bytes: Uint8Array, lineBytes: number): void {
    file.lines++;
    if (!this.isUtf8(bytes)) {
      this.tally.bad(file, line, 'not valid UTF-8 (kube-apiserver writes UTF-8 only)');
      return;
    }
    try {
      decodeLine(bytes, lineBytes, {
        event: (event) => this.event(file, line, event),
        bad: (reason, where) => this.tally.bad(file, line, where ? `${where}: ${reason}` : reason),
      });
    } catch (error) {
      if (error instanceof JsonSyntaxError || error instanceof SyntaxError)
        this.tally.bad(file, line, `not JSON: ${error.message}`);
      else throw error;
    }
  }

  private event(file: FileTally, line: number, event: AuditEvent): void {
    const attributes = attributesOfEvent(event);
    const verdict = this.judge.judge(event, attributes);
    const against = this.againstJudge?.judge(event, attributes);
    this.tally.add(file, event, attributes, verdict, against);
    if (!this.options.onEvent) return;
    this.options.onEvent({
      file: file.name,
      line,
      auditID: event.auditID,
      stage: event.stage,
      verb: event.verb,
      rule: verdict.rule,
      level: verdict.level,
      written: verdict.written,
      bytes: event.bytes,
      ...(against
        ? {
            againstRule: against.rule,
            againstLevel: against.level,
            againstWritten: against.written,
            againstBytes: against.bytes,
            ...(against.lowerBound ? { againstBytesEstimate: 'lower-bound' as const } : {}),
          }
        : {}),
    });
  }
}

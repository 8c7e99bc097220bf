// The lines of one log file, each into its events: a JSON line as kube-apiserver's log backend
// writes it (or any container event.ts reads), and the same JSON with text around it (lineText.ts):
// a container runtime's CRI lines, whose pieces are joined first, a prefix, a CSV field.
import { scanLine } from './event';
import type { ScannedSink, Slots } from './event';
import { JsonSyntaxError } from './jsonScan';
import { criLine, embeddedJson, PartialLines } from './lineText';

export interface EventLinesSink {
  /** `s` is valid during the call only; `bytes` is the event's size (its line with the newline). */
  event(line: number, b: Uint8Array, s: Slots, bytes: number): void;
  bad(line: number, reason: string): void;
  /** After an event made from a GKE Cloud Audit Log entry, which records no groups. */
  cloudEntry?(): void;
}

const isBlank = (b: Uint8Array): boolean => b.every((c) => c === 0x20 || c === 0x09 || c === 0x0d);

/** One per file: pieces of a CRI line never span files. */
export class EventLines {
  private readonly partial: PartialLines;
  private lineNumber = 0;
  private readonly scanned: ScannedSink = {
    event: (b, s, bytes) => this.sink.event(this.lineNumber, b, s, bytes),
    bad: (reason, where) => this.sink.bad(this.lineNumber, where ? `${where}: ${reason}` : reason),
    cloudEntry: () => this.sink.cloudEntry?.(),
  };

  constructor(
    private readonly sink: EventLinesSink,
    maxLineBytes: number,
  ) {
    this.partial = new PartialLines(maxLineBytes);
  }

  /** One line without its terminator; `lineBytes` is its size in the input with the terminator. */
  line(line: number, b: Uint8Array, lineBytes: number): void {
    const first = b[0];
    if (first !== 0x7b && first !== 0x5b) {
      const cri = criLine(b);
      if (cri) return this.criPiece(line, b, cri);
    }
    this.decode(line, b, lineBytes, true);
  }

  /** Says which lines began pieces that never ended; call at the end of the file. */
  end(): void {
    for (const line of this.partial.unfinished())
      this.sink.bad(line, 'a line cut into pieces (CRI tag P) whose last piece (tag F) never came');
  }

  private criPiece(line: number, b: Uint8Array, cri: NonNullable<ReturnType<typeof criLine>>): void {
    let whole;
    try {
      whole = this.partial.add(line, b, cri);
    } catch (error) {
      if (error instanceof RangeError) return this.sink.bad(line, error.message);
      throw error;
    }
    if (whole === undefined || isBlank(whole.content)) return;
    // kube-apiserver writes audit events to standard output, klog's messages to standard error.
    if (cri.stream === 'stderr' && whole.content[0] !== 0x7b)
      return this.sink.bad(whole.line, 'standard error output, not an audit event (events go to standard output)');
    this.decode(whole.line, whole.content, whole.content.length + 1, false);
  }

  /** The JSON of a line, else the JSON found inside it (`lookInside`), sized as the event's own line. */
  private decode(line: number, b: Uint8Array, bytes: number, lookInside: boolean): void {
    this.lineNumber = line;
    try {
      scanLine(b, bytes, this.scanned); // throws only before anything is handed over
      return;
    } catch (error) {
      if (!(error instanceof JsonSyntaxError || error instanceof SyntaxError)) throw error;
      const inner = lookInside ? embeddedJson(b) : undefined;
      if (inner !== undefined && inner.length < b.length) {
        try {
          scanLine(inner, inner.length + 1, this.scanned);
          return;
        } catch (second) {
          if (!(second instanceof JsonSyntaxError || second instanceof SyntaxError)) throw second;
        }
      }
      this.sink.bad(line, `not JSON: ${error.message}`);
    }
  }
}

// What `test --generate` reads: the requests of one input, which is either an audit log (any shape
// replay reads: log backend lines, webhook EventList batches, AKS records; decoded by the replay
// reader, each event's attributes as kube-apiserver's checker saw them) or a file of request lines
// (`[USER] [groups=G1,G2] METHOD /path`, `#` comments). The input's first line that is not blank
// or a comment decides which: JSON (`{` or `[`) makes it an audit log. A line that cannot be read
// is handed to `bad` with the reason, and the rest is read.
import { RequestError } from '../engine/request';
import type { RequestAttributes } from '../engine/request';
import { parseRequestLine } from '../engine/requestInfo';
import { attributesOfEvent } from '../replay';
import { eventOf } from '../replay/eventFields';
import { EventLines, MAX_LINE_BYTES } from '../replay/eventLines';
import { legacyMarker } from '../replay/legacyLine';
import { criLine, embeddedJson } from '../replay/lineText';

export type InputKind = 'audit log' | 'request lines';

export interface RequestSink {
  request(request: RequestAttributes): void;
  bad(line: number, reason: string): void;
}

/** UTF-8 from the platform (Node's buffer.isUtf8 and Buffer; the service layer has no text codec). */
export interface Utf8 {
  isValid(bytes: Uint8Array): boolean;
  decode(bytes: Uint8Array): string;
}

function firstSignificantByte(bytes: Uint8Array): number | undefined {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return b;
  return undefined;
}

const isJsonStart = (b: number | undefined): boolean => b === 0x7b || b === 0x5b; // { [

/**
 * An audit log's line: JSON, JSON after text (a CRI line, a prefix, a CSV field), or kube-apiserver's
 * text format (` AUDIT: `); a request line has neither `{"` nor ` AUDIT: `.
 */
const isLogLine = (bytes: Uint8Array, first: number): boolean =>
  isJsonStart(first) || criLine(bytes) !== undefined || legacyMarker(bytes) !== -1 || embeddedJson(bytes) !== undefined;

/** Reads the lines of one input; make one per input, since each input has its own kind. */
export class RequestLogReader {
  private detected: InputKind | undefined;
  /** Requests read (an audit log's events, or request lines). */
  requests = 0;
  private readonly eventLines = new EventLines(
    {
      event: (_line, b, s, bytes) => this.add(attributesOfEvent(eventOf(b, s, bytes))),
      bad: (line, reason) => this.sink.bad(line, reason),
    },
    MAX_LINE_BYTES,
    (bytes) => this.utf8.isValid(bytes),
  );

  constructor(
    private readonly sink: RequestSink,
    private readonly utf8: Utf8,
  ) {}

  /** What the input turned out to be; undefined while it has held only blank lines and comments. */
  get kind(): InputKind | undefined {
    return this.detected;
  }

  /** One line without its terminator (a pretty-printed JSON document gathered into one). */
  line(line: number, bytes: Uint8Array): void {
    const first = firstSignificantByte(bytes);
    if (first === undefined) return;
    if (this.detected === undefined) {
      if (first === 0x23) return; // a comment before anything else: request lines' syntax
      this.detected = isLogLine(bytes, first) ? 'audit log' : 'request lines';
    }
    if (!this.utf8.isValid(bytes)) {
      this.sink.bad(line, 'not valid UTF-8');
      return;
    }
    if (this.detected === 'audit log') this.eventLines.line(line, bytes, bytes.length + 1);
    else this.requestLine(line, bytes, first);
  }

  /** The end of the input: an audit log's unfinished lines (CRI pieces) are bad lines. */
  end(): void {
    this.eventLines.end();
  }

  private requestLine(line: number, bytes: Uint8Array, first: number): void {
    if (first === 0x23) return;
    if (isJsonStart(first)) {
      this.sink.bad(
        line,
        'JSON (an audit event?) in a file of request lines: give audit logs and request lines as separate files',
      );
      return;
    }
    try {
      this.add(parseRequestLine(this.utf8.decode(bytes)));
    } catch (error) {
      if (error instanceof RequestError) this.sink.bad(line, error.message);
      else throw error;
    }
  }

  private add(request: RequestAttributes): void {
    this.requests++;
    this.sink.request(request);
  }
}

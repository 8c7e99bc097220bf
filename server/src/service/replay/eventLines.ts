// The lines of one log file, each into its events: a JSON line as kube-apiserver's log backend
// writes it (or any container eventContainers.ts reads), and the same JSON with text around it (lineText.ts):
// a container runtime's lines (CRI, or Docker's json-file), whose pieces are joined first, a
// prefix, a CSV field.
import { scanLine } from './eventContainers';
import type { ScannedSink } from './eventContainers';
import type { Slots } from './memberSlots';
import { forEachMember, JsonSyntaxError, KeyTable, skipSpace, skipValue, unescapeString } from './jsonScan';
import { LegacyLines, legacyMarker } from './legacyLine';
import { replaceInvalidUtf8 } from './invalidUtf8';
import { criLine, embeddedJson, PartialLines } from './lineText';
import { csvEntry, csvFields, csvHeader, csvJsonCell, csvRecord, namesCloudEntry } from './csvRows';
import { AKS_AUDIT_COLUMNS } from './aksAuditTable';
import type { CriLine } from './lineText';
import { goCompact, oneLine } from './goCompact';

export interface EventLinesSink {
  /** `s` is valid during the call only; `bytes` is the event's size (its line with the newline). */
  event(line: number, b: Uint8Array, s: Slots, bytes: number): void;
  bad(line: number, reason: string): void;
  /** After an event made from a GKE Cloud Audit Log entry, which records no groups. */
  cloudEntry?(): void;
  /** Before the events of a line whose bytes that are not UTF-8 were read as U+FFFD. */
  invalidUtf8?(line: number): void;
}

export { MAX_LINE_BYTES } from './containerSink';

/** A line of spaces, tabs and carriage returns only: no event, and no bad line either. */
export function isBlank(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0x20 && b[i] !== 0x09 && b[i] !== 0x0d) return false;
  return true;
}

/** How Docker's json-file log driver starts each line (daemon/logger/jsonfilelog). */
const DOCKER_LOG = new TextEncoder().encode('{"log":"');
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
  if (b.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (b[i] !== prefix[i]) return false;
  return true;
}

/**
 * A line of Docker's json-file driver (`{"log":"...","stream":"stdout","time":"..."}`) as a piece
 * of its container's output: Docker cuts a line longer than 16 KiB into records whose `log` has no
 * final newline, and the record that ends the line has one. undefined for any other object.
 */
function dockerLine(b: Uint8Array): (CriLine & { content: Uint8Array }) | undefined {
  let log = -1;
  let logEnd = -1;
  let stream: 'stdout' | 'stderr' | undefined;
  try {
    const end = forEachMember(b, 0, (keyStart, keyEnd, valueStart, valueEnd) => {
      const key = DOCKER_KEYS.find(b, keyStart, keyEnd);
      if (key === 0 && b[valueStart] === 0x22) [log, logEnd] = [valueStart, valueEnd];
      if (key !== 1) return;
      const which = STREAMS.find(b, valueStart, valueEnd);
      stream = which === 0 ? 'stdout' : which === 1 ? 'stderr' : undefined;
    });
    if (skipSpace(b, end) !== b.length || log === -1 || stream === undefined) return undefined;
    let content = unescapeString(b, log, logEnd);
    const full = content[content.length - 1] === 0x0a;
    if (full) content = content.subarray(0, content.length - 1);
    return { stream, full, contentStart: 0, content };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
}

/**
 * klog's header (`I1202 01:02:03.456789    1 controller.go:615] ...`: severity, date, time, thread,
 * file:line), at the start of the line or after a prefix (`kubectl logs --prefix`). With
 * `--audit-log-path=-` kube-apiserver writes events to standard output and these to standard
 * error; `kubectl logs` shows both, one after the other.
 */
const KLOG_HEADER = /(^|[\s\]])[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s\]]+:\d+\] /;
const KLOG_LINE = "a log message of kube-apiserver (klog's format), not an audit event";

function isKlogLine(b: Uint8Array): boolean {
  return KLOG_HEADER.test(utf8.decode(b.subarray(0, 200)));
}

const DOCKER_KEYS = new KeyTable(['log', 'stream']);
/** The values, quotes included, as KeyTable compares them. */
const STREAMS = new KeyTable(['stdout', 'stderr']);

/** The columns of a CSV export whose rows are records, and how a row is made one (csvRows.ts). */
interface RecordColumns {
  readonly columns: string[];
  readonly record: (text: string, header: readonly string[]) => string | undefined;
}

/**
 * The columns of a header line of a CSV export of AKSAudit or AKSAuditAdmin rows (one column per
 * field of the event, `Verb` and `RequestUri` among them), or of Cloud Logging entries (a payload
 * column, `protoPayload` or `protoPayload.methodName`...), or of any records one of whose cells is
 * the event's JSON (CloudWatch Logs Insights' `@message`); undefined for any other line. A row of
 * such a file is read as the row it is (aksAuditTable.ts, cloudAuditLog.ts), not as the first JSON
 * found in it (`User`, `protoPayload`).
 */
function recordCsvHeader(b: Uint8Array): RecordColumns | undefined {
  if (b.length > 64 * 1024) return undefined;
  const columns = csvHeader(utf8.decode(b));
  if (columns === undefined) return undefined;
  if (AKS_AUDIT_COLUMNS.every((c) => columns.includes(c))) return { columns, record: csvRecord };
  return { columns, record: namesCloudEntry(columns) ? csvEntry : csvJsonCell };
}

/** What may part an event's JSON from text after it on a line: a tab, a space, a comma, `|`, `;`. */
const TRAILING_SEPARATORS = new Set([0x09, 0x20, 0x2c, 0x7c, 0x3b]);

/** Where the JSON value at the start of `b` ends, or -1 when it is not one. */
function valueEnd(b: Uint8Array): number {
  try {
    return skipValue(b, 0);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return -1;
    throw error;
  }
}

/** One per file: pieces of a CRI line never span files. */
export class EventLines {
  private readonly partial: PartialLines;
  private lineNumber = 0;
  /** Whether a line of the file was read: only the first may be a CSV header. */
  private sawLine = false;
  /** The columns of a CSV export of records (csvRows.ts), from its header line. */
  private csvColumns: RecordColumns | undefined;
  /** The text lines of the file (legacyLine.ts): a 1.7 request line waits for its response line. */
  private readonly legacyLines = new LegacyLines();
  private readonly scanned: ScannedSink = {
    event: (b, s, bytes) => this.sink.event(this.lineNumber, b, s, bytes),
    bad: (reason, where) => this.sink.bad(this.lineNumber, where ? `${where}: ${reason}` : reason),
    cloudEntry: () => this.sink.cloudEntry?.(),
  };

  constructor(
    private readonly sink: EventLinesSink,
    maxLineBytes: number,
    private readonly isUtf8: (bytes: Uint8Array) => boolean,
  ) {
    this.partial = new PartialLines(maxLineBytes);
  }

  /** One line without its terminator; `lineBytes` is its size in the input with the terminator. */
  line(line: number, b: Uint8Array, lineBytes: number): void {
    const sawLine = this.sawLine;
    this.sawLine = true;
    if (!sawLine && b[0] !== 0x7b && b[0] !== 0x5b) this.csvColumns = recordCsvHeader(b);
    if (this.csvColumns && sawLine) {
      const text = utf8.decode(b);
      const record = this.csvColumns.record(text, this.csvColumns.columns);
      if (record !== undefined) {
        // A JSON cell over lines is read, and sized, as kube-apiserver's line of the same JSON.
        const bytes = record.includes('\n') ? oneLine(encoder.encode(record)) : encoder.encode(record);
        return this.decode(line, bytes, bytes.length + 1, false);
      }
      // A row over lines (a quoted cell holds line breaks) is no line of JSON: say why it is no row.
      if (b.indexOf(0x0a) !== -1) {
        const fields = csvFields(text)?.length;
        const columns = this.csvColumns.columns.length;
        const why = fields === undefined ? 'text after a closing quote' : `${fields} fields for ${columns} columns`;
        return this.sink.bad(line, `not a row of the CSV header's columns (${why})`);
      }
    }
    const first = b[0];
    if (first !== 0x7b && first !== 0x5b) {
      const cri = criLine(b);
      if (cri) return this.criPiece(line, b, cri);
    } else if (first === 0x7b && startsWith(b, DOCKER_LOG)) {
      const docker = dockerLine(b);
      if (docker) return this.criPiece(line, docker.content, docker);
    }
    this.decode(line, b, lineBytes, true);
  }

  /** Says which lines began pieces that never ended; call at the end of the file. */
  end(): void {
    for (const line of this.partial.unfinished())
      this.sink.bad(
        line,
        'a line cut into pieces (CRI tag P, or Docker records without a newline) whose last piece never came',
      );
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

  /** A line of kube-apiserver's text format (legacyLine.ts), sized as that line. */
  private legacy(line: number, b: Uint8Array, bytes: number, at: number): void {
    let event: Uint8Array;
    try {
      event = encoder.encode(this.legacyLines.event(utf8.decode(b), at));
    } catch (error) {
      return this.sink.bad(line, `not an audit event: ${error instanceof Error ? error.message : String(error)}`);
    }
    scanLine(event, bytes, this.scanned);
  }

  /** The JSON of a line, else the JSON found inside it (`lookInside`), sized as the event's own line. */
  private decode(line: number, b: Uint8Array, bytes: number, lookInside: boolean): void {
    this.lineNumber = line;
    // Checked on the whole line, its pieces joined: a runtime cuts a long line at a byte count,
    // sometimes inside a character. Only a line that fails the check is copied.
    if (!this.isUtf8(b)) {
      b = replaceInvalidUtf8(b);
      this.sink.invalidUtf8?.(line);
    }
    try {
      scanLine(b, bytes, this.scanned); // throws only before anything is handed over
      return;
    } catch (error) {
      if (!(error instanceof JsonSyntaxError || error instanceof SyntaxError)) throw error;
      const at = legacyMarker(b);
      if (at !== -1) return this.legacy(line, b, bytes, at);
      let inner = lookInside ? embeddedJson(b) : undefined;
      if (inner !== undefined && inner.indexOf(0x0a) !== -1) inner = goCompact(inner) ?? inner; // a CSV cell over lines
      if (inner !== undefined && inner.length < b.length) {
        try {
          scanLine(inner, inner.length + 1, this.scanned);
          return;
        } catch (second) {
          if (!(second instanceof JsonSyntaxError || second instanceof SyntaxError)) throw second;
        }
      }
      // The JSON, then other columns after a separator (a TSV export: `az monitor log-analytics
      // query --output tsv` of AzureDiagnostics, log_s among the columns): the object alone, sized
      // as its own line.
      const json = lookInside ? (inner ?? b) : undefined;
      const end = json && json[0] === 0x7b ? valueEnd(json) : -1;
      if (end > 0 && end < json!.length && TRAILING_SEPARATORS.has(json![end])) {
        try {
          scanLine(json!.subarray(0, end), end + 1, this.scanned);
          return;
        } catch (third) {
          if (!(third instanceof JsonSyntaxError || third instanceof SyntaxError)) throw third;
        }
      }
      this.sink.bad(line, isKlogLine(b) ? KLOG_LINE : `not JSON: ${error.message}`);
    }
  }
}

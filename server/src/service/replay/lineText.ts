// Audit events on lines that carry text around them, as they reach a user when kube-apiserver writes
// its audit log to standard output (`--audit-log-path=-`) or a tool prints it:
// - a container runtime's log file (CRI format, /var/log/containers/*.log, `kubectl logs` of a
//   static pod's file on the node): `2024-05-01T10:00:00.123456789Z stdout F {...}`, where a line
//   longer than the runtime's limit (16 KiB by default in containerd) is cut into pieces tagged `P`
//   and the last one `F` (kubelet `pkg/kubelet/kuberuntime/logs/logs.go`, parseCRILog);
// - a prefix before the JSON: the node name `oc adm node-logs` puts before each line, a syslog
//   header, `kubectl logs --prefix`'s `[pod/x/c] `;
// - a CSV export (CloudWatch Logs Insights, Log Analytics): the event is one quoted field, its
//   quotes doubled (RFC 4180).
// Each function gives the event's own text: what kube-apiserver wrote, which is what replay sizes.

const SPACE = 0x20;
const QUOTE = 0x22;
const OPEN_OBJECT = 0x7b;

export interface CriLine {
  /** stdout or stderr: pieces of one line are joined per stream, as kubelet does. */
  readonly stream: 'stdout' | 'stderr';
  /** false for a `P` piece, whose line goes on in the next piece of the same stream. */
  readonly full: boolean;
  /** Where the content starts; it runs to the end of the line. */
  readonly contentStart: number;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function wordIs(b: Uint8Array, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (b[at + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * A CRI log line (`TIMESTAMP STREAM TAGS CONTENT`; TAGS is `P` or `F`, optionally followed by
 * `:`-separated tags), as kubelet's parseCRILog reads it; undefined for any other line. The
 * timestamp must start with a digit and hold a `T` (RFC 3339), which a JSON line never does.
 */
export function criLine(b: Uint8Array): CriLine | undefined {
  if (b.length === 0 || !isDigit(b[0])) return undefined;
  let p = 0;
  let sawT = false;
  for (; p < b.length && b[p] !== SPACE; p++) if (b[p] === 0x54) sawT = true;
  if (!sawT || p === b.length) return undefined;
  p++;
  let stream: 'stdout' | 'stderr';
  if (wordIs(b, p, 'stdout ')) stream = 'stdout';
  else if (wordIs(b, p, 'stderr ')) stream = 'stderr';
  else return undefined;
  p += 7;
  const tag = b[p];
  if (tag !== 0x46 && tag !== 0x50) return undefined; // F, P
  p++;
  if (b[p] === 0x3a) while (p < b.length && b[p] !== SPACE) p++; // more tags after ':'
  if (p < b.length && b[p] !== SPACE) return undefined;
  return { stream, full: tag === 0x46, contentStart: Math.min(p + 1, b.length) };
}

/**
 * The event inside a line that does not start with it: the JSON from the first `{"` to the end of
 * the line, or the JSON of a quoted CSV field (`"{""kind"":""Event"",…}"`, quotes doubled), unquoted
 * into a new buffer. undefined when the line holds no `{"`. The caller checks that the text found is
 * one JSON value.
 */
export function embeddedJson(b: Uint8Array): Uint8Array | undefined {
  let at = b.indexOf(OPEN_OBJECT);
  while (at !== -1 && b[at + 1] !== QUOTE) at = b.indexOf(OPEN_OBJECT, at + 1);
  if (at === -1) return undefined;
  if (at > 0 && b[at - 1] === QUOTE && b[at + 2] === QUOTE) return csvField(b, at);
  return b.subarray(at);
}

/** The field that opens with the quote before `at`, up to its closing quote, with `""` made `"`. */
function csvField(b: Uint8Array, at: number): Uint8Array {
  const out = new Uint8Array(b.length - at);
  let n = 0;
  for (let p = at; p < b.length; p++) {
    if (b[p] === QUOTE) {
      if (b[p + 1] !== QUOTE) break; // the closing quote
      p++;
    }
    out[n++] = b[p];
  }
  return out.subarray(0, n);
}

/**
 * Pieces of CRI lines (`P`) waiting for the piece that ends them (`F`), per stream; one per file.
 * What is gathered is bounded by the caller's longest line.
 */
export class PartialLines {
  private readonly pending = new Map<string, { line: number; parts: Uint8Array[]; bytes: number }>();

  constructor(private readonly maxBytes: number) {}

  /**
   * Adds a piece. Returns the whole line and the line number of its first piece when `cri` is
   * full; undefined while pieces are gathered. Throws RangeError past maxBytes (the pieces so far are
   * dropped).
   */
  add(line: number, b: Uint8Array, cri: CriLine): { line: number; content: Uint8Array } | undefined {
    const content = b.subarray(cri.contentStart);
    const started = this.pending.get(cri.stream);
    if (started === undefined && cri.full) return { line, content };
    const gathered = started ?? { line, parts: [], bytes: 0 };
    gathered.bytes += content.length;
    if (gathered.bytes > this.maxBytes) {
      this.pending.delete(cri.stream);
      throw new RangeError(`a line of pieces (CRI tag P) longer than ${this.maxBytes / 1024 / 1024} MiB`);
    }
    if (!cri.full) {
      gathered.parts.push(content.slice());
      this.pending.set(cri.stream, gathered);
      return undefined;
    }
    this.pending.delete(cri.stream);
    const whole = new Uint8Array(gathered.bytes);
    let p = 0;
    for (const part of [...gathered.parts, content]) {
      whole.set(part, p);
      p += part.length;
    }
    return { line: gathered.line, content: whole };
  }

  /** The first lines of pieces never ended (the file ended first), and forgets them. */
  unfinished(): number[] {
    const lines = [...this.pending.values()].map((p) => p.line);
    this.pending.clear();
    return lines;
  }
}

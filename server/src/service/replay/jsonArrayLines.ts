// A JSON array spread over lines, read an element at a time: what `jq -s .`, a script's
// `json.dump(events, indent=2)`, Logs Explorer's JSON download and many exports write. The array
// opens on a line of its own (`[`), or with its first element (`[{...},`); its elements come one per
// line (`{...},`) or pretty-printed over many, commas between them (or none, as a list of lines
// pasted between brackets), and a `]` ends it. Each element is handed on as a line of its own, at
// the line it starts on, sized as its text with a newline (a pretty-printed one with its newlines):
// the events of a huge export are never gathered into one document, each is found at its own
// line, and a broken element is one bad line while the others count.
//
// An element is followed over lines by its nesting (jsonFollower.ts). JSON never has a newline
// inside a string, so a line that ends inside one ends a broken element (a line cut short). So does
// a line no deeper than the element's first line that cannot go on with it (the next element starts
// there); an array written with no indentation (`json.dump(events, f, indent=0)`) has every line at
// column 0, and its lines go on with their element as the grammar allows. Text that is no element
// (`some note`) ends the array: its opening line was no array's, or the array is cut off there;
// that line and the ones after it are read as lines. An array may also be the last member of objects
// its opening line opens (`{"records": [`, wrappedArray.ts); their closing follows its `]`.
import { oneLine } from './goCompact';
import { JsonFollower, opensValue } from './jsonFollower';
import { CLOSE_ARRAY, CLOSE_OBJECT, COMMA, endOrNone, OPEN_ARRAY, OPEN_OBJECT, skipValue } from './jsonScan';
import { closeWrappers } from './wrappedArray';
import type { LogLines } from './yamlDocuments';

const UNENDED = 'a JSON document that does not end';

/** Spaces and tabs at the start of a line; its length when it holds nothing else. */
export function indentOf(line: Uint8Array): number {
  let i = 0;
  while (i < line.length && (line[i] === 0x20 || line[i] === 0x09)) i++;
  return i;
}

/** Where the JSON value at `p` ends on the line, or -1 when it does not end there or is no JSON. */
const valueEnd = (b: Uint8Array, p: number): number => endOrNone(skipValue, b, p);

/**
 * Whether `line` opens an array that goes on over the next lines: `[` alone, or `[` and the start of
 * its first element (`[{"kind":"Event",...},`) when the line is no whole JSON value.
 */
export function opensArray(line: Uint8Array): boolean {
  const p = indentOf(line);
  if (line[p] !== OPEN_ARRAY) return false;
  let q = p + 1;
  while (q < line.length && (line[q] === 0x20 || line[q] === 0x09)) q++;
  if (q === line.length) return true;
  return (line[q] === OPEN_OBJECT || line[q] === OPEN_ARRAY) && valueEnd(line, p) === -1;
}

/** An element followed over lines: its parts, its first line, its first line's indentation. */
interface Element {
  readonly line: number;
  readonly indent: number;
  readonly parts: Uint8Array[];
  bytes: number;
  readonly json: JsonFollower;
}

/** The array opened at a line (opensArray), taking the lines after it until it ends. */
export class JsonArrayLines {
  /** The `]` came: the lines after are no longer the array's. */
  ended = false;
  private element: Element | undefined;
  /** After a broken element: the lines deeper than its first are its rest, and are dropped. */
  private skipDeeperThan = -1;
  private elements = 0;
  private readonly opening: [number, Uint8Array, number];
  /** After the `]`: how many objects around the array (wrappedArray.ts) are still open. */
  private closing = 0;

  /**
   * `handler` takes the elements as lines, and the lines the array gives back; the array's text
   * starts at `start` on the opening line, `wrapped` in an object that line opens.
   */
  constructor(
    line: number,
    bytes: Uint8Array,
    inputBytes: number,
    private readonly handler: LogLines,
    private readonly maxBytes: number,
    start = indentOf(bytes) + 1,
    private readonly wrapped = false,
  ) {
    this.opening = [line, bytes.slice(), inputBytes];
    const failed = start < bytes.length ? this.read(line, bytes, start, indentOf(bytes)) : -1;
    if (failed === -1) return;
    // Text after the first element that is no part of an array: the line is read as what it is.
    this.ended = true;
    if (this.elements === 0) this.handler.line(...this.opening);
    else this.stop(line, bytes, failed);
  }

  /** A line after the opening one: false when it is not the array's, and is to be read as a line. */
  line(n: number, b: Uint8Array, _inputBytes: number): boolean {
    const indent = indentOf(b);
    if (indent === b.length) return true; // blank: between elements, or a blank line of text after it
    if (this.closing > 0) return this.closeOn(n, b, indent, true);
    if (this.skipDeeperThan !== -1) {
      if (indent > this.skipDeeperThan) return true;
      const closes = indent === this.skipDeeperThan && (b[indent] === CLOSE_OBJECT || b[indent] === CLOSE_ARRAY);
      this.skipDeeperThan = -1;
      if (closes) return this.readOn(n, b, indent + 1, indent);
    }
    let p = 0;
    const e = this.element;
    if (e) {
      if (indent <= e.indent && !e.json.goesOnWith(b[indent])) this.broken(false);
      else {
        const end = e.json.follow(b, 0);
        if (end === -1) {
          if (e.json.inString) return (this.broken(true), true);
          this.add(e, b);
          return true;
        }
        this.add(e, b.subarray(0, end));
        this.element = undefined;
        // Read, and sized, as kube-apiserver's line of the same JSON (goCompact.ts).
        this.emit(e.line, e.parts.length > 1 ? oneLine(joined(e.parts, e.bytes)) : e.parts[0]);
        p = end;
      }
    }
    return this.readOn(n, b, p, indent);
  }

  /** Reads line `n` from `p` (what is before was taken): false when it is to be read as a line. */
  private readOn(n: number, b: Uint8Array, p: number, indent: number): boolean {
    const before = this.elements;
    const failed = this.read(n, b, p, indent);
    if (failed === -1) return true;
    if (p === 0 && this.elements === before) {
      // Nothing of the line was the array's: it ends before the line, which is read as a line.
      this.ended = true;
      if (this.elements === 0) this.handler.line(...this.opening);
      else this.handler.bad(this.opening[0], `${UNENDED} (line ${n} is no element of the array this line opens)`);
      return false;
    }
    this.stop(n, b, failed);
    return true;
  }

  /** Call at the end of the file: an element left open is a bad line, and so is the opening line. */
  end(): void {
    if (this.ended) return;
    if (this.element) this.broken(false);
    this.ended = true;
    const what = this.closing > 0 ? '"}" closes the "{"' : '"]" closes the "["';
    this.handler.bad(this.opening[0], `${UNENDED} (no ${what} of this line)`);
  }

  /**
   * Reads the array's text on line `n` from `p`: its elements, commas and `]`. -1 when the line was
   * read; otherwise where text that is no part of an array starts.
   */
  private read(n: number, b: Uint8Array, p: number, indent: number): number {
    for (;;) {
      while (p < b.length && (b[p] === 0x20 || b[p] === 0x09 || b[p] === COMMA)) p++;
      if (p === b.length) return -1;
      const c = b[p];
      if (c === CLOSE_ARRAY) {
        this.closing = this.wrapped ? 1 : 0;
        this.closeOn(n, b, p + 1, false);
        return -1;
      }
      if (!opensValue(c)) return p;
      const end = valueEnd(b, p);
      if (end !== -1) {
        this.emit(n, b.subarray(p, end));
        p = end;
        continue;
      }
      if (c !== OPEN_OBJECT && c !== OPEN_ARRAY) return p;
      const e: Element = { line: n, indent, parts: [], bytes: 0, json: new JsonFollower() };
      const close = e.json.follow(b, p);
      if (close !== -1) {
        // Closed on the line but no JSON: the element as it is, a bad line that says why.
        this.emit(n, b.subarray(p, close));
        p = close;
        continue;
      }
      this.element = e;
      this.add(e, b.subarray(p));
      if (e.json.inString) this.broken(true);
      return -1;
    }
  }

  /**
   * Reads line `n` from `p`, after the `]`: the wrapping objects' closing, then any text as a line of
   * its own. False when the line is a `later` one and nothing of it was theirs (the document was cut
   * before it): it is to be read as a line.
   */
  private closeOn(n: number, b: Uint8Array, p: number, later: boolean): boolean {
    const at = { p };
    this.closing = closeWrappers(b, p, this.closing, at);
    if (this.closing > 0 && at.p === b.length) return true; // they close on a later line
    this.ended = true;
    if (this.closing > 0) this.handler.bad(this.opening[0], `${UNENDED} (no "}" closes the "{" of this line)`);
    if (later && at.p === p) return false;
    if (at.p < b.length) this.handler.line(n, b.subarray(at.p), b.length - at.p + 1);
    return true;
  }

  /** Text at `from` on a line whose start was the array's: the array ends, the rest is a line. */
  private stop(n: number, b: Uint8Array, from: number): void {
    this.ended = true;
    this.handler.bad(this.opening[0], `${UNENDED} (line ${n} goes on with no element of the array this line opens)`);
    this.handler.line(n, b.subarray(from), b.length - from + 1);
  }

  private add(e: Element, part: Uint8Array): void {
    e.parts.push(part.slice());
    e.bytes += part.length + (e.parts.length > 1 ? 1 : 0);
    if (e.bytes > this.maxBytes) {
      this.element = undefined;
      this.skipDeeperThan = e.indent;
      this.handler.bad(e.line, `an element of a JSON array longer than ${this.maxBytes / 1024 / 1024} MiB`);
    }
  }

  /**
   * The element followed is broken (cut short): handed on as it is, so that the reader says why;
   * `skipRest`: the lines deeper than its first are the rest of it.
   */
  private broken(skipRest: boolean): void {
    const e = this.element!;
    this.element = undefined;
    if (skipRest) this.skipDeeperThan = e.indent;
    this.emit(e.line, joined(e.parts, e.bytes));
  }

  private emit(line: number, bytes: Uint8Array): void {
    this.elements++;
    this.handler.line(line, bytes, bytes.length + 1);
  }
}

/** The parts of an element, its lines, joined with the newlines between them. */
function joined(parts: readonly Uint8Array[], bytes: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(bytes);
  let at = 0;
  parts.forEach((part, i) => {
    if (i > 0) out[at++] = 0x0a;
    out.set(part, at);
    at += part.length;
  });
  return out;
}

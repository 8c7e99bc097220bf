// A log copied from a terminal or a pager (`cat audit.log | more`, a console's scroll-back pasted
// into a note): every line longer than the terminal is cut into rows of its width, each row a line
// of its own, the cut anywhere, inside a string or an escape (`\u00` / `26`). Such a line opens an
// object (`{"kind":"Event",...`) that does not close on it, and the rows after it are as long as it
// is, but the last, which closes the object. The rows are joined back into the line (no newline: the
// terminal added them), and handed on as one line at its first row, sized as the line joined with
// its newline, as kube-apiserver wrote it. A terminal copy drops the spaces at the end of a row (a
// cut just after a space): a row short of the width by that much gets them back, since JSON as
// kube-apiserver writes it has no space outside strings. The first row may start with the line's
// prefix (a node name, `aws logs tail`'s timestamp and stream), which the line keeps. Anything else
// (rows of other lengths, an object that does not close or does not parse once joined) hands the
// lines on as they came.
//
// A row that ends with `}` is most often a whole line, and is handed on unscanned when the next
// row starts a line of its own. But the cut may fall just after a `}` inside the object: then the
// next row goes on with what JSON allows after a `}` (`,`, `}` or `]`), which no line of a log
// starts with. Only then is the row scanned, and it starts a wrapped line when its object is still
// open at its end (its nesting depth is not 0): exact, and no cost to a log of whole lines.
import type { LogLines } from './yamlDocuments';
import { JsonFollower } from './jsonFollower';

/** Spaces a terminal copy may have dropped at the end of a row. */
const MAX_STRIPPED = 8;

const AUDIT_EVENT = new TextEncoder().encode('{"kind":"Event","apiVersion":"audit.k8s.io/');

/** Whether `bytes` starts with `prefix`. */
function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Where a row's JSON object starts (`{"`), after white space or a prefix (a node name, a
 *  timestamp and a stream name, `[pod/x/c] `: the prefix of the line the terminal wrapped), or -1. */
function objectAt(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) if (bytes[i] === 0x7b && bytes[i + 1] === 0x22) return i;
  return -1;
}

/** Characters in UTF-8 bytes (a terminal's columns, for text that is not wide). */
function characters(bytes: Uint8Array): number {
  let n = 0;
  for (const b of bytes) if ((b & 0xc0) !== 0x80) n++;
  return n;
}

export interface HardWrappedLines extends LogLines {
  blank(line: number, bytes: Uint8Array, inputBytes: number): void;
  /** The bytes of the rows given so far are about to be written over: what is held is copied. */
  release(): void;
  /** Hands on the rows still held; call once the file is read. */
  end(): void;
}

/** Whether a row goes on with what may follow a `}` in JSON: `,`, `}` or `]`. */
const goesOnAfterBrace = (row: Uint8Array): boolean => row[0] === 0x2c || row[0] === 0x7d || row[0] === 0x5d;

/** Lines to `handler`, the rows of a line a terminal wrapped joined back (see above). */
export function hardWrappedLines(
  handler: LogLines & { blank(line: number, bytes: Uint8Array, inputBytes: number): void },
  maxBytes: number,
): HardWrappedLines {
  /** The rows gathered since a line that opened an object it did not close. */
  let rows: Array<[number, Uint8Array, number]> = [];
  let state = new JsonFollower();
  let width = 0;
  /** The narrowest of the rows before the last (they must be as wide as the terminal, about). */
  let narrowest = 0;
  let bytes = 0;
  /** Rows up to this line were read on from a line given up on: they start nothing (each row is
   *  looked at twice at most, whatever the text). */
  let noStartUntil = 0;
  /** Where the object starts in the first row (after the line's prefix, if any). */
  let objectStart = 0;
  /** A row that opens an object (at `at`) and ends with `}`, handed on once the next row shows
   *  whether it was whole; `copied` once its bytes are its own. */
  let held: { line: number; row: Uint8Array; at: number; inputBytes: number; copied: boolean } | undefined;

  /** Hands on the row held, if any. */
  const handHeld = (): void => {
    if (held === undefined) return;
    const { line, row, inputBytes } = held;
    held = undefined;
    handler.line(line, row, inputBytes);
  };

  /** Starts gathering rows at `first`, whose object is open at its end as `scanned` says. */
  const start = (line: number, first: Uint8Array, at: number, inputBytes: number, scanned: JsonFollower): void => {
    state = scanned;
    objectStart = at;
    rows = [[line, first, inputBytes]];
    width = characters(first);
    narrowest = width;
    bytes = first.length;
  };

  /** The rows are no wrapped line: the first is handed on as it came, the others read again. */
  const giveUp = (): void => {
    const [first, ...rest] = rows;
    rows = [];
    handler.line(...first);
    noStartUntil = Math.max(noStartUntil, rest.length > 0 ? rest[rest.length - 1][0] - 1 : 0);
    for (const row of rest) take(...row);
  };

  const take = (line: number, row: Uint8Array, inputBytes: number): void => {
    if (rows.length === 0) {
      if (held !== undefined) {
        const h = held;
        const scanned = new JsonFollower();
        if (!goesOnAfterBrace(row) || scanned.follow(h.row, h.at) !== -1) handHeld();
        else {
          // The held row was cut just after an inner `}`: this row goes on with its line.
          held = undefined;
          start(h.line, h.copied ? h.row : h.row.slice(), h.at, h.inputBytes, scanned);
          return take(line, row, inputBytes);
        }
      }
      const at = line <= noStartUntil ? -1 : objectAt(row);
      if (at === -1) return handler.line(line, row, inputBytes);
      if (row[row.length - 1] === 0x7d) {
        // Most such rows are whole lines, taken unscanned; the next row tells the others (above).
        held = { line, row, at, inputBytes, copied: false };
        return;
      }
      const scanned = new JsonFollower();
      if (scanned.follow(row, at) !== -1) return handler.line(line, row, inputBytes);
      return start(line, row.slice(), at, inputBytes, scanned);
    }
    const columns = characters(row);
    rows.push([line, row.slice(), inputBytes]);
    bytes += row.length + MAX_STRIPPED;
    // Wider than the rows before, or the next event of the log (the line held was cut short).
    if (columns > width + MAX_STRIPPED || bytes > maxBytes || startsWith(row, AUDIT_EVENT)) return giveUp();
    const end = state.follow(row, 0);
    if (end === -1) {
      // A row in the middle: as wide as the terminal, less the spaces a copy drops.
      width = Math.max(width, columns);
      narrowest = Math.min(narrowest, columns);
      if (narrowest < width - MAX_STRIPPED) return giveUp();
      return;
    }
    if (columns > width || end < row.length) return giveUp();
    finish();
  };

  /** The last row closed the object: the rows joined, short rows filled back with their spaces. */
  const finish = (): void => {
    const parts: Uint8Array[] = [];
    const space = new Uint8Array(MAX_STRIPPED).fill(0x20);
    rows.forEach(([, row], i) => {
      parts.push(row);
      const short = width - characters(row);
      if (i < rows.length - 1 && short > 0) parts.push(space.subarray(0, short));
    });
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    try {
      JSON.parse(new TextDecoder().decode(joined.subarray(objectStart)));
    } catch {
      return giveUp();
    }
    const line = rows[0][0];
    rows = [];
    handler.line(line, joined, joined.length + 1);
  };

  /** Hands on everything held: the rows gathered (as the lines they are) and the row held. */
  const flush = (): void => {
    while (rows.length > 0) giveUp();
    handHeld();
  };

  return {
    line: take,
    bad(line, reason) {
      flush();
      handler.bad(line, reason);
    },
    blank(line, bytes, inputBytes) {
      flush(); // a terminal's rows are never empty
      handler.blank(line, bytes, inputBytes);
    },
    release() {
      if (held && !held.copied) held = { ...held, row: held.row.slice(), copied: true };
    },
    end: flush,
  };
}

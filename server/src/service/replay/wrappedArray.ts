// A JSON array of events spread over lines that is the last member of an object opened on its first
// line: `{"records": [` (an Azure Event Hubs message of AKS diagnostic records, as a script writes
// it out), `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[` (Go writes a
// list's items last). Its elements are read as those of an array opened alone (jsonArrayLines.ts);
// what closes the object after the `]` (`]}`, or `]` then `}` on the next line, or members after the
// array: `], "count": 3}`) is part of the document, not a line of text.
//
// Only the containers a line of events may be (eventContainers.ts: `items`, `records`), and only
// where an element could start: right after the `[`, or after whole elements and a comma
// (`{"items":[{...},`). A log copied from a terminal has rows cut anywhere (hardWrappedLines.ts), and
// a row may end with `"groups":[`: an event has neither member, and its row is left to that reader.
import { CLOSE_OBJECT, COMMA, JsonSyntaxError, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './jsonScan';
import { skipKey, skipSpace, skipString, skipValue } from './jsonScan';

/** Where the array's text starts on its opening line (just past `[`), and how many objects wrap it. */
export interface ArrayOpening {
  readonly start: number;
  readonly wrappers: number;
}

/** The end of the value or key at `p`, or -1 when it does not end on the line or is no JSON. */
function ending(skip: (b: Uint8Array, p: number) => number, b: Uint8Array, p: number): number {
  try {
    return skip(b, p);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return -1;
    throw error;
  }
}

/** Whether the text from `p` is whole values, each followed by a comma (or nothing at all). */
function wholeElements(b: Uint8Array, p: number): boolean {
  for (p = skipSpace(b, p); p < b.length;) {
    const end = ending(skipValue, b, p);
    if (end === -1) return false;
    p = skipSpace(b, end);
    if (p === b.length) return true;
    if (b[p] !== COMMA) return false;
    p = skipSpace(b, p + 1);
  }
  return true;
}

/** The members whose array holds the events of a line's object (eventContainers.ts). */
const CONTAINERS = new Set(['items', 'records']);

/**
 * The array an object opened at `p` has as its last member, `items` or `records`, its elements to
 * follow on the next lines; undefined when the line opens no such array (a whole JSON value, an
 * event, text).
 */
export function wrappedArrayOpening(b: Uint8Array, p: number): ArrayOpening | undefined {
  if (b[p] !== OPEN_OBJECT) return undefined;
  p = skipSpace(b, p + 1);
  for (;;) {
    if (b[p] !== QUOTE) return undefined;
    const key = p;
    p = ending(skipKey, b, p);
    if (p === -1) return undefined;
    const end = ending(skipValue, b, p);
    if (end === -1) {
      const name = String.fromCharCode(...b.subarray(key + 1, Math.min(skipString(b, key) - 1, key + 9)));
      if (b[p] !== OPEN_ARRAY || !CONTAINERS.has(name) || !wholeElements(b, p + 1)) return undefined;
      return { start: p + 1, wrappers: 1 };
    }
    p = skipSpace(b, end);
    if (b[p] !== COMMA) return undefined;
    p = skipSpace(b, p + 1);
  }
}

/**
 * Reads what closes the wrapping objects after the array's `]`, from `p`: their `}` and any members
 * after the array. Returns how many are still open where it stops; `at.p` is where the text it did
 * not read starts (the line's end when it read all).
 */
export function closeWrappers(b: Uint8Array, p: number, open: number, at: { p: number }): number {
  for (;;) {
    p = skipSpace(b, p);
    if (open === 0 || p === b.length) break;
    if (b[p] === CLOSE_OBJECT) {
      open--;
      p++;
      continue;
    }
    if (b[p] !== COMMA) break;
    const key = ending(skipKey, b, skipSpace(b, p + 1));
    const end = key === -1 ? -1 : ending(skipValue, b, key);
    if (end === -1) break;
    p = end;
  }
  at.p = p;
  return open;
}

/** Whether a line could open a wrapped array: its last byte but spaces is `[` or `,` (cheap, first). */
export function mayOpenWrappedArray(b: Uint8Array): boolean {
  let q = b.length - 1;
  while (q >= 0 && (b[q] === 0x20 || b[q] === 0x09)) q--;
  return q > 0 && (b[q] === OPEN_ARRAY || b[q] === COMMA);
}

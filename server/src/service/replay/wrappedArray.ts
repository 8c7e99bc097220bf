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
import { CLOSE_OBJECT, COMMA, endOrNone, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './jsonScan';
import { skipKey, skipSpace, skipString, skipValue } from './jsonScan';

/** Whether the text from `p` is whole values, each followed by a comma (or nothing at all). */
function wholeElements(b: Uint8Array, p: number): boolean {
  for (p = skipSpace(b, p); p < b.length;) {
    const end = endOrNone(skipValue, b, p);
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
 * Where the elements start (just past the `[`) of the array an object opened at `p` has as its last
 * member, `items` or `records`, its elements to follow on the next lines; -1 when the line opens no
 * such array (a whole JSON value, an event, text).
 */
export function wrappedArrayStart(b: Uint8Array, p: number): number {
  if (b[p] !== OPEN_OBJECT || !endsWhereAnElementMay(b)) return -1;
  p = skipSpace(b, p + 1);
  for (;;) {
    if (b[p] !== QUOTE) return -1;
    const key = p;
    p = endOrNone(skipKey, b, p);
    if (p === -1) return -1;
    const end = endOrNone(skipValue, b, p);
    if (end === -1) {
      const name = String.fromCharCode(...b.subarray(key + 1, Math.min(skipString(b, key) - 1, key + 9)));
      return b[p] === OPEN_ARRAY && CONTAINERS.has(name) && wholeElements(b, p + 1) ? p + 1 : -1;
    }
    p = skipSpace(b, end);
    if (b[p] !== COMMA) return -1;
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
    const key = endOrNone(skipKey, b, skipSpace(b, p + 1));
    const end = key === -1 ? -1 : endOrNone(skipValue, b, key);
    if (end === -1) break;
    p = end;
  }
  at.p = p;
  return open;
}

/** Whether the line's last byte but spaces is `[` or `,`: checked first, since every event line
 *  opens an object too, and ends with `}`. */
function endsWhereAnElementMay(b: Uint8Array): boolean {
  let q = b.length - 1;
  while (q >= 0 && (b[q] === 0x20 || b[q] === 0x09)) q--;
  return q > 0 && (b[q] === OPEN_ARRAY || b[q] === COMMA);
}

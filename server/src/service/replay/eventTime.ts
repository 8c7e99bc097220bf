// An event's time in milliseconds, read from its bytes. kube-apiserver writes every timestamp as
// metav1.MicroTime, RFC 3339 in UTC with six fraction digits ("2024-01-01T00:00:01.123456Z"), and
// consecutive events share their second: so the second is parsed once (Date.parse, as for any
// other form) and the milliseconds are read from the digits. Date.parse also keeps only the
// milliseconds of a fraction, so both give the same number.

const MICRO_TIME = 'dddd-dd-ddTdd:dd:dd.ddddddZ';
const PATTERN = new TextEncoder().encode(MICRO_TIME);
const DIGIT = 0x64; // 'd' in the pattern
const SECOND = 19; // "dddd-dd-ddTdd:dd:dd"

/** The last second parsed (a checked MicroTime prefix) and its time. */
let lastSecond = new Uint8Array(SECOND);
let lastSecondMs = NaN;
let hasLast = false;

function matches(b: Uint8Array, p: number, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[p + i];
    const want = PATTERN[i];
    if (want === DIGIT ? c < 0x30 || c > 0x39 : c !== want) return false;
  }
  return true;
}

/**
 * The time of the JSON string at [start, end) (quotes included), when it is a MicroTime; undefined
 * for any other text, which the caller parses as a string.
 */
export function microTimeMs(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start !== MICRO_TIME.length + 2) return undefined;
  const p = start + 1;
  let same = hasLast;
  for (let i = 0; same && i < SECOND; i++) same = b[p + i] === lastSecond[i];
  if (!same) {
    if (!matches(b, p, 0, SECOND)) return undefined;
    // Hour 24 and second 60 are left to Date.parse, whose answer for them may depend on the fraction.
    if ((b[p + 11] === 0x32 && b[p + 12] === 0x34) || b[p + 17] === 0x36) return undefined;
    lastSecond = b.slice(p, p + SECOND);
    lastSecondMs = Date.parse(`${String.fromCharCode(...lastSecond)}Z`);
    hasLast = true;
  }
  if (!matches(b, p, SECOND, MICRO_TIME.length)) return undefined;
  return lastSecondMs + (b[p + 20] - 0x30) * 100 + (b[p + 21] - 0x30) * 10 + (b[p + 22] - 0x30);
}

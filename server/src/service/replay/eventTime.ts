// An event's time in milliseconds, read from its bytes. kube-apiserver writes every timestamp as
// metav1.MicroTime, RFC 3339 in UTC with six fraction digits ("2024-01-01T00:00:01.123456Z"), and
// consecutive events share their second: so the second is parsed once (Date.parse, as for any
// other form) and the milliseconds are read from the digits. Date.parse also keeps only the
// milliseconds of a fraction, so both give the same number.

const MICRO_TIME = 'dddd-dd-ddTdd:dd:dd.ddddddZ';
const DIGIT = 0x64; // 'd' in the pattern

let lastSecond = new Uint8Array(19);
let lastSecondMs = NaN;
let hasLast = false;

/**
 * The time of the JSON string at [start, end) (quotes included), when it is a MicroTime; undefined
 * for any other text, which the caller parses as a string.
 */
export function microTimeMs(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start !== MICRO_TIME.length + 2) return undefined;
  const p = start + 1;
  for (let i = 0; i < MICRO_TIME.length; i++) {
    const c = b[p + i];
    const want = MICRO_TIME.charCodeAt(i);
    if (want === DIGIT ? c < 0x30 || c > 0x39 : c !== want) return undefined;
  }
  // Hour 24 and second 60 are left to Date.parse, whose answer for them may depend on the fraction.
  if (b[p + 11] === 0x32 && b[p + 12] === 0x34) return undefined;
  if (b[p + 17] === 0x36) return undefined;
  let same = hasLast;
  for (let i = 0; same && i < 19; i++) same = b[p + i] === lastSecond[i];
  if (!same) {
    lastSecond = b.slice(p, p + 19);
    lastSecondMs = Date.parse(`${String.fromCharCode(...lastSecond)}Z`);
    hasLast = true;
  }
  return lastSecondMs + (b[p + 20] - 0x30) * 100 + (b[p + 21] - 0x30) * 10 + (b[p + 22] - 0x30);
}

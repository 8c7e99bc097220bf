// An event's time in milliseconds, read from its bytes. kube-apiserver writes every timestamp as
// metav1.MicroTime, RFC 3339 in UTC with six fraction digits ("2024-01-01T00:00:01.123456Z"), so
// the time comes from the digits (Date.UTC) with no string made. Date.parse keeps only the
// milliseconds of a fraction, so both give the same number; a date that is not a real one (a 30th
// of February, hour 24, second 60) is left to Date.parse, whatever it makes of it.

const MICRO_TIME = 'dddd-dd-ddTdd:dd:dd.ddddddZ';
const PATTERN = new TextEncoder().encode(MICRO_TIME);
const DIGIT = 0x64; // 'd' in the pattern

const digits = (b: Uint8Array, p: number, n: number): number => {
  let value = 0;
  for (let i = 0; i < n; i++) value = value * 10 + b[p + i] - 0x30;
  return value;
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function matches(b: Uint8Array, p: number): boolean {
  for (let i = 0; i < PATTERN.length; i++) {
    const c = b[p + i];
    const want = PATTERN[i];
    if (want === DIGIT ? c < 0x30 || c > 0x39 : c !== want) return false;
  }
  return true;
}

/**
 * The time of the JSON string at [start, end) (quotes included), when it is a MicroTime of a real
 * date; undefined for any other text, which the caller parses as a string.
 */
export function microTimeMs(b: Uint8Array, start: number, end: number): number | undefined {
  if (end - start !== MICRO_TIME.length + 2) return undefined;
  const p = start + 1;
  if (!matches(b, p)) return undefined;
  const year = digits(b, p, 4);
  const month = digits(b, p + 5, 2);
  const day = digits(b, p + 8, 2);
  const hour = digits(b, p + 11, 2);
  const minute = digits(b, p + 14, 2);
  const second = digits(b, p + 17, 2);
  // Date.UTC reads years below 100 as 19xx.
  if (year < 100 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (day > (month === 2 && leap(year) ? 29 : DAYS[month - 1])) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, digits(b, p + 20, 3));
}

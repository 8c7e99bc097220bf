// A JSON scanner over bytes that checks the grammar and finds where values start and end without
// building them. An audit event is mostly its bodies (requestObject, responseObject); replay needs
// their sizes, not their contents, so they are skipped here instead of parsed, and only the few
// small fields the policy decides on are decoded. Strings are crossed with indexOf, which is
// native; nesting is followed with a counter, never recursion, so depth cannot overflow a stack.

export class JsonSyntaxError extends Error {}

/** Deeper than anything kube-apiserver writes (objects nest a few tens deep); past this a line is bad. */
export const MAX_DEPTH = 1000;

/** The bytes of JSON's punctuation. */
export const QUOTE = 0x22;
const BACKSLASH = 0x5c;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const COMMA = 0x2c;
const COLON = 0x3a;

const openStack = new Uint8Array(MAX_DEPTH);

export function skipSpace(b: Uint8Array, p: number): number {
  while (p < b.length) {
    const c = b[p];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    p++;
  }
  return p;
}

/** Strings shorter than this are crossed byte by byte; longer ones with indexOf, which is native. */
const SHORT_STRING = 48;

/** The end (exclusive) of the string whose opening quote is at `p`. */
export function skipString(b: Uint8Array, p: number): number {
  const n = b.length;
  let q = p + 1;
  const limit = Math.min(n, q + SHORT_STRING);
  while (q < limit) {
    const c = b[q];
    if (c === QUOTE) return q + 1;
    q += c === BACKSLASH ? 2 : 1;
  }
  if (q >= n) throw new JsonSyntaxError('a string is not closed');
  for (;;) {
    const close = b.indexOf(QUOTE, q);
    if (close === -1) throw new JsonSyntaxError('a string is not closed');
    let backslashes = 0;
    for (let k = close - 1; k > p && b[k] === BACKSLASH; k--) backslashes++;
    if ((backslashes & 1) === 0) return close + 1;
    q = close + 1;
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function skipDigits(b: Uint8Array, p: number): number {
  const start = p;
  while (p < b.length && isDigit(b[p])) p++;
  if (p === start) throw new JsonSyntaxError(`a number is malformed at byte ${p}`);
  return p;
}

function skipLiteral(b: Uint8Array, p: number, word: string): number {
  for (let i = 0; i < word.length; i++) {
    if (b[p + i] !== word.charCodeAt(i)) throw new JsonSyntaxError(`unexpected ${describeByte(b, p)} at byte ${p}`);
  }
  return p + word.length;
}

/** A number, true, false or null starting at `p`. */
function skipScalar(b: Uint8Array, p: number): number {
  const c = b[p];
  if (c === 0x74) return skipLiteral(b, p, 'true');
  if (c === 0x66) return skipLiteral(b, p, 'false');
  if (c === 0x6e) return skipLiteral(b, p, 'null');
  if (c !== 0x2d && !isDigit(c)) throw new JsonSyntaxError(`unexpected ${describeByte(b, p)} at byte ${p}`);
  if (c === 0x2d) p++;
  if (b[p] === 0x30) p++;
  else p = skipDigits(b, p);
  if (b[p] === 0x2e) p = skipDigits(b, p + 1);
  if (b[p] === 0x65 || b[p] === 0x45) {
    p++;
    if (b[p] === 0x2b || b[p] === 0x2d) p++;
    p = skipDigits(b, p);
  }
  return p;
}

function describeByte(b: Uint8Array, p: number): string {
  if (p >= b.length) return 'end of line';
  const c = b[p];
  return c >= 0x21 && c < 0x7f ? `"${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

function expect(b: Uint8Array, p: number, byte: number, what: string): number {
  if (b[p] !== byte) throw new JsonSyntaxError(`expected ${what} at byte ${p}, found ${describeByte(b, p)}`);
  return p + 1;
}

/** Where what `skip` crosses at `p` ends (a value, a key), or -1 when the text there is no such JSON
 *  or does not end on the line. */
export function endOrNone(skip: (b: Uint8Array, p: number) => number, b: Uint8Array, p: number): number {
  try {
    return skip(b, p);
  } catch (error) {
    if (error instanceof JsonSyntaxError) return -1;
    throw error;
  }
}

/** Crosses `"key" :` and returns where the value starts. */
export function skipKey(b: Uint8Array, p: number): number {
  if (b[p] !== QUOTE) throw new JsonSyntaxError(`expected a key at byte ${p}, found ${describeByte(b, p)}`);
  p = skipSpace(b, skipString(b, p));
  return skipSpace(b, expect(b, p, COLON, '":"'));
}

/**
 * The end (exclusive) of the JSON value starting at `p` (no leading space), checking its grammar.
 * `outer` is how deep the value already sits (a member of the line's object is at 1), so that the
 * nesting limit counts from the line, however the line is crossed.
 */
export function skipValue(b: Uint8Array, p: number, outer = 0): number {
  // The containers open at each depth; one stack for all calls (skipValue never re-enters itself).
  const open = openStack;
  const limit = MAX_DEPTH - outer;
  let depth = 0;
  for (;;) {
    // A value starts at p.
    const c = b[p];
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth >= limit) throw new JsonSyntaxError(`nested deeper than ${MAX_DEPTH} levels`);
      open[depth++] = c;
      p = skipSpace(b, p + 1);
      if (b[p] === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        depth--;
        p++;
      } else {
        if (c === OPEN_OBJECT) p = skipKey(b, p);
        continue;
      }
    } else if (c === QUOTE) {
      p = skipString(b, p);
    } else if (p >= b.length) {
      throw new JsonSyntaxError('the line ends inside a value');
    } else {
      p = skipScalar(b, p);
    }
    // After a value: close containers, or move to the next member or element.
    for (;;) {
      if (depth === 0) return p;
      p = skipSpace(b, p);
      const container = open[depth - 1];
      const next = b[p];
      if (next === COMMA) {
        p = skipSpace(b, p + 1);
        if (container === OPEN_OBJECT) p = skipKey(b, p);
        break;
      }
      if (next === (container === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        depth--;
        p++;
        continue;
      }
      throw new JsonSyntaxError(
        `expected "," or "${container === OPEN_OBJECT ? '}' : ']'}" at byte ${p}, found ${describeByte(b, p)}`,
      );
    }
  }
}

/**
 * Calls `visit` with where each member's key (quotes included) and value lie; returns the object's
 * end. `depth` is how deep the object sits (0 for the line's own object).
 */
export function forEachMember(
  b: Uint8Array,
  p: number,
  visit: (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number) => void,
  depth = 0,
): number {
  p = expect(b, p, OPEN_OBJECT, '"{"');
  p = skipSpace(b, p);
  if (b[p] === CLOSE_OBJECT) return p + 1;
  for (;;) {
    if (b[p] !== QUOTE) throw new JsonSyntaxError(`expected a key at byte ${p}, found ${describeByte(b, p)}`);
    const keyStart = p;
    const keyEnd = skipString(b, p);
    p = skipSpace(b, keyEnd);
    p = skipSpace(b, expect(b, p, COLON, '":"'));
    const valueStart = p;
    const valueEnd = skipValue(b, p, depth + 1);
    visit(keyStart, keyEnd, valueStart, valueEnd);
    p = skipSpace(b, valueEnd);
    if (b[p] === CLOSE_OBJECT) return p + 1;
    p = skipSpace(b, expect(b, p, COMMA, '"," or "}"'));
  }
}

/** Calls `visit` with the start and end of each element of the array at `p`; returns its end. */
export function forEachElement(b: Uint8Array, p: number, visit: (start: number, end: number) => void): number {
  p = skipSpace(b, expect(b, p, OPEN_ARRAY, '"["'));
  if (b[p] === CLOSE_ARRAY) return p + 1;
  for (;;) {
    const start = p;
    const end = skipValue(b, p);
    visit(start, end);
    p = skipSpace(b, end);
    if (b[p] === CLOSE_ARRAY) return p + 1;
    p = skipSpace(b, expect(b, p, COMMA, '"," or "]"'));
  }
}

/**
 * Finds which of `keys` the key at [start, end) (quotes included) is, comparing bytes, so that the
 * members of every event are sorted without making a string per key. -1 for any other key, and
 * for keys written with escapes, which kube-apiserver never writes.
 */
export class KeyTable {
  private readonly byLength: Array<Array<{ bytes: Uint8Array; index: number }> | undefined> = [];

  constructor(readonly keys: readonly string[]) {
    keys.forEach((key, index) => {
      const bytes = new TextEncoder().encode(key);
      (this.byLength[bytes.length] ??= []).push({ bytes, index });
    });
  }

  find(b: Uint8Array, start: number, end: number): number {
    const length = end - start - 2;
    const candidates = this.byLength[length];
    if (candidates === undefined) return -1;
    for (let c = 0; c < candidates.length; c++) {
      const { bytes, index } = candidates[c];
      // The last byte first: keys of one length mostly differ there or at the start.
      if (b[end - 2] !== bytes[length - 1]) continue;
      let i = 0;
      while (i < length && b[start + 1 + i] === bytes[i]) i++;
      if (i === length) return index;
    }
    return -1;
  }
}

const ESCAPED: Record<number, number> = {
  0x22: 0x22, // "
  0x5c: 0x5c, // \
  0x2f: 0x2f, // /
  0x62: 0x08, // b
  0x66: 0x0c, // f
  0x6e: 0x0a, // n
  0x72: 0x0d, // r
  0x74: 0x09, // t
};

const hexDigit = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;

function hex4(b: Uint8Array, p: number): number {
  let v = 0;
  for (let i = 0; i < 4; i++) {
    const d = hexDigit(b[p + i]);
    if (d === -1) throw new JsonSyntaxError(`a malformed \\u escape at byte ${p - 2}`);
    v = v * 16 + d;
  }
  return v;
}

/**
 * The UTF-8 bytes of the JSON string at [start, end) (quotes included), its escapes undone, as
 * JSON.parse and a TextEncoder would give them but in one pass over bytes: an event shipped as a
 * string (a shipper's `message`) is unescaped this way, not made into a JavaScript string and back.
 * A lone surrogate becomes U+FFFD, as TextEncoder makes it.
 */
export function unescapeString(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  let run = start + 1;
  const last = end - 1;
  for (let p = run; p < last;) {
    const backslash = b.indexOf(BACKSLASH, p);
    if (backslash === -1 || backslash >= last) break;
    out.set(b.subarray(run, backslash), n);
    n += backslash - run;
    const c = b[backslash + 1];
    if (c !== 0x75) {
      const plain = ESCAPED[c];
      if (plain === undefined) throw new JsonSyntaxError(`a malformed escape at byte ${backslash}`);
      out[n++] = plain;
      p = run = backslash + 2;
      continue;
    }
    let code = hex4(b, backslash + 2);
    p = backslash + 6;
    if (code >= 0xd800 && code <= 0xdbff && b[p] === BACKSLASH && b[p + 1] === 0x75) {
      const low = hex4(b, p + 2);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        p += 6;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) out[n++] = code;
    else if (code < 0x800) {
      out[n++] = 0xc0 | (code >> 6);
      out[n++] = 0x80 | (code & 0x3f);
    } else if (code < 0x10000) {
      out[n++] = 0xe0 | (code >> 12);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    } else {
      out[n++] = 0xf0 | (code >> 18);
      out[n++] = 0x80 | ((code >> 12) & 0x3f);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    }
    run = p;
  }
  out.set(b.subarray(run, last), n);
  n += last - run;
  return out.subarray(0, n);
}

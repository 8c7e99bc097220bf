// An event's JSON as kube-apiserver's log backend writes it, made from any text of the same JSON: a
// pretty-printed document, an element of a `jq -s .` array, a cell of a CSV export, an event made
// back from a record (JSON.stringify). What a rule costs is the bytes kube-apiserver writes, so the
// same event weighs the same whatever shape it reached replay in.
//
// The log backend (k8s.io/apiserver plugin/pkg/audit/log/backend.go, logEvent) writes
// `runtime.Encode(encoder, ev)`: the JSON serializer's `json.NewEncoder(w).Encode(obj)`
// (apimachinery pkg/runtime/serializer/json), Go's encoding/json, one compact line and a newline.
// Go writes no white space between tokens, and writes a string's characters as it decodes them:
// UTF-8 as it is, `"` and `\` escaped, `\n` `\r` `\t` `\b` `\f` (Go 1.22 on), other control
// characters as `\u00XX`, and, with HTML escaping on (the encoder's default), `<` `>` `&` and
// U+2028 U+2029 as `\u003c`... (encoding/json encode.go, appendString). A tool that re-wrote the
// line (jq writes `&` as is; Python's json.dump writes `\u00e9` for é) changed only that spelling,
// which is undone here. Numbers are kept as written.

import { JsonSyntaxError, skipSpace, skipValue } from './jsonScan';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const HEX = new TextEncoder().encode('0123456789abcdef');

/**
 * Writes what Go writes for a code point inside a string at `n` in `out` (when given); returns how
 * many bytes that is. HTML escaping on: `<`, `>`, `&`, U+2028, U+2029 as `\u003c`...
 */
function putCodePoint(cp: number, out: Uint8Array | undefined, n: number): number {
  let short = 0;
  if (cp === QUOTE || cp === BACKSLASH) short = cp;
  else if (cp === 0x0a) short = 0x6e;
  else if (cp === 0x0d) short = 0x72;
  else if (cp === 0x09) short = 0x74;
  else if (cp === 0x08) short = 0x62;
  else if (cp === 0x0c) short = 0x66;
  if (short !== 0) {
    if (out) {
      out[n] = BACKSLASH;
      out[n + 1] = short;
    }
    return 2;
  }
  if (cp < 0x20 || cp === 0x3c || cp === 0x3e || cp === 0x26 || cp === 0x2028 || cp === 0x2029) {
    if (out) {
      out.set([BACKSLASH, 0x75, HEX[cp >> 12], HEX[(cp >> 8) & 15], HEX[(cp >> 4) & 15], HEX[cp & 15]], n);
    }
    return 6;
  }
  if (cp < 0x80) {
    if (out) out[n] = cp;
    return 1;
  }
  if (cp < 0x800) {
    if (out) {
      out[n] = 0xc0 | (cp >> 6);
      out[n + 1] = 0x80 | (cp & 63);
    }
    return 2;
  }
  if (cp < 0x10000) {
    if (out) {
      out[n] = 0xe0 | (cp >> 12);
      out[n + 1] = 0x80 | ((cp >> 6) & 63);
      out[n + 2] = 0x80 | (cp & 63);
    }
    return 3;
  }
  if (out) {
    out.set([0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)], n);
  }
  return 4;
}

const hexValue = (c: number): number =>
  c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;

/** The code unit of `\uXXXX` whose `u` is at `p`, or -1 when it is not four hex digits. */
function codeUnit(b: Uint8Array, p: number): number {
  let unit = 0;
  for (let i = 1; i <= 4; i++) {
    const h = hexValue(b[p + i]);
    if (h === -1) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

/**
 * Crosses the JSON text in [start, end) of `b` as Go's encoding/json writes it: its tokens with no
 * white space between them and its strings spelt as Go spells them. Writes it to `out` when given;
 * returns its length. For a text that is no JSON the rule is applied as far as it goes.
 */
function transcode(b: Uint8Array, start: number, end: number, out?: Uint8Array): number {
  let n = 0;
  let p = start;
  while (p < end) {
    const c = b[p];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      p++;
      continue;
    }
    if (out) out[n] = c;
    n++;
    p++;
    if (c !== QUOTE) continue;
    while (p < end && b[p] !== QUOTE) {
      const d = b[p];
      if (d === 0xe2 && b[p + 1] === 0x80 && (b[p + 2] === 0xa8 || b[p + 2] === 0xa9)) {
        n += putCodePoint(b[p + 2] === 0xa8 ? 0x2028 : 0x2029, out, n);
        p += 3;
      } else if (d >= 0x80 || (d !== BACKSLASH && d >= 0x20 && d !== 0x3c && d !== 0x3e && d !== 0x26)) {
        if (out) out[n] = d; // UTF-8 as it is, and ASCII Go does not escape
        n++;
        p++;
      } else if (d !== BACKSLASH) {
        n += putCodePoint(d, out, n);
        p++;
      } else if (b[p + 1] !== 0x75) {
        // \" \\ \b \f \n \r \t as they are; Go writes `/` unescaped.
        if (b[p + 1] === 0x2f) n += putCodePoint(0x2f, out, n);
        else {
          if (out) {
            out[n] = BACKSLASH;
            out[n + 1] = b[p + 1];
          }
          n += 2;
        }
        p += 2;
      } else {
        let cp = codeUnit(b, p + 1);
        if (cp === -1) {
          if (out) {
            out[n] = BACKSLASH;
            out[n + 1] = 0x75;
          }
          n += 2;
          p += 2;
          continue;
        }
        p += 6;
        if (cp >= 0xd800 && cp <= 0xdbff && b[p] === BACKSLASH && b[p + 1] === 0x75) {
          const low = codeUnit(b, p + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00); // a pair: one code point past U+FFFF
            p += 6;
          }
        }
        // A lone surrogate is decoded as U+FFFD (encoding/json decode.go, unquoteBytes).
        if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
        n += putCodePoint(cp, out, n);
      }
    }
    if (p < end) {
      if (out) out[n] = QUOTE;
      n++;
      p++;
    }
  }
  return n;
}

/** The bytes Go's encoding/json writes for the JSON text in [start, end) of `b` (transcode). */
export const goCompactSize = (b: Uint8Array, start = 0, end = b.length): number => transcode(b, start, end);

/** What JSON.stringify leaves as it is and Go escapes (HTML escaping on): `<`, `>`, `&`, U+2028, U+2029. */
const HTML_ESCAPED = /[<>&\u2028\u2029]/g;
const goEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The JSON text in [start, end) of `b` as Go's encoding/json writes it; undefined when it is no JSON
 * (the reader says why, at the text as it came).
 */
export function goCompact(b: Uint8Array, start = 0, end = b.length): Uint8Array | undefined {
  try {
    if (skipSpace(b, skipValue(b, skipSpace(b, start))) !== end) return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return undefined;
    throw error;
  }
  // Compacting most often shortens the text: written at once into its length (a write past the end
  // of a Uint8Array is dropped), and again into the exact length when escapes made it longer.
  const guess = new Uint8Array(end - start + 64);
  const n = transcode(b, start, end, guess);
  if (n <= guess.length) return guess.subarray(0, n);
  const out = new Uint8Array(n);
  transcode(b, start, end, out);
  return out;
}

/**
 * Text gathered from several lines (a pretty-printed document, an element of an array spread over
 * lines) as the one line kube-apiserver wrote; the text as it is when it is no JSON.
 */
export const oneLine = (b: Uint8Array): Uint8Array => goCompact(b) ?? b;

/** A value as Go's encoding/json writes it, members in their order. */
export function goJson(value: unknown): string {
  // JSON.stringify spells `"`, `\` and control characters as Go does (`\n`, `\u001b`).
  return JSON.stringify(value).replace(HTML_ESCAPED, goEscape);
}

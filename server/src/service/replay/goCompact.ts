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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** What Go writes for an ASCII character inside a string. */
function asciiBytes(c: number): number {
  if (c === QUOTE || c === BACKSLASH) return 2;
  if (c === 0x3c || c === 0x3e || c === 0x26) return 6; // < > &: \u003c \u003e \u0026
  if (c >= 0x20) return 1;
  return c === 0x0a || c === 0x0d || c === 0x09 || c === 0x08 || c === 0x0c ? 2 : 6;
}

/** What Go writes for a code point inside a string. */
function codePointBytes(cp: number): number {
  if (cp < 0x80) return asciiBytes(cp);
  if (cp < 0x800) return 2;
  if (cp === 0x2028 || cp === 0x2029) return 6;
  return cp < 0x10000 ? 3 : 4;
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
 * The bytes Go's encoding/json writes for the JSON text in [start, end) of `b`: its tokens with no
 * white space between them and its strings spelt as Go spells them. For a text that is no JSON the
 * count is of the same rule applied as far as it goes (the reader says why it is no JSON).
 */
export function goCompactSize(b: Uint8Array, start = 0, end = b.length): number {
  let n = 0;
  let p = start;
  while (p < end) {
    const c = b[p];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      p++;
      continue;
    }
    if (c !== QUOTE) {
      n++;
      p++;
      continue;
    }
    n += 2; // the quotes
    p++;
    while (p < end && b[p] !== QUOTE) {
      const d = b[p];
      if (d === 0xe2 && b[p + 1] === 0x80 && (b[p + 2] === 0xa8 || b[p + 2] === 0xa9)) {
        n += 6; // U+2028, U+2029
        p += 3;
      } else if (d >= 0x80) {
        n++; // a byte of a UTF-8 sequence, written as it is
        p++;
      } else if (d !== BACKSLASH) {
        n += asciiBytes(d);
        p++;
      } else if (b[p + 1] !== 0x75) {
        // \" \\ \/ \b \f \n \r \t: Go writes `/` as it is, the others escaped.
        n += b[p + 1] === 0x2f ? 1 : 2;
        p += 2;
      } else {
        const unit = codeUnit(b, p + 1);
        if (unit === -1) {
          n += 2;
          p += 2;
          continue;
        }
        p += 6;
        if (unit >= 0xd800 && unit <= 0xdbff && b[p] === BACKSLASH && b[p + 1] === 0x75) {
          const low = codeUnit(b, p + 1);
          if (low >= 0xdc00 && low <= 0xdfff) {
            n += 4; // a pair: one code point past U+FFFF
            p += 6;
            continue;
          }
        }
        // A lone surrogate is decoded as U+FFFD (encoding/json decode.go, unquoteBytes).
        n += unit >= 0xd800 && unit <= 0xdfff ? 3 : codePointBytes(unit);
      }
    }
    p++; // the closing quote
  }
  return n;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What JSON.stringify leaves as it is and Go escapes (HTML escaping on): `<`, `>`, `&`, U+2028, U+2029. */
const HTML_ESCAPED = /[<>&\u2028\u2029]/g;
const goEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The JSON text in [start, end) of `b` as Go's encoding/json writes it (goCompactSize counts its
 * bytes); undefined when it is no JSON (the reader says why, at the text as it came).
 */
export function goCompact(b: Uint8Array, start = 0, end = b.length): Uint8Array | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(b.subarray(start, end)));
  } catch {
    return undefined;
  }
  const size = goCompactSize(b, start, end);
  const text = encoder.encode(goJson(value));
  // Numbers are kept as written, which JSON.parse does not do (1.0 is 1): then the text is compacted.
  return text.length === size ? text : compactTokens(b, start, end);
}

/** A value as Go's encoding/json writes it, members in their order. */
export function goJson(value: unknown): string {
  // JSON.stringify spells `"`, `\` and control characters as Go does (`\n`, `\u001b`).
  return JSON.stringify(value).replace(HTML_ESCAPED, goEscape);
}

/** The text with the white space between its tokens dropped, its strings as they are. */
function compactTokens(b: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  let n = 0;
  let inString = false;
  for (let p = start; p < end; p++) {
    const c = b[p];
    if (inString) {
      if (c === BACKSLASH) {
        out[n++] = c;
        p++;
        if (p < end) out[n++] = b[p];
        continue;
      }
      if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    out[n++] = c;
  }
  return out.subarray(0, n);
}

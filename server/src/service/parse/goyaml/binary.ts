// What go-yaml v2 makes of a `!!binary` scalar (decode.go scalar(): base64.StdEncoding.DecodeString,
// then `resolved = string(data)`), and what json.Marshal then writes for those bytes: the policy
// sees the decoded text, not the base64.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** encoding/base64 decodeQuantum skips `\r` and `\n` anywhere; after that the text is padded
 *  quanta of four, `=` only at the end (StdEncoding; unused trailing bits are not checked). */
const PADDED = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes, or undefined where Go answers CorruptInputError (go-yaml: "!!binary value contains
 *  invalid base64 data"). */
export function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/[\r\n]/g, '');
  if (!PADDED.test(clean)) return undefined;
  const digits = clean.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((digits.length * 6) / 8));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const c of digits) {
    buffer = (buffer << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

/** The Go string of these bytes as json.Marshal writes it (encoding/json encodeState.string):
 *  valid UTF-8 as is, each byte utf8.DecodeRuneInString cannot read (size 1) as U+FFFD. */
export function goStringOf(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const [rune, size] = decodeRune(bytes, i);
    out += rune === undefined ? '\ufffd' : String.fromCodePoint(rune);
    i += size;
  }
  return out;
}

/** unicode/utf8.DecodeRune: a rune and its size, or undefined and 1 for an invalid byte (an
 *  overlong form, a surrogate, beyond U+10FFFF, a truncated sequence). */
function decodeRune(b: Uint8Array, i: number): [number | undefined, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  const size = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (size === 0 || i + size > b.length) return [undefined, 1];
  // The second byte's range depends on the first (utf8.acceptRanges); the rest are 0x80..0xBF.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  if (b[i + 1] < lo || b[i + 1] > hi) return [undefined, 1];
  for (let k = 2; k < size; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return [undefined, 1];
  let rune = c & (size === 2 ? 0x1f : size === 3 ? 0x0f : 0x07);
  for (let k = 1; k < size; k++) rune = (rune << 6) | (b[i + k] & 0x3f);
  return [rune, size];
}

/** A `!!binary` scalar's text as the policy sees it: the decoded string, or the text itself when
 *  it is not base64 (go-yaml then refuses the file, which the verdict reports). */
export function binaryText(text: string): string {
  const bytes = decodeBase64(text);
  return bytes === undefined ? text : goStringOf(bytes);
}

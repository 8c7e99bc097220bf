// Bytes that are not UTF-8, replaced the way Go's encoding/json reads them. kube-apiserver writes
// valid UTF-8 only (json.Marshal writes `\ufffd` for an invalid byte), so a stray byte comes from
// what carried the log; Go's decoder, the reader these logs are made for, reads a string holding
// one as if each invalid byte were U+FFFD (`unquoteBytes` in encoding/json/decode.go: "Coerce to
// well-formed UTF-8", `utf8.DecodeRune`, which returns (RuneError, 1) for any invalid encoding).
// That is one U+FFFD per byte: not the WHATWG decoder's one per maximal subpart (`E2 82 41` is two
// U+FFFD and `A` here, one U+FFFD and `A` in TextDecoder). Outside a string an invalid byte is a
// syntax error for Go, and U+FFFD is one for the replay scanner too.

const REPLACEMENT = [0xef, 0xbf, 0xbd];

/** The length of the valid UTF-8 sequence at b[i] (utf8.DecodeRune's rules), or 0 when it is invalid. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, low = 0x80, high = 0xbf): boolean => i + k < b.length && b[i + k] >= low && b[i + k] <= high;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    // E0 needs A0..BF (no overlong form); ED needs 80..9F (no surrogate).
    const second = c === 0xe0 ? cont(1, 0xa0) : c === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    return second && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    // F0 needs 90..BF (no overlong form); F4 needs 80..8F (nothing above U+10FFFF).
    const second = c === 0xf0 ? cont(1, 0x90) : c === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    return second && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** `bytes` with each byte that starts no valid UTF-8 sequence replaced by U+FFFD's three bytes. */
export function replaceInvalidUtf8(bytes: Uint8Array): Uint8Array {
  let invalid = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n === 0) invalid++;
    i += n || 1;
  }
  if (invalid === 0) return bytes;
  const out = new Uint8Array(bytes.length + invalid * (REPLACEMENT.length - 1));
  // Runs of valid bytes are copied whole: only the invalid ones cost a step of their own.
  let w = 0;
  let run = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n !== 0) {
      i += n;
      continue;
    }
    out.set(bytes.subarray(run, i), w);
    w += i - run;
    out.set(REPLACEMENT, w);
    w += REPLACEMENT.length;
    run = ++i;
  }
  out.set(bytes.subarray(run), w);
  return out;
}

// Decoding the JSON strings of an event, the short ones interned: verbs, users, resources and user
// agents repeat from event to event, and making each into a string once (found again by a hash of
// its bytes) keeps replay from allocating the same strings millions of times.
const utf8 = new TextDecoder();

/** Short ASCII values repeat from event to event (verbs, users, resources, user agents): each is
 *  made into a string once and found again by a hash of its bytes. The table is bounded. */
const INTERN_MAX_BYTES = 80;
const INTERN_MAX_ENTRIES = 20_000;
const interned = new Map<number, string[]>();
let internedCount = 0;

function sameBytes(text: string, b: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

/** The JSON string at [start, end) (quotes included). */
export function stringAt(b: Uint8Array, start: number, end: number, intern = true): string {
  if (end - start === 2) return '';
  if (!intern || end - start - 2 > INTERN_MAX_BYTES) {
    const text = utf8.decode(b.subarray(start + 1, end - 1));
    return text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text;
  }
  let hash = 0x811c9dc5;
  let ascii = true;
  for (let i = start + 1; i < end - 1; i++) {
    const c = b[i];
    if (c === 0x5c) return JSON.parse(utf8.decode(b.subarray(start, end))) as string;
    if (c >= 0x80) ascii = false;
    hash = Math.imul(hash ^ c, 16777619);
  }
  if (!ascii) return utf8.decode(b.subarray(start + 1, end - 1));
  const bucket = interned.get(hash);
  if (bucket) {
    for (const text of bucket) if (sameBytes(text, b, start + 1, end - 1)) return text;
  }
  const text = utf8.decode(b.subarray(start + 1, end - 1));
  if (internedCount < INTERN_MAX_ENTRIES) {
    internedCount++;
    if (bucket) bucket.push(text);
    else interned.set(hash, [text]);
  }
  return text;
}

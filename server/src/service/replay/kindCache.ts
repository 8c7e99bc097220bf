// Real logs repeat the same few thousand kinds of event: the same user, user agent, verb and
// object at the same stage and level. Deciding a kind once (decoding its fields, finding the first
// matching rule of each policy, finding its counters) and finding it again by its bytes makes the
// rest of the events a hash and a comparison, with almost nothing made per event.
//
// A kind is found by the bytes of the members that decide it (kindKey.ts), hashed and then
// compared in full, so two kinds never share an entry. The table is bounded: a key longer than
// MAX_KEY_BYTES is not kept, and when MAX_KINDS are kept the table starts again empty, so a hostile
// log of all-different events costs at most the table's memory (about 20 MB) and the time of
// deciding each event in full.

export const MAX_KINDS = 20_000;
export const MAX_KEY_BYTES = 1024;

interface Entry<T> {
  /** The ranges' bytes, each preceded by its length (0xff 0xff for an absent member). */
  readonly key: Uint8Array;
  readonly value: T;
}

/** FNV-1a of a kind's key (the ranges' lengths and bytes), as KindCache.find wants it. */
export function kindHash(b: Uint8Array, ranges: Int32Array): number {
  let hash = 0x811c9dc5;
  for (let r = 0; r < ranges.length; r += 2) {
    const start = ranges[r];
    const end = ranges[r + 1];
    const n = start === -1 ? 0xffff : end - start;
    hash = Math.imul(hash ^ (n & 0xff), 0x01000193);
    hash = Math.imul(hash ^ (n >>> 8), 0x01000193);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i], 0x01000193);
  }
  return hash;
}

/** A hash bucket holds at most this many kinds: a log made to collide only stops being cached. */
const MAX_BUCKET = 8;

export class KindCache<T> {
  private buckets = new Map<number, Array<Entry<T>>>();
  private size = 0;
  private hash = 0;

  /** The value kept for the kind whose ranges ([start, end) pairs, -1 when absent) lie in `b`. */
  find(b: Uint8Array, ranges: Int32Array, hash = kindHash(b, ranges)): T | undefined {
    this.hash = hash;
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) return undefined;
    for (const entry of bucket) if (sameKey(entry.key, b, ranges)) return entry.value;
    return undefined;
  }

  /** Keeps `value` for the kind last looked up with find() (the same `b` and `ranges`). */
  add(b: Uint8Array, ranges: Int32Array, value: T): void {
    let keyBytes = 0;
    for (let r = 0; r < ranges.length; r += 2) keyBytes += 2 + (ranges[r] === -1 ? 0 : ranges[r + 1] - ranges[r]);
    if (keyBytes > MAX_KEY_BYTES) return;
    const bucket = this.buckets.get(this.hash);
    if (bucket && bucket.length >= MAX_BUCKET) return;
    if (this.size >= MAX_KINDS) {
      this.buckets = new Map();
      this.size = 0;
      return this.add(b, ranges, value);
    }
    const key = new Uint8Array(keyBytes);
    let p = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      const start = ranges[r];
      const n = start === -1 ? 0xffff : ranges[r + 1] - start;
      key[p++] = n & 0xff;
      key[p++] = n >>> 8;
      if (start === -1) continue;
      key.set(b.subarray(start, start + n), p);
      p += n;
    }
    if (bucket) bucket.push({ key, value });
    else this.buckets.set(this.hash, [{ key, value }]);
    this.size++;
  }
}

function sameKey(key: Uint8Array, b: Uint8Array, ranges: Int32Array): boolean {
  let p = 0;
  for (let r = 0; r < ranges.length; r += 2) {
    const start = ranges[r];
    const n = start === -1 ? 0xffff : ranges[r + 1] - start;
    if (p + 2 > key.length || key[p] !== (n & 0xff) || key[p + 1] !== n >>> 8) return false;
    p += 2;
    if (start === -1) continue;
    if (p + n > key.length) return false;
    for (let i = 0; i < n; i++) if (key[p + i] !== b[start + i]) return false;
    p += n;
  }
  return p === key.length;
}

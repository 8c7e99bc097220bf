// Events that a carrier holds base64-encoded in a member, and often gzip-compressed too: what a
// CloudWatch Logs subscription delivers to Lambda (`{"awslogs": {"data": "H4sI..."}}`), to Kinesis
// Data Streams (`Records[].kinesis.data`) and to a Firehose transformation (`records[].data`), each
// a gzip of a subscription record with `logEvents[]`; and what a Pub/Sub subscription holds for a
// Cloud Logging sink (`message.data`, a LogEntry's JSON: a push request, or `gcloud pubsub
// subscriptions pull --format=json`). Such a member is read as the text it encodes, in base64's
// alphabet or base64url's (`-` and `_`: RFC 4648 section 5), padded with `=` or not: proto3's JSON
// mapping writes `bytes` as base64 and reads "either standard or URL-safe base64 encoding with/without
// paddings" (https://protobuf.dev/programming-guides/proto3/#json), as Pub/Sub's `data` is.
// The browser build: the same inflater without the Node entry's worker_threads loader.
import { Gunzip } from 'fflate/browser';
import { MAX_LINE_BYTES } from './containerSink';
import { NotAnEvent } from './eventFields';
import { unescapeString } from './jsonScan';

const GZIP = [0x1f, 0x8b];
/** base64's alphabet, or base64url's: one or the other, never both in one text. */
const BASE64 = /^(?:[A-Za-z0-9+/]*|[A-Za-z0-9_-]*)={0,2}$/;

/** The value of a base64 or base64url character, -1 for any other byte. */
function sextet(c: number): number {
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61 + 26;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 52;
  return c === 0x2b || c === 0x2d ? 62 : c === 0x2f || c === 0x5f ? 63 : -1;
}

/**
 * Whether the JSON string at [start, end) opens as base64 of JSON (`{`, `[`) or of gzip: its first
 * four characters, three bytes, are all that is looked at, so a shipper's other strings cost nothing.
 */
export function opensLikeEncoded(b: Uint8Array, start: number, end: number): boolean {
  if (end - start < 10) return false;
  const q = [1, 2, 3, 4].map((i) => sextet(b[start + i]));
  if (q.some((v) => v === -1)) return false;
  const first = (q[0] << 2) | (q[1] >> 4);
  const second = ((q[1] & 0xf) << 4) | (q[2] >> 2);
  return first === 0x7b || first === 0x5b || (first === GZIP[0] && second === GZIP[1]);
}

/**
 * The text the base64 string at [start, end) encodes, gunzipped when it is gzip; throws NotAnEvent
 * with the reason when it does not decode, or decodes to more than a line may hold.
 */
export function decodeEncoded(b: Uint8Array, start: number, end: number): Uint8Array {
  const text = new TextDecoder().decode(unescapeString(b, start, end)).replace(/\s+/g, '');
  // Without its padding, which says nothing the length does not: atob wants it right or absent.
  const unpadded = text.replace(/=+$/, '');
  if (!BASE64.test(text) || unpadded.length % 4 === 1) throw new NotAnEvent('not an audit event: not base64');
  const binary = atob(unpadded.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes[0] === GZIP[0] && bytes[1] === GZIP[1] ? gunzip(bytes) : bytes;
}

/** Fed a little at a time: deflate's ratio is at most about 1,000, so a bomb stops at the limit. */
const FEED = 16 * 1024;

function gunzip(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let members = 0;
  const inflater = new Gunzip((chunk) => {
    parts.push(chunk);
    size += chunk.length;
  });
  inflater.onmember = () => members++;
  const broken = `not an audit event: base64 of gzip data that is cut short or corrupt`;
  try {
    for (let p = 0; p < bytes.length; p += FEED) {
      inflater.push(bytes.subarray(p, p + FEED), p + FEED >= bytes.length);
      if (size > MAX_LINE_BYTES)
        throw new NotAnEvent(`not an audit event: gzip data longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB`);
    }
  } catch (error) {
    if (error instanceof NotAnEvent) throw error;
    throw new NotAnEvent(`${broken} (${error instanceof Error ? error.message : String(error)})`);
  }
  // The inflater does not check the trailer: a member's last four bytes are its size (mod 2^32).
  const n = bytes.length;
  const trailer = n < 18 ? -1 : (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16)) + bytes[n - 1] * 2 ** 24;
  if (members <= 1 && trailer !== size % 2 ** 32) throw new NotAnEvent(broken);
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

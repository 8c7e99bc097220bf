// Files that a host carries encoded: cloud-init and Cluster API `encoding: b64 | base64 |
// gzip+base64` (cloud-init also writes `gz+b64`), kops `isBase64: true`, a ConfigMap's binaryData
// and a Secret's data. The policy is what the tool writes to disk once decoded; its findings can
// only be shown on the encoded value as a whole, and nothing can be edited inside it.
// The browser build: the same inflater without the Node entry's worker_threads loader.
import { gunzipSync } from 'fflate/browser';

export type ContentEncoding = 'base64' | 'gzip+base64';

/** A gzip member says its decompressed size; past this a value is not a policy but a bomb. */
const MAX_DECODED = 16 * 1024 * 1024;

/** The encoding of the string at `path`, from its document's kind and its sibling fields. */
export function contentEncodingAt(
  path: string,
  documentKind: string | undefined,
  sibling: (key: string) => string | undefined,
): ContentEncoding | undefined {
  const field = /(^|\.)(content)$/.test(path) ? sibling('encoding')?.toLowerCase() : undefined;
  if (field === 'b64' || field === 'base64') return 'base64';
  if (field && /^(gz|gzip)\+(b64|base64)$/.test(field)) return 'gzip+base64';
  if (/(^|\.)content$/.test(path) && sibling('isBase64') === 'true') return 'base64';
  const data = /^(documents\[\d+\]\.)?(binaryData|data)(\.|\[)/.exec(path)?.[2];
  if (data === 'binaryData' && documentKind === 'ConfigMap') return 'base64';
  if (data === 'data' && documentKind === 'Secret') return 'base64';
  return undefined;
}

/** The UTF-8 text an encoded value holds, or undefined when it does not decode to text. */
export function decodeContent(value: string, encoding: ContentEncoding): string | undefined {
  try {
    let bytes = fromBase64(value.replace(/\s+/g, ''));
    if (encoding === 'gzip+base64') {
      const n = bytes.length;
      const size = n < 18 ? 0 : (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16)) + bytes[n - 1] * 2 ** 24;
      if (size > MAX_DECODED) return undefined;
      bytes = gunzipSync(bytes);
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined; // not base64, not gzip, not UTF-8: not a file we can read
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** RFC 4648 base64 (the standard alphabet, as Go's encoding/base64.StdEncoding that cloud-init,
 *  Cluster API and Kubernetes use), padding optional; throws on any other character. */
function fromBase64(text: string): Uint8Array {
  const body = text.replace(/={1,2}$/, '');
  if (body.length % 4 === 1) throw new Error('not base64');
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const c of body) {
    const value = ALPHABET.indexOf(c);
    if (value === -1) throw new Error('not base64');
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

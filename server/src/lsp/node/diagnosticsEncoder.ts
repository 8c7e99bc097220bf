// The message encoder of the stdio transport. LSP sends every diagnostic of a document again after
// each change, and a long-grown policy has thousands: serialising 4,000 diagnostics (2 MB of JSON)
// on every keystroke costs more than checking the change. The service reuses a Diagnostic object
// while its finding and place are unchanged (validate.ts), so a publication keeps the bytes of the
// previous one for the same document where its diagnostics are the same objects (a keystroke
// changes a few in the middle): only the others are serialised. Every other message is encoded as
// vscode-jsonrpc does.
//
// A publication is written into memory that an earlier one of the same document used: the two
// most recent messages of a document take turns. Fresh memory for a 2.3 MB message cost 9 to 19 ms
// of page faults per keystroke (measured on the benchmark machine), a reused buffer 0.1 ms. The
// buffer of the message before the last is free: vscode-jsonrpc's StreamMessageWriter encodes a
// message only after the previous one's write has called back (one write at a time, its
// writeSemaphore), and the last message is still read from, to copy its unchanged diagnostics.
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';

interface Params {
  readonly uri?: unknown;
  readonly diagnostics?: unknown;
  readonly [key: string]: unknown;
}

/** The diagnostics of a document's last publication and where each one's JSON ends in `bytes`
 *  (the diagnostics joined by commas, without the brackets). */
interface Published {
  readonly items: readonly unknown[];
  readonly bytes: Buffer;
  readonly ends: readonly number[];
  /** The whole buffer the message was written into, and the one before it (free to write into). */
  readonly memory: Buffer;
  readonly spare?: Buffer;
}

export function diagnosticsEncoder(): ContentTypeEncoder {
  const last = new Map<unknown, Published>();
  return {
    name: 'application/json',
    encode(msg: Message): Promise<Uint8Array> {
      const { jsonrpc, method, params } = msg as { jsonrpc: string; method?: string; params?: Params };
      if (method !== PUBLISH || !params || !Array.isArray(params.diagnostics)) {
        return Promise.resolve(Buffer.from(JSON.stringify(msg), 'utf8'));
      }
      const { diagnostics, ...rest } = params;
      // `{"jsonrpc":...,"params":{"uri":...}}` without its closing braces, then the diagnostics last.
      const head = JSON.stringify({ jsonrpc, method, params: rest }).slice(0, -2);
      const open = Buffer.from(`${head}${head.endsWith('{') ? '' : ','}"diagnostics":[`, 'utf8');
      const { message, published } = publish(open, diagnostics, last.get(params.uri));
      if (diagnostics.length > 0) last.set(params.uri, published);
      else last.delete(params.uri); // a closed or clean document keeps nothing
      return Promise.resolve(message);
    },
  };
}

const CLOSE = Buffer.from(']}}');

/** The message: `open`, the diagnostics' JSON, `]}}`; the runs at the start and the end that the
 *  previous publication had are copied from its bytes, which are a view into its message. */
function publish(
  open: Buffer,
  items: readonly unknown[],
  before: Published | undefined,
): { message: Buffer; published: Published } {
  const old = before?.items ?? [];
  let front = 0;
  while (front < items.length && front < old.length && items[front] === old[front]) front++;
  let back = 0;
  const most = Math.min(items.length, old.length) - front;
  while (back < most && items[items.length - 1 - back] === old[old.length - 1 - back]) back++;
  // The pieces in order (kept runs as views of the old bytes), commas included, then one copy.
  const parts: Buffer[] = [];
  const ends: number[] = [];
  let length = 0;
  const add = (bytes: Buffer): void => {
    if (parts.length > 0) {
      parts.push(COMMA);
      length += 1;
    }
    parts.push(bytes);
    length += bytes.length;
  };
  if (front > 0 && before) {
    add(before.bytes.subarray(0, before.ends[front - 1]));
    for (let i = 0; i < front; i++) ends.push(before.ends[i]);
  }
  for (let i = front; i < items.length - back; i++) {
    add(Buffer.from(JSON.stringify(items[i]) ?? 'null', 'utf8'));
    ends.push(length);
  }
  if (back > 0 && before) {
    const from = old.length - back;
    const start = from === 0 ? 0 : before.ends[from - 1] + 1;
    add(before.bytes.subarray(start));
    const moved = length - before.bytes.length;
    for (let i = from; i < old.length; i++) ends.push(before.ends[i] + moved);
  }
  const size = open.length + length + CLOSE.length;
  // A quarter more than needed, so that a publication that grows by a few diagnostics still fits.
  const memory = before?.spare && before.spare.length >= size ? before.spare : Buffer.allocUnsafe(size + (size >> 2));
  const message = memory.subarray(0, size);
  let at = open.copy(message, 0);
  for (const part of parts) at += part.copy(message, at);
  CLOSE.copy(message, at);
  const bytes = message.subarray(open.length, open.length + length);
  return { message, published: { items: [...items], bytes, ends, memory, spare: before?.memory } };
}

const COMMA = Buffer.from(',');

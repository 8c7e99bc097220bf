// The message encoder of the stdio transport. LSP sends every diagnostic of a document again after
// each change, and a long-grown policy has thousands: serialising 4,000 diagnostics (2 MB of JSON)
// on every keystroke costs more than checking the change. The service reuses a Diagnostic object
// while its finding and place are unchanged (validate.ts), so a publication copies the bytes of
// the previous one for the same document for each diagnostic that is the same object (a keystroke
// changes a few): only the others are serialised. The outline, which VS Code asks for after each
// keystroke too, is written the same way from its kept rule symbols (features/symbols.ts). Every
// other message is encoded as vscode-jsonrpc does.
//
// A publication is written into memory that an earlier one of the same document used: the two
// most recent messages of a document take turns. Fresh memory for a 2.3 MB message cost 9 to 19 ms
// of page faults per keystroke (measured on the benchmark machine), a reused buffer 0.1 ms. The
// buffer of the message before the last is free: vscode-jsonrpc's StreamMessageWriter encodes a
// message only after the previous one's write has called back (one write at a time, its
// writeSemaphore), and the last message is still read from, to copy its unchanged diagnostics.
import type { ContentTypeEncoder, DocumentSymbol, Message } from 'vscode-languageserver/node';
import { reportDocument } from '../pullReports';
import { outlineMark } from '../features/symbols';

const PUBLISH = 'textDocument/publishDiagnostics';
/** Documents whose last message's bytes are kept (an edited one is reported again and again). */
const KEPT_DOCUMENTS = 16;

interface Params {
  readonly uri?: unknown;
  readonly diagnostics?: unknown;
  readonly [key: string]: unknown;
}

/** The items of a key's last message (a document's diagnostics, or its outline's rule symbols) and
 *  where each one's JSON ends in `bytes` (the items joined by commas, without the brackets). */
interface Published {
  readonly items: readonly unknown[];
  readonly bytes: Buffer;
  readonly ends: readonly number[];
  /** The whole buffer the message was written into, and the one before it (free to write into). */
  readonly memory: Buffer;
  readonly spare?: Buffer;
}

export function messageEncoder(): ContentTypeEncoder {
  const last = new Map<unknown, Published>();
  /** `open`, the items' JSON joined by commas, `close`: the items' bytes reused from the previous
   *  message of the same key (a document's publications, its pulled reports, its outlines). */
  const withItems = (open: string, items: readonly unknown[], close: string, key: string): Buffer => {
    const { message, published } = publish(Buffer.from(open, 'utf8'), items, close, last.get(key));
    last.delete(key); // set again last: the map is in order of use
    if (items.length > 0) last.set(key, published); // a closed or clean document keeps nothing
    // A closed document's pull reports end with no message that says so: the least recently
    // reported documents' bytes are dropped instead.
    if (last.size > KEPT_DOCUMENTS) last.delete(last.keys().next().value);
    return message;
  };
  /** `{"jsonrpc":...,"<outer>":{...}}` without its closing braces, then `"<list>":[` and the
   *  items last. */
  const withList = (head: object, list: string, items: readonly unknown[], key: string): Buffer => {
    const json = JSON.stringify(head).slice(0, -2);
    return withItems(`${json}${json.endsWith('{') ? '' : ','}"${list}":[`, items, ']}}', key);
  };
  /** A response whose result is an outline: the children of its longest symbol are the items. */
  const withOutline = (jsonrpc: string, id: unknown, symbols: DocumentSymbol[], index: number, uri: string) => {
    const { children, ...parent } = symbols[index];
    const result = JSON.stringify({ jsonrpc, id, result: 0 }).slice(0, -2);
    const before = symbols.slice(0, index).map((s) => `${JSON.stringify(s)},`);
    const after = symbols.slice(index + 1).map((s) => `,${JSON.stringify(s)}`);
    const open = `${result}[${before.join('')}${JSON.stringify(parent).slice(0, -1)},"children":[`;
    return withItems(open, children ?? [], `]}${after.join('')}]}`, `outline ${uri}`);
  };
  return {
    name: 'application/json',
    encode(msg: Message): Promise<Uint8Array> {
      const { jsonrpc, id, method, params, result } = msg as {
        jsonrpc: string;
        id?: unknown;
        method?: string;
        params?: Params;
        result?: unknown;
      };
      if (method === PUBLISH && params && Array.isArray(params.diagnostics)) {
        const { diagnostics, ...rest } = params;
        return Promise.resolve(
          withList({ jsonrpc, method, params: rest }, 'diagnostics', diagnostics, `push ${params.uri}`),
        );
      }
      // A full report of pull diagnostics (pullReports.ts marks it with its document).
      const document = reportDocument(result);
      if (document !== undefined) {
        const { items, ...rest } = result as { items: unknown[] };
        return Promise.resolve(withList({ jsonrpc, id, result: rest }, 'items', items, `pull ${document}`));
      }
      const outline = outlineMark(result);
      if (outline !== undefined)
        return Promise.resolve(withOutline(jsonrpc, id, result as DocumentSymbol[], outline.index, outline.uri));
      return Promise.resolve(Buffer.from(JSON.stringify(msg), 'utf8'));
    },
  };
}

/** The message: `open`, the items' JSON, `close`. An item the previous message also had is copied
 *  from its bytes, which are a view into that message: the runs at the start and at the end, and
 *  those between. An edit that ends a rule's shadowing changes diagnostics far apart (the rules it
 *  covered, and what covers them now), and the thousands between are the same. */
function publish(
  open: Buffer,
  items: readonly unknown[],
  close: string,
  before: Published | undefined,
): { message: Buffer; published: Published } {
  const old = before?.items ?? [];
  let front = 0;
  while (front < items.length && front < old.length && items[front] === old[front]) front++;
  let back = 0;
  const most = Math.min(items.length, old.length) - front;
  while (back < most && items[items.length - 1 - back] === old[old.length - 1 - back]) back++;
  const between = new Map<unknown, number>();
  for (let j = front; j < old.length - back; j++) between.set(old[j], j);
  const pieces = new Pieces(before);
  for (let j = 0; j < front; j++) pieces.reuse(j);
  for (let i = front; i < items.length - back; i++) {
    const j = between.get(items[i]);
    if (j !== undefined) pieces.reuse(j);
    else pieces.add(JSON.stringify(items[i]) ?? 'null');
  }
  for (let j = old.length - back; j < old.length; j++) pieces.reuse(j);
  pieces.finish();
  const { parts, ends, length } = pieces;
  const size = open.length + length + Buffer.byteLength(close);
  // A quarter more than needed, so that a publication that grows by a few diagnostics still fits.
  const memory = before?.spare && before.spare.length >= size ? before.spare : Buffer.allocUnsafe(size + (size >> 2));
  const message = memory.subarray(0, size);
  let at = open.copy(message, 0);
  for (const part of parts) at += typeof part === 'string' ? message.write(part, at) : part.copy(message, at);
  message.write(close, at);
  const bytes = message.subarray(open.length, open.length + length);
  return { message, published: { items: [...items], bytes, ends, memory, spare: before?.memory } };
}

/** A publication's diagnostics as pieces to copy, commas between them: new JSON, or runs of the
 *  previous publication's diagnostics that follow each other there (one view of its bytes each).
 *  New JSON stays a string until it is written into the message: a buffer for each of the 4,700
 *  diagnostics of the first publication was 2.3 MB of memory outside the heap that only the next
 *  full garbage collection gave back. */
class Pieces {
  readonly parts: Array<Buffer | string> = [];
  /** Where each diagnostic's JSON ends. */
  readonly ends: number[] = [];
  length = 0;
  private runFrom = -1;
  private runTo = -1;

  constructor(private readonly before: Published | undefined) {}

  /** The previous publication's diagnostic `j`, published again. */
  reuse(j: number): void {
    if (this.runFrom >= 0 && j === this.runTo + 1) {
      this.runTo = j;
      return;
    }
    this.finish();
    this.runFrom = this.runTo = j;
  }

  /** A diagnostic's new JSON. */
  add(json: string): void {
    this.finish();
    this.append(json);
    this.ends.push(this.length);
  }

  /** Ends the run of reused diagnostics, if one is open. */
  finish(): void {
    if (this.runFrom < 0 || !this.before) return;
    const { bytes, ends } = this.before;
    this.append(bytes.subarray(this.runFrom === 0 ? 0 : ends[this.runFrom - 1] + 1, ends[this.runTo]));
    const moved = this.length - ends[this.runTo];
    for (let j = this.runFrom; j <= this.runTo; j++) this.ends.push(ends[j] + moved);
    this.runFrom = -1;
  }

  private append(piece: Buffer | string): void {
    if (this.parts.length > 0) {
      this.parts.push(COMMA);
      this.length += 1;
    }
    this.parts.push(piece);
    this.length += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  }
}

const COMMA = ',';

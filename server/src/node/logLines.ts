// Audit log files as lines of bytes, streamed: plain or gzip (detected by its magic bytes, so a
// rotated `audit.log.1.gz` and a renamed one both work), UTF-8 or UTF-16 with a byte order mark,
// a file or standard input. Memory stays bounded whatever the log's size: a chunk at a time, and a
// line longer than the limit is dropped and reported, never gathered. A pretty-printed JSON
// object (a line that is only `{`, up to the `}` that closes it) is gathered into one line, as
// Azure exports them; a JSON array spread over lines is read an element at a time
// (service/replay/jsonArrayLines.ts); both are handed on as kube-apiserver's line of the same JSON
// (service/replay/goCompact.ts). The rows of a CSV file whose quoted cells hold line breaks are
// gathered (service/replay/csvRowLines.ts); YAML documents (gcloud's default output) become one JSON
// line each (service/replay/yamlDocuments.ts); the rows of a line a terminal wrapped are joined
// back (service/replay/hardWrappedLines.ts).
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import {
  CsvRowLines,
  hardWrappedLines,
  indentOf,
  isBlank,
  JsonArrayLines,
  JsonFollower,
  MAX_LINE_BYTES,
  oneLine,
  opensArray,
  wrappedArrayStart,
  csvColumns,
  DOCUMENTATION_PAGE_PATH,
  pageBlocks,
  yamlDocuments,
} from '../service';

export interface LineHandler {
  /** One line without its terminator; `inputBytes` counts the terminator too. */
  line(line: number, bytes: Uint8Array, inputBytes: number): void;
  /** A line that could not be handed over, with the reason. */
  bad(line: number, reason: string): void;
  /** A line of spaces, tabs and carriage returns only, which `line` never gets: YAML's text needs it. */
  blank?(line: number, bytes: Uint8Array, inputBytes: number): void;
  /** Raw bytes read from the file so far (compressed bytes for gzip), after each chunk. */
  progress?(rawBytes: number): void | Promise<void>;
  /** The bytes of the lines handed so far are about to be written over: copy what is kept of them. */
  release?(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface ReadOptions {
  readonly maxLineBytes?: number;
  readonly isCancelled?: () => boolean;
  /** Lines before the source's first, which is numbered one more (a page's code block). */
  readonly firstLine?: number;
}

/** Bytes read at a time from a file: big enough that a call costs little, small enough to stay in cache. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * A file's chunks, read into one buffer over and over: a fresh buffer per chunk (as a read stream
 * makes) costs more than the reading itself (the kernel maps and zeroes its pages), and the log
 * goes through it just once. Each chunk is valid until the next one is asked for. The reads are
 * synchronous: a chunk comes from the page cache or a disk read ahead in a fraction of a
 * millisecond, less than handing it to libuv's thread pool and back; callers that must stay
 * responsive yield between chunks (the language server does, in its progress callback).
 */
export class FileChunks implements AsyncIterable<Buffer> {
  private fd: number | undefined;
  private closed = false;

  constructor(private readonly path: string) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    if (this.closed) return;
    const fd = fs.openSync(this.path, 'r');
    this.fd = fd;
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    try {
      for (;;) {
        const bytesRead = fs.readSync(fd, buffer, 0, CHUNK_BYTES, null);
        if (bytesRead === 0) return;
        yield buffer.subarray(0, bytesRead);
        if (this.closed) return;
      }
    } finally {
      this.destroy();
    }
  }

  /** Closes the file, read to its end or not. */
  destroy(): void {
    this.closed = true;
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export interface ReadLogOptions extends ReadOptions {
  /** Standard input, when the log is `-` (the process's own by default). */
  readonly stdin?: AsyncIterable<Buffer>;
}

/**
 * Reads one log (a path, or `-` for standard input) to its end with readLines, and closes the file.
 * A stream that breaks off (a gzip cut short or corrupt, a file gone) is not fatal: the lines read
 * so far count, and the rest of the file is one bad line saying why. Cancellation still rejects.
 * Resolves with the raw bytes read: the path is only opened, never looked at again, since a live
 * log may be rotated away or deleted while it is read (the open file stays readable). A
 * documentation page (`.md`, `.adoc`, `.rst`: a tutorial that shows events) is read block by block.
 */
export async function readLog(path: string, handler: LineHandler, options: ReadLogOptions = {}): Promise<number> {
  if (path !== '-' && DOCUMENTATION_PAGE_PATH.test(path)) {
    const page = await pageText(path, options);
    if (page) return readPage(page, handler, options);
  }
  return readSource(path === '-' ? (options.stdin ?? process.stdin) : new FileChunks(path), handler, options);
}

/** A page longer than this is read as a log of lines: no documentation page is, a log may be. */
const MAX_PAGE_BYTES = 32 * 1024 * 1024;

/** A page's text and its raw bytes (compressed, for gzip); undefined when it is read as a log
 *  instead: too long for a page, or unreadable (the log's reading then says why, as a bad line). */
async function pageText(path: string, options: ReadOptions): Promise<{ text: string; raw: number } | undefined> {
  const chunks = new FileChunks(path);
  const parts: Buffer[] = [];
  let size = 0;
  let raw = 0;
  try {
    for await (const buffer of asUtf8(decompressed(chunks, (n) => (raw += n)))) {
      if (options.isCancelled?.()) throw new CancelledError();
      size += buffer.length;
      if (size > MAX_PAGE_BYTES) return undefined;
      parts.push(Buffer.from(buffer)); // a file's chunk is read into the same buffer again
    }
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return undefined;
  } finally {
    chunks.destroy();
  }
  return { text: Buffer.concat(parts).toString('utf8'), raw };
}

/**
 * A documentation page's events are in its code blocks (service/embedded/pageBlocks.ts): each block
 * is read as a log of its own, in whatever shape it has (JSON lines after a `$ cat` line, an event
 * pretty-printed, YAML documents), its lines numbered as the page's; the prose around the blocks
 * is no log's line, and a page's front matter no YAML document. A page without code blocks is
 * read as lines.
 */
async function readPage(
  page: { text: string; raw: number },
  handler: LineHandler,
  options: ReadOptions,
): Promise<number> {
  const blocks = pageBlocks(page.text);
  const quiet: LineHandler = { ...handler, progress: undefined };
  if (blocks.length === 0) await readSource(only(Buffer.from(page.text)), quiet, options);
  for (const block of blocks)
    await readSource(only(Buffer.from(block.text)), quiet, { ...options, firstLine: block.firstLine });
  await handler.progress?.(page.raw);
  return page.raw;
}

async function* only(text: Buffer): AsyncGenerator<Buffer> {
  yield text;
}

/** Reads `source` to its end as a log: readLines, then its terminal-wrapped rows joined and YAML
 *  documents read, with a stream that breaks off read as far as it goes. */
async function readSource(source: AsyncIterable<Buffer>, handler: LineHandler, options: ReadOptions): Promise<number> {
  let lastLine = options.firstLine ?? 0;
  let rawBytes = 0;
  const documents = yamlDocuments(handler, options.maxLineBytes ?? MAX_LINE_BYTES);
  const rows = hardWrappedLines(documents, options.maxLineBytes ?? MAX_LINE_BYTES);
  try {
    const read = await readLines(
      source,
      {
        line(line, bytes, inputBytes) {
          lastLine = line;
          rows.line(line, bytes, inputBytes);
        },
        bad(line, reason) {
          lastLine = line;
          rows.bad(line, reason);
        },
        blank: (line, bytes, inputBytes) => rows.blank(line, bytes, inputBytes),
        release: () => rows.release(),
        progress: (raw) => {
          rawBytes = raw;
          return handler.progress?.(raw);
        },
      },
      options,
    );
    rows.end();
    documents.end();
    return read;
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    rows.end();
    documents.end();
    handler.bad(
      lastLine + 1,
      `the rest of the file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    );
    return rawBytes;
  } finally {
    if (source instanceof FileChunks) source.destroy();
  }
}

/** Chunks copied: zlib holds on to its input after a write returns, and a file's buffer is reused. */
async function* copies(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) yield Buffer.from(chunk);
}

/**
 * Compressions, archives and binary record files replay does not read, by their first bytes (-1:
 * any byte), with what undoes them: logrotate may compress with any of them, a download may come
 * zipped, Event Hubs Capture writes Avro and a Firehose may convert records to Parquet. Their
 * bytes read as text would be a bad line each, saying nothing of why.
 */
const UNREAD_FORMATS: ReadonlyArray<[string, number[], string]> = [
  ['zstd-compressed', [0x28, 0xb5, 0x2f, 0xfd], 'decompress it first (zstd -d)'],
  ['xz-compressed', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'decompress it first (xz -d)'],
  ['bzip2-compressed', [0x42, 0x5a, 0x68, -1, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], 'decompress it first (bzip2 -d)'],
  ['LZ4-compressed', [0x04, 0x22, 0x4d, 0x18], 'decompress it first (lz4 -d)'],
  ['a zip archive', [0x50, 0x4b, 0x03, 0x04], 'replay the files it holds (unzip)'],
  ['a 7z archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'replay the files it holds (7z x)'],
  ['an Avro file (Event Hubs Capture)', [0x4f, 0x62, 0x6a, 0x01], 'convert it to JSON lines first (avro-tools tojson)'],
  ['a Parquet file', [0x50, 0x41, 0x52, 0x31], 'export its rows as JSON lines first (DuckDB, Athena, Spark)'],
];

async function* decompressed(raw: AsyncIterable<Buffer>, counted: (n: number) => void): AsyncGenerator<Buffer> {
  const iterator = raw[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  async function* all(): AsyncGenerator<Buffer> {
    counted(first.value.length);
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      counted(next.value.length);
      yield next.value;
    }
  }
  const head: Buffer = first.value;
  const other = UNREAD_FORMATS.find(([, magic]) => magic.every((byte, i) => byte === -1 || head[i] === byte));
  if (other) {
    const [name, , command] = other;
    throw new Error(`it is ${name}, which replay does not read (plain text and gzip only): ${command}`);
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b)
    yield* notTar(Readable.from(copies(all())).pipe(zlib.createGunzip({ chunkSize: 256 * 1024 })));
  else yield* notTar(all());
}

/** Where a tar archive's first header says `ustar` (POSIX and GNU tar; POSIX.1-1988 ustar format). */
const TAR_MAGIC_AT = 257;
const TAR_MAGIC = Buffer.from('ustar');

/** The chunks as they are, unless they make a tar archive (a must-gather or a sosreport is shared as
 *  a .tar.gz): its headers and members read as lines would be bad lines, or events glued to binary
 *  headers, saying nothing of why. */
async function* notTar(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (!head) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < TAR_MAGIC_AT + TAR_MAGIC.length) continue;
    if (head.subarray(TAR_MAGIC_AT, TAR_MAGIC_AT + TAR_MAGIC.length).equals(TAR_MAGIC))
      throw new Error(
        'it is a tar archive, which replay does not read (plain text and gzip only): replay the files it holds (tar -xf)',
      );
    yield head;
    head = undefined;
  }
  if (head && head.length > 0) yield head;
}

/**
 * The stream as UTF-8: a file that starts with a UTF-16 byte order mark (what Windows PowerShell 5's
 * `>` writes, `kubectl logs ... > audit.log`) is decoded from UTF-16, the mark dropped; any other
 * is passed through as it is.
 */
async function* asUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let order: 'le' | 'be' | undefined;
  let first = true;
  /** Bytes of a code unit, or of a high surrogate, whose rest is in the next chunk. */
  let carry = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (first) {
      // The mark may come split over the first chunks: decide once two bytes are there.
      carry = Buffer.concat([carry, chunk]);
      if (carry.length < 2) continue;
      first = false;
      if (carry[0] === 0xff && carry[1] === 0xfe) order = 'le';
      else if (carry[0] === 0xfe && carry[1] === 0xff) order = 'be';
      if (!order) {
        yield carry;
        carry = Buffer.alloc(0);
        continue;
      }
      carry = Buffer.from(carry.subarray(2));
      yield* utf16Chunk();
      continue;
    }
    if (!order) {
      yield chunk;
      continue;
    }
    carry = Buffer.concat([carry, chunk]);
    yield* utf16Chunk();
  }
  if (first && carry.length > 0) yield carry; // a file of one byte
  // A code unit cut short at the end becomes U+FFFD, as a decoder makes it.
  if (order && carry.length > 0) yield Buffer.from(decodeUtf16(carry, order).padEnd(1, '\ufffd'), 'utf8');

  function* utf16Chunk(): Generator<Buffer> {
    let end = carry.length & ~1;
    const last = end >= 2 ? (order === 'le' ? carry.readUInt16LE(end - 2) : carry.readUInt16BE(end - 2)) : 0;
    if (last >= 0xd800 && last <= 0xdbff) end -= 2; // a pair cut between chunks
    if (end > 0) yield Buffer.from(decodeUtf16(carry.subarray(0, end), order!), 'utf8');
    carry = Buffer.from(carry.subarray(end));
  }
}

function decodeUtf16(bytes: Buffer, order: 'le' | 'be'): string {
  if (order === 'le') return bytes.toString('utf16le');
  const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16();
  return swapped.toString('utf16le') + (bytes.length & 1 ? '\ufffd' : '');
}

/**
 * Reads `source` to the end, handing each line to `handler`, and resolves with the raw bytes read
 * (compressed bytes for gzip). Rejects with CancelledError when cancelled. A chunk of `source` may
 * be reused once the next one is asked for: what is kept across chunks (the start of a line, a
 * pretty-printed document) is copied.
 */
export async function readLines(
  source: AsyncIterable<Buffer>,
  handler: LineHandler,
  options: ReadOptions = {},
): Promise<number> {
  const max = options.maxLineBytes ?? MAX_LINE_BYTES;
  let raw = 0;
  const firstLine = options.firstLine ?? 0;
  let lineNumber = firstLine;
  const pending = new Carry(max);
  /** Bytes of the line being gathered across chunks, counted on when it is too long to keep. */
  let pendingBytes = 0;
  let tooLong = false;
  /**
   * A pretty-printed document being gathered: its first line, its parts with their input bytes, the
   * indentation of its opening line, which the lines inside exceed unless it was written unindented,
   * and its nesting followed (service/replay/jsonFollower.ts).
   */
  let doc:
    | {
        line: number;
        parts: Uint8Array[];
        sizes: number[];
        bytes: number;
        indent: number;
        json: JsonFollower;
      }
    | undefined;
  /** A JSON array spread over lines, read an element at a time (service/replay/jsonArrayLines.ts). */
  let array: JsonArrayLines | undefined;
  /** The rows of a CSV file (its first line a header), a row over lines (service/replay/csvRowLines.ts). */
  let csv: CsvRowLines | undefined;

  const emit = (bytes: Uint8Array, inputBytes: number): void => {
    lineNumber++;
    let line = bytes;
    // A CRLF line end (a log that went through Windows) is the LF kube-apiserver wrote: sized as it.
    if (line.length > 0 && line[line.length - 1] === 0x0d) {
      line = line.subarray(0, line.length - 1);
      inputBytes--;
    }
    // A byte order mark starts the file, or a file of several joined (`cat *.log | replay -`): an
    // editor's or a shell's, not kube-apiserver's, so the event is sized without it as with the CR.
    if (line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) {
      line = line.subarray(3);
      inputBytes -= 3;
    }
    if (csv) return csv.line(lineNumber, line, inputBytes);
    const columns = lineNumber === firstLine + 1 ? csvColumns(line) : 0;
    if (columns > 0) csv = new CsvRowLines(columns, handler);
    emitAt(lineNumber, line, inputBytes);
  };

  const emitAt = (lineNumber: number, line: Uint8Array, inputBytes: number): void => {
    if (array) {
      const taken = array.line(lineNumber, line, inputBytes);
      if (array.ended) array = undefined;
      if (taken) return; // otherwise the array ended before the line, which is read as a line
    }
    if (doc) {
      const indent = indentOf(line);
      // A line that is not blank and no deeper than the opening one, and cannot go on with it (a
      // member, or its closing line): the opening line was no document's (a `{` in a note, say), and
      // the lines after it are read again.
      if (indent <= doc.indent && indent < line.length && !doc.json.goesOnWith(line[indent]))
        return notADocument(lineNumber, line, inputBytes);
      const closes = doc.json.follow(line, indent) !== -1;
      doc.parts.push(line.slice());
      doc.sizes.push(inputBytes);
      doc.bytes += line.length + 1;
      if (doc.bytes > max) {
        handler.bad(doc.line, `a JSON document longer than ${max / 1024 / 1024} MiB`);
        doc = undefined;
      } else if (doc.json.inString) {
        // JSON has no newline in a string: the line was cut, and the lines after it are read as lines.
        notADocument(0, undefined, 0, 'a JSON document with a line cut inside a string');
      } else if (closes) {
        // Read, and sized, as kube-apiserver's line of the same JSON (service/replay/goCompact.ts).
        const whole = oneLine(new Uint8Array(Buffer.concat(doc.parts.flatMap((p) => [p, NEWLINE]))));
        const first = doc.line;
        doc = undefined;
        handler.line(first, whole, whole.length + 1);
      }
      return;
    }
    if (isBlank(line)) return handler.blank?.(lineNumber, line, inputBytes);
    const first = line[indentOf(line)];
    if (first === 0x5b && opensArray(line)) {
      const opened = new JsonArrayLines(lineNumber, line, inputBytes, handler, max);
      if (!opened.ended) array = opened;
      return;
    }
    // Objects that open an array as their last member: `{"records": [` (service/replay/wrappedArray.ts).
    const start = first === 0x7b ? wrappedArrayStart(line, indentOf(line)) : -1;
    if (start !== -1) {
      const opened = new JsonArrayLines(lineNumber, line, inputBytes, handler, max, start, true);
      if (!opened.ended) array = opened;
      return;
    }
    const trimmed = line.length <= 8 ? String.fromCharCode(...line).trim() : '';
    if (trimmed === '{') {
      const sizes = [inputBytes];
      doc = {
        line: lineNumber,
        parts: [line.slice()],
        sizes,
        bytes: line.length + 1,
        indent: indentOf(line),
        json: new JsonFollower(),
      };
      doc.json.follow(line, 0);
      return;
    }
    handler.line(lineNumber, line, inputBytes);
  };

  /**
   * The document gathered was none: its opening line is a line (or a bad line, `reason`), the others
   * are handed on as lines, and `line` is read again.
   */
  const notADocument = (lineNumber: number, line?: Uint8Array, inputBytes = 0, reason?: string): void => {
    const { line: first, parts, sizes } = doc!;
    doc = undefined;
    if (reason === undefined) handler.line(first, parts[0], sizes[0]);
    else handler.bad(first, reason);
    // As lines, opening no document: each line is looked at twice at most, whatever the text.
    for (let i = 1; i < parts.length; i++) {
      if (isBlank(parts[i])) handler.blank?.(first + i, parts[i], sizes[i]);
      else handler.line(first + i, parts[i], sizes[i]);
    }
    if (line) emitAt(lineNumber, line, inputBytes);
  };

  for await (const buffer of asUtf8(decompressed(source, (n) => (raw += n)))) {
    if (options.isCancelled?.()) throw new CancelledError();
    // A plain view: Buffer's own subarray and indexOf cost far more per call than Uint8Array's.
    const chunk = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(0x0a, start); // Buffer's indexOf is memchr
      if (newline === -1) {
        // The chunk's lines are handed: the chunk and the carry are used again from here.
        handler.release?.();
        if (!tooLong && pendingBytes + chunk.length - start > max) {
          tooLong = true;
          pending.clear();
        } else if (!tooLong) pending.append(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        break;
      }
      const piece = chunk.subarray(start, newline);
      if (tooLong) {
        lineNumber++;
        handler.bad(lineNumber, `a line longer than ${max / 1024 / 1024} MiB (${pendingBytes + piece.length} bytes)`);
        tooLong = false;
      } else if (pendingBytes > 0) {
        pending.append(piece);
        emit(pending.take(), pendingBytes + piece.length + 1);
      } else {
        emit(piece, piece.length + 1);
      }
      pendingBytes = 0;
      start = newline + 1;
    }
    await handler.progress?.(raw);
  }
  if (tooLong) handler.bad(++lineNumber, `a line longer than ${max / 1024 / 1024} MiB (${pendingBytes} bytes)`);
  else if (pendingBytes > 0) emit(pending.take(), pendingBytes);
  // The lines after an opening line that nothing closed are read as lines: an event among them counts.
  csv?.end();
  while (doc) notADocument(0, undefined, 0, 'a JSON document that does not end (no line as indented starting with })');
  array?.end();
  return raw;
}

const NEWLINE = Buffer.from('\n');

/**
 * The start of a line that runs past the end of a chunk, gathered in one buffer kept from line to
 * line: a fresh buffer per such line would cost its pages' mapping, more than the copying.
 */
class Carry {
  private buffer = new Uint8Array(64 * 1024);
  length = 0;

  /** `max`: the longest line kept, past which the buffer does not grow ahead of need. */
  constructor(private readonly max: number) {}

  append(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buffer.length) {
      const needed = this.length + bytes.length;
      const grown = new Uint8Array(Math.max(needed, Math.min(this.buffer.length * 2, this.max)));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The line gathered, valid until the next append; the carry is empty afterwards. */
  take(): Uint8Array {
    const line = this.buffer.subarray(0, this.length);
    this.length = 0;
    // A very long line's buffer is not kept for the short ones after it.
    if (this.buffer.length > 4 * 1024 * 1024) this.buffer = new Uint8Array(64 * 1024);
    return line;
  }

  clear(): void {
    this.take();
  }
}

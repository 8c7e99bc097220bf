// The log reader (server/src/node/logLines.ts) takes UTF-16 files with a byte order mark, as
// Windows PowerShell 5's `>` writes them, however the chunks fall: the lines are the UTF-8 lines
// Node's own decoder gives for the same bytes. A file compressed in a format it does not read says so.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { readLines, readLog } from '../../../server/src/node/logLines';

const TEXT = '{"verb":"get","user":{"username":"jos\u00e9 \ud83d\ude00"}}\r\n{"verb":"list"}\r\nlast \u20ac line';

async function linesOf(bytes: Buffer, chunk: number): Promise<string[]> {
  async function* chunks(): AsyncGenerator<Buffer> {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const lines: string[] = [];
  await readLines(chunks(), { line: (_n, b) => lines.push(Buffer.from(b).toString('utf8')), bad: () => {} });
  return lines;
}

const expected = TEXT.split('\r\n');

test('UTF-16 LE and BE with a byte order mark read as UTF-8 lines, whatever the chunk size', async () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()]);
  for (const bytes of [le, be])
    for (const chunk of [1, 2, 3, 5, 64, bytes.length]) assert.deepEqual(await linesOf(bytes, chunk), expected);
});

test('UTF-8 with or without a byte order mark is passed through', async () => {
  assert.deepEqual(await linesOf(Buffer.from(`\ufeff${TEXT}`), 7), expected);
  assert.deepEqual(await linesOf(Buffer.from(TEXT), 7), expected);
});

test('a file compressed, archived or binary as replay does not read is one bad line saying how to read', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-compressed-'));
  // First bytes of each format (zstd RFC 8878 3.1.1, xz file format 2.1.1.1, bzip2's "BZh" and block
  // magic, LZ4 frame format, zip APPNOTE 4.3.7, 7z), followed by what an audit log would hold.
  const heads: Array<[number[], RegExp]> = [
    [[0x28, 0xb5, 0x2f, 0xfd], /zstd-compressed.*zstd -d/],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], /xz-compressed.*xz -d/],
    [[0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], /bzip2-compressed.*bzip2 -d/],
    [[0x04, 0x22, 0x4d, 0x18], /LZ4-compressed.*lz4 -d/],
    [[0x50, 0x4b, 0x03, 0x04], /a zip archive.*unzip/],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], /a 7z archive.*7z x/],
    // Avro object container files ("Obj" 1, the Avro 1.11 specification), Parquet ("PAR1").
    [[0x4f, 0x62, 0x6a, 0x01], /an Avro file \(Event Hubs Capture\).*avro-tools tojson/],
    [[0x50, 0x41, 0x52, 0x31], /a Parquet file/],
  ];
  for (const [head, reason] of heads) {
    const file = join(dir, 'audit.log.1');
    writeFileSync(file, Buffer.concat([Buffer.from(head), Buffer.from('\n{"verb":"get"}\n'.repeat(3))]));
    const lines: number[] = [];
    const bad: Array<[number, string]> = [];
    await readLog(file, { line: (n) => lines.push(n), bad: (n, why) => bad.push([n, why]) });
    assert.deepEqual(lines, []);
    assert.equal(bad.length, 1);
    assert.equal(bad[0][0], 1);
    assert.match(bad[0][1], reason);
    assert.match(bad[0][1], /replay does not read \(plain text and gzip only\)/);
  }
  // "BZh" that opens a text line is text.
  const text = join(dir, 'text.log');
  writeFileSync(text, 'BZh9 is not bzip2\n');
  const lines: number[] = [];
  await readLog(text, { line: (n) => lines.push(n), bad: () => assert.fail('no bad line') });
  assert.deepEqual(lines, [1]);
});

/** A tar archive of one member (POSIX.1-1988 ustar: a 512-byte header, `ustar` at offset 257, the
 *  member's bytes in 512-byte blocks, two zero blocks at the end). */
function tarOf(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write(`${Buffer.byteLength(content).toString(8).padStart(11, '0')}\0`, 124);
  header.write('0', 156);
  header.write('ustar\u000000', 257);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(content) / 512) * 512);
  body.write(content);
  return Buffer.concat([header, body, Buffer.alloc(1024)]);
}

test('a tar archive, plain or gzipped (a must-gather), is one bad line saying to extract it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kap-tar-'));
  const tar = tarOf('audit_logs/audit.log', '{"verb":"get"}\n'.repeat(3));
  for (const [name, bytes] of [
    ['must-gather.tar', tar],
    ['must-gather.tar.gz', gzipSync(tar)],
  ] as const) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const lines: number[] = [];
    const bad: string[] = [];
    await readLog(file, { line: (n) => lines.push(n), bad: (_n, why) => bad.push(why) });
    assert.deepEqual(lines, [], name);
    assert.equal(bad.length, 1, name);
    assert.match(bad[0], /a tar archive, which replay does not read \(plain text and gzip only\).*tar -xf/, name);
  }
  // a log shorter than a tar header is read as it is
  const short = join(dir, 'short.log');
  writeFileSync(short, '{"verb":"get"}\n');
  const lines: number[] = [];
  await readLog(short, { line: (n) => lines.push(n), bad: () => assert.fail('no bad line') });
  assert.deepEqual(lines, [1]);
});

// The log reader (server/src/node/logLines.ts) takes UTF-16 files with a byte order mark, as
// Windows PowerShell 5's `>` writes them, however the chunks fall: the lines are the UTF-8 lines
// Node's own decoder gives for the same bytes.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readLines } from '../../../server/src/node/logLines';

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

// The one line scanner: \r\n, \n and a lone \r end a line, as the LSP specification counts lines
// ("\n", "\r\n" and "\r" are line endings), and every user of lines agrees with it.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hasLoneCarriageReturn, lineEndAt, lineSpans, lineStarts } from '../../../server/src/service/text/lines';
import { LineIndex } from '../../../server/src/service/text/lineIndex';

const TEXTS = ['', 'a', 'a\n', 'a\r\nb', 'a\rb\nc\r\nd\r', '\r\r\n\n', 'x\n\ry'];

test('line contents for every kind of line break', () => {
  const contents = (text: string): string[] => [...lineSpans(text)].map((s) => text.slice(s.start, s.end));
  assert.deepEqual(contents('a\rb\nc\r\nd\r'), ['a', 'b', 'c', 'd', '']);
  assert.deepEqual(contents('\r\r\n\n'), ['', '', '', '']);
  assert.deepEqual(contents(''), ['']);
  assert.deepEqual(contents('a'), ['a']);
});

test('spans, line starts and the LineIndex agree', () => {
  for (const text of TEXTS) {
    const spans = [...lineSpans(text)];
    assert.deepEqual(
      spans.map((s) => s.start),
      lineStarts(text),
      JSON.stringify(text),
    );
    const index = new LineIndex(text);
    assert.equal(index.lineCount, spans.length, JSON.stringify(text));
    spans.forEach((s, line) => {
      assert.equal(index.lineEnd(line), s.end, `${JSON.stringify(text)} line ${line}`);
      assert.equal(lineEndAt(text, s.start), s.end, `${JSON.stringify(text)} line ${line}`);
      if (line + 1 < spans.length) assert.equal(s.next, spans[line + 1].start);
    });
  }
});

test('lone carriage returns are told from CR LF', () => {
  assert.equal(hasLoneCarriageReturn('a\r\nb\r\n'), false);
  assert.equal(hasLoneCarriageReturn('a\rb'), true);
  assert.equal(hasLoneCarriageReturn('a\r'), true);
});

// The line index made from the previous version's equals a fresh one, after random edits of texts
// with every kind of line break; and the change found between two versions is the edit made.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { LineIndex } from '../../../server/src/service/text/lineIndex';
import { textChange } from '../../../server/src/service/text/textChange';

const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '- level: x', '#');
const text = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

function starts(index: LineIndex): number[] {
  return Array.from({ length: index.lineCount }, (_, i) => index.lineStart(i));
}

test('an updated line index equals a fresh one', () => {
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), text, (before, a, b, inserted) => {
      const from = Math.min(a, b) % (before.length + 1);
      const to = Math.min(before.length, from + (Math.max(a, b) % 5));
      const after = before.slice(0, from) + inserted + before.slice(to);
      const updated = new LineIndex(before).updated(after, textChange(before, after));
      assert.deepEqual(starts(updated), starts(new LineIndex(after)));
    }),
    { numRuns: 5000 },
  );
});

test('textChange finds the replaced span, also in texts longer than its chunks', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20 }), fc.nat(20000), fc.string({ maxLength: 20 }), (inserted, at, removed) => {
      const base = 'x'.repeat(20000) + removed + 'y'.repeat(9000);
      const cut = Math.min(at, 20000);
      const before = base;
      const after = base.slice(0, cut) + inserted + base.slice(cut + removed.length);
      const c = textChange(before, after);
      assert.equal(before.slice(0, c.start) + after.slice(c.start, c.newEnd) + before.slice(c.oldEnd), after);
      assert.equal(before.length - c.oldEnd, after.length - c.newEnd);
      assert.ok(c.start <= c.oldEnd && c.start <= c.newEnd);
    }),
    { numRuns: 500 },
  );
});

test('lineOfFrom, walking down from an earlier line, finds the line lineOf finds', () => {
  fc.assert(
    fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
      const index = new LineIndex(t);
      const offset = a % (t.length + 3); // past the end too: clamped as lineOf clamps
      const from = b % (index.lineOf(offset) + 1);
      assert.equal(index.lineOfFrom(offset, from), index.lineOf(offset));
    }),
    { numRuns: 5000 },
  );
});

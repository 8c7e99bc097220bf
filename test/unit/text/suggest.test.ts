// "Did you mean": the optimal string alignment distance and the closest name.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { closest, editDistance } from '../../../server/src/service/text/suggest';

/** The textbook definition, one full table (Boytsov 2011, "optimal string alignment"). */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

test('known distances: a transposition is one edit, and OSA is not full Damerau-Levenshtein', () => {
  assert.equal(editDistance('wacth', 'watch'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ca', 'abc'), 3); // full Damerau-Levenshtein says 2
  assert.equal(editDistance('', 'get'), 3);
  assert.equal(editDistance('list', 'list'), 0);
  assert.equal(editDistance('a', 'abcdefgh'), 7); // lengths more than 3 apart: their difference
});

test('the three-row table agrees with the full table on any pair of short words', () => {
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
  fc.assert(
    fc.property(word, word, (a, b) => {
      if (Math.abs(a.length - b.length) > 3) return;
      assert.equal(editDistance(a, b), referenceDistance(a, b), `${a} / ${b}`);
    }),
    { numRuns: 3000 },
  );
});

test('closest: the same name in another case first, then the nearest within the limit', () => {
  const verbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
  assert.equal(closest('WATCH', verbs), 'watch');
  assert.equal(closest('wacth', verbs), 'watch');
  assert.equal(closest('lst', verbs), 'list');
  assert.equal(closest('frobnicate', verbs), undefined);
});

// The rule items' spans after an edit, moved from the previous version's (segmentsAfterChange),
// equal the spans found afresh in the new text whenever the move is made; and the move is made for
// the common keystroke, a change inside a rule after its `- `.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { segmentRules, segmentsAfterChange } from '../../server/src/service/parse/segment';
import { textChange } from '../../server/src/service/text/textChange';
import { generatePolicyText } from '../unit/engine/generatedPolicy';
import { STRAY, check, corpus } from './support';

const sources = [...corpus(), generatePolicyText(30, true)];

test('moved spans equal the spans of the new text', () => {
  let moved = 0;
  check(
    fc.property(
      fc.nat(sources.length - 1),
      fc.nat(),
      fc.nat(3),
      fc.constantFrom('', 'x', ' ', '  ', '\n', '\n  ', '\n- ', '#', '\t', '\r', '\r\n', '---', ...STRAY),
      (file, at, length, inserted) => {
        const before = sources[file];
        const was = segmentRules(before);
        if (!was) return;
        const start = at % (before.length + 1);
        const after = before.slice(0, start) + inserted + before.slice(start + length);
        const change = textChange(before, after);
        const result = segmentsAfterChange(before, was, after, change);
        if (result === undefined) return;
        moved++;
        assert.deepEqual(result, segmentRules(after));
      },
    ),
  );
  assert.ok(moved > 50, `only ${moved} edits were moved`);
});

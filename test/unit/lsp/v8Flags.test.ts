// The server tunes V8 for itself unless the user chose: a flag the user gave must be seen on the
// command line and in NODE_OPTIONS, spelled with - or _, and leave only the other tunings to set.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { tuningsToSet } from '../../../server/src/lsp/node/v8Flags';

const GROWTH = '--semi-space-growth-factor=1';
const INLINING = '--max-inlined-bytecode-size-cumulative=300';
const GROWING = '--heap-growing-percent=100';
const FEEDBACK = '--no-lazy-feedback-allocation';

test('with no flags of the user, the server sets every tuning', () => {
  assert.deepEqual(tuningsToSet([]), [GROWTH, INLINING, GROWING, FEEDBACK]);
  assert.deepEqual(tuningsToSet([], ''), [GROWTH, INLINING, GROWING, FEEDBACK]);
  assert.deepEqual(tuningsToSet(['--stack-size=2000'], '--max-old-space-size=4096 --enable-source-maps'), [
    GROWTH,
    INLINING,
    GROWING,
    FEEDBACK,
  ]);
});

test('a young-generation size given by the user is seen wherever and however it is given', () => {
  for (const [argv, options] of [
    [['--max-semi-space-size=1'], ''],
    [[], '--inspect --max-semi-space-size=64'],
    [[], '--max_semi_space_size=64'],
    [['--min-semi-space-size=4'], ''],
    [[], ' --semi_space_growth_factor=2 '],
  ] as const) {
    assert.deepEqual(tuningsToSet(argv, options), [INLINING, GROWING, FEEDBACK], `${argv.join(' ')} ${options}`);
  }
});

test('an inlining budget given by the user is kept', () => {
  assert.deepEqual(tuningsToSet(['--max-inlined-bytecode-size-cumulative=920']), [GROWTH, GROWING, FEEDBACK]);
  assert.deepEqual(tuningsToSet([], '--max_inlined_bytecode_size_cumulative=100'), [GROWTH, GROWING, FEEDBACK]);
  // A different flag that shares the prefix is not the budget.
  assert.deepEqual(tuningsToSet(['--max-inlined-bytecode-size=460']), [GROWTH, INLINING, GROWING, FEEDBACK]);
});

test('a heap growing factor given by the user is kept', () => {
  assert.deepEqual(tuningsToSet([], '--heap_growing_percent=30'), [GROWTH, INLINING, FEEDBACK]);
  assert.deepEqual(tuningsToSet(['--heap-growing-percent=0']), [GROWTH, INLINING, FEEDBACK]);
});

test('feedback allocation chosen by the user, either way, is kept', () => {
  assert.deepEqual(tuningsToSet(['--lazy-feedback-allocation']), [GROWTH, INLINING, GROWING]);
  assert.deepEqual(tuningsToSet([], '--no_lazy_feedback_allocation'), [GROWTH, INLINING, GROWING]);
});

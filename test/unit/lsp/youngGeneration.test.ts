// The server keeps V8's young generation at its initial size unless the user sized it, wherever
// the user did: the flag must be seen on the command line and in NODE_OPTIONS, spelled with - or _.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { sizedByUser } from '../../../server/src/lsp/node/youngGeneration';

test('a young-generation size given by the user is seen wherever and however it is given', () => {
  assert.equal(sizedByUser(['--max-semi-space-size=1']), true);
  assert.equal(sizedByUser([], '--inspect --max-semi-space-size=64'), true);
  assert.equal(sizedByUser([], '--max_semi_space_size=64'), true);
  assert.equal(sizedByUser(['--min-semi-space-size=4']), true);
  assert.equal(sizedByUser([], ' --semi_space_growth_factor=2 '), true);
});

test('other flags leave the young generation to the server', () => {
  assert.equal(sizedByUser([]), false);
  assert.equal(sizedByUser(['--stack-size=2000'], '--max-old-space-size=4096 --enable-source-maps'), false);
  assert.equal(sizedByUser([], ''), false);
});

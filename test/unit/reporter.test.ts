// test/reporter.mjs, the node:test reporter whose `SUITE: N passed, N failed` lines CI reads: fed
// the runner's events, it counts tests (not suites) per folder under out/test/, a skip once, and a
// suite's failure only when the suite itself failed (a hook), not when a test in it did.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';

type Event = { type: string; data: Record<string, unknown> };
const REPORTER = path.resolve(__dirname, '../../../test/reporter.mjs');

async function report(events: Event[]): Promise<string> {
  const { default: countBySuite } = (await import(REPORTER)) as {
    default: (source: AsyncIterable<Event>) => AsyncIterable<string>;
  };
  async function* source(): AsyncIterable<Event> {
    yield* events;
  }
  let out = '';
  for await (const chunk of countBySuite(source())) out += chunk;
  return out;
}

const file = (suite: string): string => path.join('/repo/out/test', suite, 'x.test.js');
const pass = (suite: string, extra: Record<string, unknown> = {}): Event => ({
  type: 'test:pass',
  data: { file: file(suite), ...extra },
});
const fail = (suite: string, extra: Record<string, unknown> = {}): Event => ({
  type: 'test:fail',
  data: { file: file(suite), ...extra },
});

test('reporter: one line per suite, sorted, and the total; suites themselves are not tests', async () => {
  const out = await report([
    pass('unit'),
    pass('unit'),
    pass('unit', { skip: 'absent' }),
    pass('unit', { details: { type: 'suite' } }),
    fail('cli'),
    fail('cli', { details: { type: 'suite', error: { failureType: 'subtestsFailed' } } }),
    fail('cli', { details: { type: 'suite', error: { failureType: 'hookFailed' } } }),
    pass('protocol', { todo: true }),
    { type: 'test:diagnostic', data: { message: 'tests 3' } },
  ]);
  assert.equal(
    out,
    '\ncli: 0 passed, 2 failed\nprotocol: 0 passed, 0 failed, 1 skipped\nunit: 2 passed, 0 failed, 1 skipped\n2 passed, 2 failed, 2 skipped\n',
  );
});

test('reporter: a file that fails to load counts as a failure', async () => {
  assert.equal(
    await report([fail('fuzz', { name: file('fuzz') })]),
    '\nfuzz: 0 passed, 1 failed\n0 passed, 1 failed\n',
  );
});

// The Node reader on logs laid out as people save them: JSON arrays over lines (one event per line
// or pretty-printed, `[` alone or with the first event, commas or none) and terminal-wrapped rows,
// fed in chunks of random sizes through one buffer written over for each chunk (as a file is read).
// Intact, the events are the plain log's, in order, with the same rules and sizes as kube-apiserver's
// lines when one per line; mangled, every case ends and nothing throws.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildReport, createPolicyDocument, Replayer, replayPolicy } from '../../server/src/service';
import type { EventRecord } from '../../server/src/service';
import { readLog } from '../../server/src/node/logLines';
import { EVENTS_FIXTURES } from '../helpers/replay';

const POLICY = replayPolicy(
  createPolicyDocument('file:///p.yaml', 1, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n'),
  'p.yaml',
);
const REAL = readFileSync(path.join(EVENTS_FIXTURES, 'openshift-clo-syslog-test.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean);
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);

/** `text` in chunks of the given sizes, each copied into one buffer used again, as FileChunks does. */
async function* chunks(text: Buffer, sizes: number[]): AsyncGenerator<Buffer> {
  const buffer = Buffer.alloc(Math.max(...sizes, 1));
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const n = Math.min(sizes[i % sizes.length], text.length - at);
    text.copy(buffer, 0, at, at + n);
    at += n;
    yield buffer.subarray(0, n);
  }
}

async function replay(text: Buffer, sizes: number[]): Promise<{ records: EventRecord[]; bad: number }> {
  const records: EventRecord[] = [];
  const replayer = new Replayer({ policy: POLICY.compiled, onEvent: (r) => records.push(r) });
  const file = replayer.startFile('-');
  await readLog(
    '-',
    {
      line: (n, b, size) => replayer.line(file, n, b, size),
      bad: (n, reason) => replayer.badLine(file, n, reason),
    },
    { stdin: chunks(text, sizes) },
  );
  replayer.endFile();
  return { records, bad: buildReport(replayer.tally, POLICY.info).totals.badLines };
}

const pretty = (e: string, indent: string): string => JSON.stringify(JSON.parse(e), null, 2).replace(/^/gm, indent);

const LAYOUTS: Array<(events: string[]) => string> = [
  (events) => `[\n${events.join(',\n')}\n]\n`,
  (events) => `[\n${events.join('\n')}\n]\n`,
  (events) => `[${events.join(',\n')}]\n`,
  (events) => `[\n${events.map((e) => pretty(e, '  ')).join(',\n')}\n]\n`,
  (events) =>
    `${JSON.stringify(
      events.map((e) => JSON.parse(e) as unknown),
      null,
      4,
    )}\n`,
];

const fields = (r: EventRecord): unknown[] => [r.auditID, r.rule, r.stage];

test('arrays over lines, fed in chunks of any size: the events of the plain log, in order', async () => {
  const cases = fc.tuple(
    fc.array(fc.nat(REAL.length - 1), { minLength: 1, maxLength: 8 }),
    fc.nat(LAYOUTS.length - 1),
    fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 4 }),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ([picked, layout, sizes]) => {
      const events = picked.map((i) => REAL[i]);
      const got = await replay(Buffer.from(LAYOUTS[layout](events)), sizes);
      assert.equal(got.bad, 0);
      assert.deepEqual(
        got.records.map(fields),
        events.map((e) => {
          const parsed = JSON.parse(e) as { auditID: string; stage: string };
          return [parsed.auditID, 0, parsed.stage];
        }),
      );
      if (layout <= 2)
        assert.deepEqual(
          got.records.map((r) => r.bytes),
          events.map((e) => Buffer.byteLength(e) + 1),
        );
    }),
    { numRuns: RUNS },
  );
});

test('arrays and wrapped rows, cut and spliced with noise: every case ends, nothing throws', async () => {
  const cases = fc.tuple(
    fc.array(fc.nat(REAL.length - 1), { minLength: 1, maxLength: 6 }),
    fc.nat(LAYOUTS.length),
    fc.nat(),
    fc.uint8Array({ maxLength: 6 }),
    fc.array(fc.integer({ min: 1, max: 2048 }), { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 20, max: 300 }),
  );
  await fc.assert(
    fc.asyncProperty(cases, async ([picked, layout, at, noise, sizes, width]) => {
      const events = picked.map((i) => REAL[i]);
      // The last layout: each line as rows of a terminal `width` wide.
      const text = Buffer.from(
        layout < LAYOUTS.length
          ? LAYOUTS[layout](events)
          : `${events.flatMap((e) => e.match(new RegExp(`.{1,${width}}`, 'g'))!).join('\n')}\n`,
      );
      const i = at % text.length;
      const mangled = Buffer.concat([text.subarray(0, i), Buffer.from(noise), text.subarray(i + (at % 11))]);
      const got = await replay(mangled, sizes);
      assert.ok(got.records.length <= events.length + 1);
    }),
    { numRuns: RUNS },
  );
});

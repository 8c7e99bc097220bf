// Replay never crashes on a hostile log: random bytes, random JSON, and real events cut, spliced
// and corrupted are each an event or a counted bad line, and the scanner agrees with JSON.parse on
// which texts are JSON (for texts without escapes or control characters in strings, which it does
// not judge).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { skipSpace, skipValue } from '../../server/src/service/replay/jsonScan';
import { EVENTS_FIXTURES, replayTexts } from '../helpers/replay';

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';
const REAL = readFileSync(path.join(EVENTS_FIXTURES, 'falco-k8s-audit-trace-files.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

/** Every line is either events or exactly one bad line; nothing throws. */
function accountsForEveryLine(bytes: Uint8Array): void {
  const { report } = replayTexts(POLICY, [{ name: 'fuzz.log', bytes }]);
  const lines = new Set<number>();
  let start = 0;
  let line = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    line++;
    if (bytes.subarray(start, end).some((c) => c !== 0x20 && c !== 0x0d)) lines.add(line);
    start = end + 1;
  }
  assert.equal(report.files[0].lines, lines.size);
  assert.ok(report.totals.badLines <= lines.size);
}

test('random bytes: every line is an event or a bad line, and nothing throws', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => accountsForEveryLine(bytes)),
    { numRuns: RUNS },
  );
});

test('real events cut, spliced and corrupted: never a crash', () => {
  const mangled = fc
    .tuple(fc.constantFrom(...REAL), fc.nat(), fc.nat(), fc.uint8Array({ maxLength: 8 }))
    .map(([event, a, b, noise]) => {
      const bytes = Buffer.from(event);
      const i = a % bytes.length;
      const j = Math.min(bytes.length, i + (b % 64));
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(noise), bytes.subarray(j), Buffer.from('\n')]);
    });
  fc.assert(
    fc.property(fc.array(mangled, { maxLength: 5 }), (lines) => accountsForEveryLine(Buffer.concat(lines))),
    { numRuns: RUNS },
  );
});

test('the scanner accepts exactly the texts JSON.parse accepts', () => {
  const text = fc.oneof(
    fc.json().map((j) => j),
    fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
    fc.string({
      unit: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '1', '-', '.', 'e', 't', 'r', 'u', 'n', 'l', ' ', 'a'),
    }),
  );
  fc.assert(
    fc.property(text, (t) => {
      // Escapes and control characters inside strings are JSON.parse's to judge, not the scanner's.
      // eslint-disable-next-line no-control-regex -- control characters are what it leaves out
      fc.pre(!/[\\\u0000-\u001f]/.test(t));
      let parsed = true;
      try {
        JSON.parse(t);
      } catch {
        parsed = false;
      }
      const bytes = new TextEncoder().encode(t);
      let scanned: boolean;
      try {
        const start = skipSpace(bytes, 0);
        scanned = start < bytes.length && skipSpace(bytes, skipValue(bytes, start)) === bytes.length;
      } catch {
        scanned = false;
      }
      assert.equal(scanned, parsed, JSON.stringify(t));
    }),
    { numRuns: RUNS * 3 },
  );
});

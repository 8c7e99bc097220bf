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
import type { EventRecord } from '../../server/src/service';
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

const AGAINST = `apiVersion: audit.k8s.io/v1
kind: Policy
omitManagedFields: true
omitStages: ["RequestReceived"]
rules:
- level: None
  users: ["system:kube-proxy"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["pods", "configmaps"]
    resourceNames: ["a", "b"]
- level: Metadata
  namespaces: ["default"]
  verbs: ["create"]
- level: Request
  verbs: ["create", "update", "patch"]
- level: Metadata
`;

test('an event of a kind seen before is decided as the first of its kind would be (the kind table changes nothing)', () => {
  // Real events with their deciding members varied: each line replayed alone (its kind new) must
  // give the record it gets inside the whole log, where the repeated half finds its kind known.
  const events = REAL.map((l) => JSON.parse(l) as Record<string, unknown>);
  const edit = fc.record({
    event: fc.nat(events.length - 1),
    user: fc.constantFrom(undefined, null, 'a', 'system:kube-proxy', 'b'),
    verb: fc.constantFrom(undefined, 'get', 'create', 'patch', 'update', 'list'),
    stage: fc.constantFrom(undefined, 'RequestReceived', 'ResponseComplete'),
    level: fc.constantFrom(undefined, 'Metadata', 'Request', 'RequestResponse'),
    name: fc.constantFrom(undefined, 'a', 'b', 'c'),
    auditID: fc.constantFrom(undefined, 'x', 42, null),
    time: fc.constantFrom(undefined, '2024-01-01T00:00:01.000000Z', '2024-02-30T00:00:01.000000Z', 7),
    // A create's namespace is its URI's: the URI is part of a create's kind.
    uri: fc.constantFrom(undefined, '/api/v1/namespaces/default/pods', '/api/v1/namespaces/other/pods', '/api/v1/pods'),
  });
  const line = (e: {
    event: number;
    user?: string | null;
    verb?: string;
    stage?: string;
    level?: string;
    name?: string;
    auditID?: unknown;
    time?: unknown;
    uri?: string;
  }): string => {
    const event = structuredClone(events[e.event]);
    if (e.user !== undefined) event.user = e.user === null ? null : { username: e.user, groups: ['g'], uid: e.event };
    if (e.verb) event.verb = e.verb;
    if (e.stage) event.stage = e.stage;
    if (e.level) event.level = e.level;
    if (e.name && event.objectRef) (event.objectRef as Record<string, unknown>).name = e.name;
    if (e.auditID !== undefined) event.auditID = e.auditID;
    if (e.time !== undefined) event.stageTimestamp = e.time;
    if (e.uri !== undefined) event.requestURI = e.uri;
    return `${JSON.stringify(event)}\n`;
  };
  const again = fc.record({
    auditID: fc.constantFrom(undefined, 'y', 42, null, '\\u0041', '\\x'),
    time: fc.constantFrom(undefined, '2024-01-01T00:00:02.500000Z', 'soon', 7, null),
    uri: fc.constantFrom(undefined, '/api/v1/namespaces/default/pods', '/api/v1/pods'),
  });
  fc.assert(
    fc.property(fc.array(fc.tuple(edit, again), { minLength: 1, maxLength: 8 }), (pairs) => {
      // Each event, then each again with another ID, time and URI: the same kind, found in the table
      // (unless the URI decides it: a create's).
      const lines = [...pairs.map(([e]) => line(e)), ...pairs.map(([e, a]) => line({ ...e, ...a }))];
      const whole = replayTexts(AGAINST, [{ name: 'a.log', bytes: lines.join('') }], POLICY);
      const alone = lines.map((l) => replayTexts(AGAINST, [{ name: 'a.log', bytes: l }], POLICY));
      const strip = (r: EventRecord): EventRecord => ({ ...r, line: 0 });
      assert.deepEqual(whole.records.map(strip), alone.flatMap((a) => a.records).map(strip));
      assert.deepEqual(
        whole.report.badLines.map((b) => b.reason),
        alone.flatMap((a) => a.report.badLines).map((b) => b.reason),
      );
      assert.equal(
        whole.report.totals.writtenBytes,
        alone.reduce((n, a) => n + a.report.totals.writtenBytes, 0),
      );
      // Without --events lines, the ID is checked but not made into a string: the same bad lines.
      const quiet = replayTexts(AGAINST, [{ name: 'a.log', bytes: lines.join('') }], POLICY, undefined, false);
      assert.deepEqual(quiet.report.badLines, whole.report.badLines);
      assert.deepEqual(quiet.report.totals, whole.report.totals);
    }),
    { numRuns: RUNS },
  );
});

/** The ways a line of kube-apiserver's reaches a user (wrappedLines.test.ts has one case of each). */
const WRAPPINGS: Array<(event: string, cut: number) => string[]> = [
  (e) => [e],
  (e, cut) => {
    const at = 1 + (cut % (e.length - 1));
    return [`2024-05-01T10:00:00.1Z stdout P ${e.slice(0, at)}`, `2024-05-01T10:00:00.1Z stdout F ${e.slice(at)}`];
  },
  (e, cut) => {
    const at = 1 + (cut % (e.length - 1));
    return [
      JSON.stringify({ log: e.slice(0, at), stream: 'stdout' }),
      JSON.stringify({ log: `${e.slice(at)}\n`, stream: 'stdout' }),
    ];
  },
  (e) => [JSON.stringify({ message: e, kubernetes: { pod_name: 'kube-apiserver-0' } })],
  (e) => [JSON.stringify({ logEvents: [{ id: '1', message: e }] })],
  (e) => [`node-1 ${e}`],
  (e) => [`2024-05-01,"${e.replace(/"/g, '""')}"`],
  (e) => [JSON.stringify({ hits: { hits: [{ _source: JSON.parse(e) as unknown }] } })],
];

test('wrapped events are the plain events; wrapped and mangled, never a crash', () => {
  const wrapped = fc.array(fc.tuple(fc.nat(REAL.length - 1), fc.nat(WRAPPINGS.length - 1), fc.nat()), {
    minLength: 1,
    maxLength: 6,
  });
  fc.assert(
    fc.property(wrapped, fc.nat(), fc.uint8Array({ maxLength: 6 }), (events, at, noise) => {
      const plain = events.map(([e]) => `${REAL[e]}\n`).join('');
      const text = events.flatMap(([e, w, cut]) => WRAPPINGS[w](REAL[e], cut).map((l) => `${l}\n`)).join('');
      const fields = (r: EventRecord): unknown[] => [r.auditID, r.rule, r.level, r.bytes, r.stage];
      const want = replayTexts(POLICY, [{ name: 'a.log', bytes: plain }]);
      const got = replayTexts(POLICY, [{ name: 'a.log', bytes: text }]);
      assert.deepEqual(got.report.badLines, []);
      assert.deepEqual(got.records.map(fields), want.records.map(fields));
      // Mangled: every line still counted, nothing thrown.
      const bytes = Buffer.from(text);
      const i = at % bytes.length;
      accountsForLines(Buffer.concat([bytes.subarray(0, i), Buffer.from(noise), bytes.subarray(i + (at % 7))]));
    }),
    { numRuns: RUNS },
  );
});

/** Every line read is counted; nothing throws (a line may hold several bad items, or a piece of one). */
function accountsForLines(bytes: Uint8Array): void {
  const { report } = replayTexts(POLICY, [{ name: 'fuzz.log', bytes }]);
  let lines = 0;
  for (const line of Buffer.from(bytes).toString('latin1').split('\n')) if (/[^ \r]/.test(line)) lines++;
  assert.equal(report.files[0].lines, lines);
}

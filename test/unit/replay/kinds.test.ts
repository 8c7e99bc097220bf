// Events of a kind already decided (kindCache.ts) are counted without being decoded again: what
// tells kinds apart, what does not, the checks an event of a known kind still gets, and the time
// read from its bytes.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MAX_KINDS } from '../../../server/src/service/replay/kindCache';
import { microTimeMs } from '../../../server/src/service/replay/eventTime';
import { replayTexts } from '../../helpers/replay';

const base = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: 'a',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/x/secrets/s',
  verb: 'get',
  user: { username: 'alice', uid: '1', groups: ['dev'], extra: { 'credential-id': ['JTI=1'] } },
  objectRef: { resource: 'secrets', namespace: 'x', name: 's', apiVersion: 'v1', resourceVersion: '10' },
  stageTimestamp: '2024-01-01T00:00:01.000000Z',
};
const line = (fields: Record<string, unknown>): string => `${JSON.stringify({ ...base, ...fields })}\n`;

// checker.go ruleMatches: users, then resources with resourceNames (the request's name must be listed).
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["bob"]
- level: Request
  resources:
  - group: ""
    resources: ["secrets"]
    resourceNames: ["s"]
- level: Metadata
`;

test('events that differ in what decides them are decided apart; uid, extra and resourceVersion change nothing', () => {
  const log = [
    line({}),
    line({ objectRef: { ...base.objectRef, name: 't' } }), // another name: rule 2
    line({ user: { ...base.user, username: 'bob' } }), // another user: rule 0
    line({ user: { ...base.user, uid: '2', extra: { 'credential-id': ['JTI=2'] } } }), // same kind: rule 1
    line({ objectRef: { ...base.objectRef, resourceVersion: '11' } }), // same kind: rule 1
    line({ stage: 'RequestReceived' }), // rule 1 still
  ].join('');
  const { records } = replayTexts(POLICY, [{ name: 'a.log', bytes: log }]);
  assert.deepEqual(
    records.map((r) => r.rule),
    [1, 2, 0, 1, 1, 1],
  );
  assert.deepEqual(
    records.map((r) => r.stage),
    [
      'ResponseComplete',
      'ResponseComplete',
      'ResponseComplete',
      'ResponseComplete',
      'ResponseComplete',
      'RequestReceived',
    ],
  );
});

test('an event of a known kind is still checked in full: the same reasons as for the first of its kind', () => {
  const badId = line({ auditID: 42 });
  const badTime = line({ stageTimestamp: 7 });
  const alone = replayTexts(POLICY, [{ name: 'a.log', bytes: badId + badTime }]).report.badLines;
  const known = replayTexts(POLICY, [{ name: 'a.log', bytes: line({}) + badId + badTime }]).report;
  assert.equal(alone.length, 2);
  assert.deepEqual(
    known.badLines.map((b) => b.reason),
    alone.map((b) => b.reason),
  );
  assert.match(known.badLines[0].reason, /"auditID" is not a string/);
  assert.match(known.badLines[1].reason, /"stageTimestamp" is not a string/);
  assert.equal(known.totals.events, 1, 'nothing of a bad event is counted');
});

test('more kinds than the table keeps: each event is still decided by its own user', () => {
  const n = MAX_KINDS + 50;
  const policy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Request
  users: ["u-5", "u-${n - 1}"]
- level: Metadata
`;
  const log = Array.from({ length: n }, (_, i) => line({ user: { username: `u-${i}` } })).join('');
  const { records, report } = replayTexts(policy, [
    { name: 'a.log', bytes: `${log}${line({ user: { username: 'u-5' } })}` },
  ]);
  assert.equal(records.length, n + 1);
  assert.deepEqual([records[5].rule, records[6].rule, records[n - 1].rule, records[n].rule], [0, 1, 0, 0]);
  assert.equal(report.rules[0].events, 3);
});

test('a MicroTime is read from its bytes as Date.parse reads the string; other forms are left to Date.parse', () => {
  const bytes = (text: string): Uint8Array => new TextEncoder().encode(JSON.stringify(text));
  const ms = (text: string): number | undefined => {
    const b = bytes(text);
    return microTimeMs(b, 0, b.length);
  };
  for (const t of [
    '2024-01-01T00:00:01.000000Z',
    '2024-01-01T00:00:01.123999Z',
    '2024-02-29T23:59:59.999999Z',
    '1970-01-01T00:00:00.000000Z',
    '9999-12-31T23:59:59.999999Z',
  ])
    assert.equal(ms(t), Date.parse(t), t);
  // Random real dates, every field's range.
  let seed = 7;
  const next = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  for (let i = 0; i < 2000; i++) {
    const t = new Date(Date.UTC(100 + next(9900), next(12), 1 + next(31), next(24), next(60), next(60))).toISOString();
    const micro = `${t.slice(0, 19)}.${pad(next(1_000_000), 6)}Z`;
    if (micro.startsWith('+') || micro.startsWith('-')) continue;
    assert.equal(ms(micro), Date.parse(micro), micro);
  }
  // Not MicroTimes, or not real dates: left to Date.parse.
  for (const t of [
    '2024-01-01T00:00:01Z',
    '2024-01-01T00:00:01.123456+02:00',
    '2024-01-01T24:00:00.000000Z',
    '2024-01-01T23:59:60.000000Z',
    '2023-02-29T00:00:00.000000Z',
    '2024-13-01T00:00:00.000000Z',
    '0050-01-01T00:00:00.000000Z',
    'x',
  ])
    assert.equal(ms(t), undefined, t);
});

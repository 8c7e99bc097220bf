// The shapes events come in, the lines that are not events, and the sizes replay counts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { EVENTS_FIXTURES, replayTexts } from '../../helpers/replay';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  users: ["system:kube-proxy"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["pods"]
- level: Metadata
  omitStages: ["RequestReceived"]
`;
const AGAINST = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metadata
  resources:
  - group: ""
    resources: ["pods"]
`;

const lines = (file: string): string[] =>
  readFileSync(path.join(EVENTS_FIXTURES, file), 'utf8').split('\n').filter(Boolean);
const SYSLOG = lines('openshift-clo-syslog-test.jsonl');
const EVENT = JSON.stringify({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: 'a',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/x/pods/p',
  verb: 'get',
  user: { username: 'alice', groups: ['dev'] },
  objectRef: { resource: 'pods', namespace: 'x', name: 'p', apiVersion: 'v1' },
  responseObject: { kind: 'Pod', metadata: { name: 'p' } },
  requestReceivedTimestamp: '2024-01-01T00:00:00.000000Z',
  stageTimestamp: '2024-01-01T00:00:01.000000Z',
});

test('a webhook EventList batch: each item is an event, sized as its own JSON', () => {
  const items = SYSLOG.slice(0, 3).map((l) => JSON.parse(l) as Record<string, unknown>);
  const list = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items });
  const { records, report } = replayTexts(POLICY, [{ name: 'webhook.json', bytes: `${list}\n` }]);
  assert.equal(report.totals.events, 3);
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 1, 1],
  );
  assert.deepEqual(
    records.map((r) => r.bytes),
    items.map((i) => JSON.stringify(i).length + 1),
  );
});

test("kubectl's generic list (`kind: List`, what `-o json` prints for several objects) is read as a batch", () => {
  const items = SYSLOG.slice(0, 3).map((l) => JSON.parse(l) as Record<string, unknown>);
  const list = JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } });
  const other = JSON.stringify({ apiVersion: 'v1', items: [], kind: 'ConfigMapList' });
  const { records, report } = replayTexts(POLICY, [{ name: 'list.json', bytes: `${list}\n${other}\n` }]);
  assert.deepEqual(
    records.map((r) => r.auditID),
    items.map((i) => i.auditID),
  );
  assert.deepEqual(
    report.badLines.map((b) => b.reason),
    ['not an audit event: kind "ConfigMapList"'],
  );
});

test('AKS diagnostic records: properties.log as a string or an object, alone or in {"records": [...]}', () => {
  const [a, b] = SYSLOG;
  const asString = JSON.stringify({
    category: 'kube-audit',
    operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
    properties: { log: `${a}\n`, stream: 'stdout', pod: 'kube-apiserver-1' },
  });
  const asObject = JSON.stringify({ category: 'kube-audit', properties: { log: JSON.parse(b) as unknown } });
  const batch = JSON.stringify({ records: [JSON.parse(asString), JSON.parse(asObject)] });
  const { records, report } = replayTexts(POLICY, [
    { name: 'aks.json', bytes: `${asString}\n${asObject}\n${batch}\n` },
  ]);
  assert.equal(report.totals.badLines, 0, JSON.stringify(report.badLines));
  assert.deepEqual(
    records.map((r) => [r.line, r.auditID]),
    [
      [1, JSON.parse(a).auditID],
      [2, JSON.parse(b).auditID],
      [3, JSON.parse(a).auditID],
      [3, JSON.parse(b).auditID],
    ],
  );
  assert.equal(records[0].bytes, Buffer.byteLength(a) + 1, "the apiserver's own line, newline included");
});

test("AKS records of its other categories are components' log lines, passed over as such", () => {
  // One diagnostic setting may send every category of the cluster to one storage account.
  const record = (category: string, log: string): string =>
    JSON.stringify({ category, properties: { log, stream: 'stderr', pod: 'kube-apiserver-1' } });
  const lines = [
    record('kube-audit', SYSLOG[0]),
    record('kube-apiserver', 'I1204 10:00:00.000000       1 controller.go:123] Shutting down'),
    record('kube-audit-admin', SYSLOG[1]),
    record('guard', '{"level":"info","msg":"authorized"}'),
    JSON.stringify({
      records: [
        JSON.parse(record('cluster-autoscaler', 'I1204 scale-up')),
        JSON.parse(record('KUBE-AUDIT', SYSLOG[0])),
      ],
    }),
  ];
  const { records, report } = replayTexts(POLICY, [{ name: 'aks.json', bytes: `${lines.join('\n')}\n` }]);
  assert.deepEqual(
    records.map((r) => r.line),
    [1, 3, 5],
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason]),
    [
      [
        2,
        'not an audit event: an AKS record of category "kube-apiserver" (only kube-audit and kube-audit-admin hold audit events)',
      ],
      [
        4,
        'not an audit event: an AKS record of category "guard" (only kube-audit and kube-audit-admin hold audit events)',
      ],
      [
        5,
        'records[0]: not an audit event: an AKS record of category "cluster-autoscaler" (only kube-audit and kube-audit-admin hold audit events)',
      ],
    ],
  );
});

test('a JSON array of events, and events without kind or apiVersion (webhook items, Falco), are read', () => {
  const bare = JSON.stringify({
    ...(JSON.parse(EVENT) as Record<string, unknown>),
    kind: undefined,
    apiVersion: undefined,
  });
  const { report } = replayTexts(POLICY, [{ name: 'a.json', bytes: `[${EVENT},${bare}]\n${bare}\n` }]);
  assert.equal(report.totals.events, 3);
  assert.equal(report.totals.badLines, 0);
});

test('lines that are not events are counted by line number with the reason, and the rest is read', () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepInBody = EVENT.replace('"metadata":{"name":"p"}', `"metadata":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`);
  const truncated = EVENT.slice(0, 120);
  const log = Buffer.concat([
    Buffer.from(`${EVENT}\nnot json\n${truncated}\n{"kind":"Pod","apiVersion":"v1"}\n{}\n`),
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]), // invalid UTF-8
    Buffer.from(`${deep}\n${deepInBody}\n{"kind":"EventList","items":[${EVENT},42]}\n${EVENT}\n`),
  ]);
  const { report } = replayTexts(POLICY, [{ name: 'broken.log', bytes: log }]);
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
  assert.match(report.badLines[0].reason, /^not JSON/);
  assert.match(report.badLines[1].reason, /not JSON: a string is not closed|not JSON: the line ends/);
  assert.match(report.badLines[2].reason, /kind "Pod"/);
  assert.match(report.badLines[4].reason, /UTF-8/);
  assert.match(report.badLines[5].reason, /nested deeper than 1000 levels/);
  assert.match(report.badLines[6].reason, /nested deeper than 1000 levels/);
  assert.match(report.badLines[7].reason, /^items\[1\]: not an audit event/);
  assert.equal(report.totals.events, 3, 'lines 1 and 10, and the good item of line 9');
  assert.equal(report.totals.badLines, 8);
});

test('the report adds up: rule rows plus the no-rule row are the totals, shares sum to 1, files sum to the totals', () => {
  const log = [...SYSLOG, ...lines('audit2rbac-demo.jsonl'), ...lines('openshift-clo-apiaudit-in.jsonl')].join('\n');
  const { report } = replayTexts(
    POLICY,
    [
      { name: 'a.log', bytes: `${log}\n` },
      { name: 'b.log', bytes: `${EVENT}\n` },
    ],
    AGAINST,
  );
  const rows = [...report.rules, report.noRule];
  const sum = (pick: (r: (typeof rows)[number]) => number): number => rows.reduce((n, r) => n + pick(r), 0);
  assert.equal(
    sum((r) => r.events),
    report.totals.events,
  );
  assert.equal(
    sum((r) => r.bytes),
    report.totals.bytes,
  );
  assert.equal(report.totals.bytes, Buffer.byteLength(log) + 1 + EVENT.length + 1, 'every byte belongs to an event');
  assert.ok(Math.abs(sum((r) => r.share) - 1) < 1e-12);
  assert.equal(
    sum((r) => r.written),
    report.totals.written,
  );
  assert.equal(
    sum((r) => r.against!.delta),
    report.totals.against!.delta,
  );
  assert.equal(report.totals.against!.writtenBytes - report.totals.writtenBytes, report.totals.against!.delta);
  assert.equal(
    report.files.reduce((n, f) => n + f.events, 0),
    report.totals.events,
  );
  const againstRows = [...report.againstRules!, report.againstNoRule!];
  assert.equal(
    againstRows.reduce((n, r) => n + r.events, 0),
    report.totals.events,
  );
  assert.equal(
    againstRows.reduce((n, r) => n + r.written, 0),
    report.totals.against!.written,
  );
  assert.deepEqual(
    report.neverMatched,
    report.rules.filter((r) => r.events === 0).map((r) => r.rule),
  );
});

test("--events records: bodies above the other policy's level leave the size; a higher level is a lower bound", () => {
  const metadataEvent = EVENT.replace('"level":"RequestResponse"', '"level":"Metadata"').replace(
    /,"responseObject":\{[^}]*\}\}/,
    '',
  );
  const { records } = replayTexts(POLICY, [{ name: 'a.log', bytes: `${EVENT}\n${metadataEvent}\n` }], AGAINST);
  const body = `,"responseObject":{"kind":"Pod","metadata":{"name":"p"}}`.length;
  assert.deepEqual(records[0], {
    file: 'a.log',
    line: 1,
    auditID: 'a',
    stage: 'ResponseComplete',
    verb: 'get',
    rule: 1,
    level: 'RequestResponse',
    written: true,
    bytes: EVENT.length + 1,
    againstRule: 0,
    againstLevel: 'Metadata',
    againstWritten: true,
    againstBytes: EVENT.length + 1 - body - 'RequestResponse'.length + 'Metadata'.length,
  });
  assert.equal(records[1].againstBytesEstimate, undefined, 'Metadata under Metadata is exact');
  const { records: up } = replayTexts(AGAINST, [{ name: 'a.log', bytes: `${metadataEvent}\n` }], POLICY);
  assert.equal(up[0].againstBytesEstimate, 'lower-bound');
  assert.equal(up[0].againstLevel, 'RequestResponse');
});

test('stages the policy omits are not written; events recorded higher than the policy gives are counted', () => {
  const received = EVENT.replace('"stage":"ResponseComplete"', '"stage":"RequestReceived"').replace(
    '"resource":"pods"',
    '"resource":"configmaps"',
  );
  const { records, report } = replayTexts(POLICY, [{ name: 'a.log', bytes: `${received}\n` }]);
  assert.deepEqual([records[0].rule, records[0].level, records[0].written], [2, 'Metadata', false]);
  assert.equal(report.totals.higherRecorded.events, 1);
});

test("the user is the authenticated one, never impersonatedUser; a create is decided without the new object's name", () => {
  const policy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Request
  users: ["bob"]
- level: Metadata
  resources:
  - resources: ["pods"]
    resourceNames: ["p"]
- level: RequestResponse
`;
  const impersonating = EVENT.replace(
    '"user":{"username":"alice","groups":["dev"]}',
    '"user":{"username":"admin"},"impersonatedUser":{"username":"bob"}',
  );
  const create = EVENT.replace('"verb":"get"', '"verb":"create"');
  const { records } = replayTexts(policy, [{ name: 'a.log', bytes: `${impersonating}\n${create}\n${EVENT}\n` }]);
  assert.deepEqual(
    records.map((r) => r.rule),
    [1, 2, 1],
  );
});

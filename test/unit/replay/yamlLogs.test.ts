// Logs given as YAML documents separated by `---`, as `gcloud logging read` prints GKE's audit
// entries by default (https://cloud.google.com/sdk/gcloud/reference/logging/read: the entries, in
// gcloud's default YAML format). The entries below are written by hand after that format (keys in
// gcloud's sorted order); they are the same two requests as a JSON log of events, so both must give
// the same rules. Oracle (kube-apiserver v1.20.2): POST /api/v1/namespaces/x/pods/p/exec by
// bob@example.com -> rule 0 (RequestResponse); GET /api/v1/namespaces/team-b/configmaps/c by
// alice@example.com -> rule 1 (Metadata).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createPolicyDocument, replayPolicy, yamlDocuments } from '../../../server/src/service';
import { replayFiles } from '../../../server/src/node/replayFiles';
import { readLog } from '../../../server/src/node/logLines';
import { parse, stringify } from 'yaml';
import { EVENTS, EXEC as EXEC_EVENT, GET as GET_EVENT, POLICY } from '../../helpers/twoRequests';
import { replayWritten } from '../../helpers/replay';

const EXEC = `insertId: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
labels:
  authorization.k8s.io/decision: allow
  authorization.k8s.io/reason: ''
logName: projects/my-project/logs/cloudaudit.googleapis.com%2Factivity
operation:
  first: true
  id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d
  last: true
  producer: k8s.io
protoPayload:
  '@type': type.googleapis.com/google.cloud.audit.AuditLog
  authenticationInfo:
    principalEmail: bob@example.com
  methodName: io.k8s.core.v1.pods.exec.create
  requestMetadata:
    callerIp: 10.0.0.2
    callerSuppliedUserAgent: kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b
  resourceName: core/v1/namespaces/x/pods/p/exec
  serviceName: k8s.io
receiveTimestamp: '2024-05-01T10:00:01.234567890Z'
resource:
  labels:
    cluster_name: prod
    location: us-central1
    project_id: my-project
  type: k8s_cluster
severity: NOTICE
timestamp: '2024-05-01T10:00:01.020000Z'
`;
const GET = `insertId: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e
logName: projects/my-project/logs/cloudaudit.googleapis.com%2Fdata_access
protoPayload:
  '@type': type.googleapis.com/google.cloud.audit.AuditLog
  authenticationInfo:
    principalEmail: alice@example.com
  methodName: io.k8s.core.v1.configmaps.get
  resourceName: core/v1/namespaces/team-b/configmaps/c
  response:
    data:
      script: |-
        #!/bin/sh
        echo ready
    kind: ConfigMap
  serviceName: k8s.io
timestamp: '2024-05-01T10:00:00.004000Z'
`;

const dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-yaml-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function replay(text: string) {
  const { report, records } = await replayWritten('gke.yaml', text, POLICY);
  return { report, records: records.map((r) => [r.line, r.auditID, r.verb, r.rule, r.level]) };
}

/** Lines of a text that ends with a newline. */
const lines = (text: string): number => text.split('\n').length - 1;
/** EXEC, then a separator, then GET. */
const WANT = [
  [1, '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'create', 0, 'RequestResponse'],
  [lines(EXEC) + 2, '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e', 'get', 1, 'Metadata'],
];

test('gcloud logging read without --format: each YAML document is an entry, at its first line', async () => {
  const { report, records } = await replay(`${EXEC}---\n${GET}`);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(records, WANT);
  // With a leading separator and CRLF line ends, the same.
  const crlf = await replay(`---\n${EXEC}---\n${GET}`.replace(/\n/g, '\r\n'));
  assert.deepEqual(crlf.report.badLines, []);
  assert.deepEqual(
    crlf.records,
    WANT.map(([line, ...rest]) => [(line as number) + 1, ...rest]),
  );
});

test('a YAML document that does not parse is one bad line; the others count', async () => {
  const { report, records } = await replay(`${EXEC}---\ninsertId: x\n  broken: : here\n---\n${GET}`);
  // The broken document takes the two lines after EXEC's separator, and one more separator.
  assert.deepEqual(records, [WANT[0], [lines(EXEC) + 5, ...WANT[1].slice(1)]]);
  assert.equal(report.badLines.length, 1);
  assert.equal(report.badLines[0].line, lines(EXEC) + 2);
  assert.match(report.badLines[0].reason, /^not YAML at line \d+: /);
});

// GoogleCloudPlatform/khi (Apache-2.0) keeps its GKE audit entries as gcloud's YAML under a licence
// header of comment lines; a saved log may carry any note that way. YAML reads comments as nothing
// (YAML 1.2, 6.6), so the entries are the same as without them. Same oracle answers as WANT.
const HEADER = '# Copyright 2024 Google LLC\n#\n# Licensed under the Apache License, Version 2.0\n\n';

test('comment lines before the first YAML document say nothing: the entries are read as without them', async () => {
  const { report, records } = await replay(`${HEADER}${EXEC}---\n${GET}`);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records,
    WANT.map(([line, ...rest]) => [(line as number) + lines(HEADER), ...rest]),
  );
  // Before a first `---`, and before a file of one line of YAML, the same.
  const separated = await replay(`${HEADER}---\n${EXEC}`);
  assert.deepEqual(separated.report.badLines, []);
  assert.deepEqual(separated.records, [[lines(HEADER) + 2, ...WANT[0].slice(1)]]);
  const flow =
    '{kind: Event, level: Metadata, auditID: a, stage: ResponseComplete, verb: get, user: {username: alice},' +
    ' requestURI: /api/v1/namespaces/team-b/configmaps/c,' +
    ' objectRef: {resource: configmaps, namespace: team-b, name: c, apiVersion: v1}}';
  const oneLine = await replay(`# one entry\n${flow}\n`);
  assert.deepEqual(oneLine.report.badLines, []);
  assert.deepEqual(oneLine.records, [[2, 'a', 'get', 1, 'Metadata']]);
});

test('a YAML list of records (yq -P, az --output yaml): each item at column 0 is one record, at its line', async () => {
  // yq -P of the JSON array [GET, EXEC] (twoRequests.ts): the same two events, the same answers.
  const list = stringify(EVENTS.map((e) => JSON.parse(e) as unknown));
  assert.match(list, /^- kind: Event\n {2}apiVersion: audit\.k8s\.io\/v1\n/);
  const second = list.split('\n').findIndex((l, i) => i > 0 && l.startsWith('- ')) + 1;
  const { report, records } = await replay(list);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(records, [
    [1, JSON.parse(GET_EVENT).auditID, 'get', 1, 'Metadata'],
    [second, JSON.parse(EXEC_EVENT).auditID, 'create', 0, 'RequestResponse'],
  ]);
  // An item whose value starts on the next line (`-` alone), the same.
  const bare = await replay(list.replace(/^- /gm, '-\n  '));
  assert.deepEqual(
    bare.records.map((r) => r.slice(1)),
    records.map((r) => r.slice(1)),
  );
});

test('comment lines before JSON lines are still one bad line each, in order, and the events count', async () => {
  const { report, records } = await replay(`# exported 2024-05-01\n# by hand\n${GET_EVENT}\n${GET_EVENT}\n`);
  assert.deepEqual(
    report.badLines.map((l) => l.line),
    [1, 2],
  );
  assert.deepEqual(
    records.map((r) => r[0]),
    [3, 4],
  );
  // A file of comments only: each is a bad line, none is lost.
  const only = await replay('# nothing\n\n# here\n');
  assert.deepEqual(
    only.report.badLines.map((l) => l.line),
    [1, 3],
  );
});

test('JSON lines after a first line that opens like a key are still read as lines', async () => {
  const event = JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'a',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/team-b/configmaps/c',
    verb: 'get',
    user: { username: 'alice' },
    objectRef: { resource: 'configmaps', namespace: 'team-b', name: 'c', apiVersion: 'v1' },
  });
  const { report, records } = await replay(`Note: the events follow\n${event}\n`);
  assert.deepEqual(records, [[2, 'a', 'get', 1, 'Metadata']]);
  assert.deepEqual(
    report.badLines.map((l) => l.line),
    [1],
  );
});

/** The documents of a log as the reader hands them on (one JSON line each), parsed. */
async function documentsOf(text: string): Promise<{ values: unknown[]; lines: number[]; bad: string[] }> {
  const log = path.join(dir, 'documents.yaml');
  writeFileSync(log, text);
  const values: unknown[] = [];
  const lines: number[] = [];
  const bad: string[] = [];
  await readLog(log, {
    line: (line, bytes) => {
      lines.push(line);
      values.push(JSON.parse(Buffer.from(bytes).toString('utf8')));
    },
    bad: (line, reason) => bad.push(`${line}: ${reason}`),
  });
  return { values, lines, bad };
}

test('empty lines inside block scalars are kept, as a YAML 1.2 parser reads the document', async () => {
  // Expected: what the `yaml` package (YAML 1.2) decodes from each document's own text. Literal
  // (`|`) keeps an empty line as a line break, folded (`>`) turns it into one, keep (`|+`) keeps
  // the trailing ones, and a line of spaces past the indentation is text (YAML 1.2, 8.1.1.2 and 8.1.3).
  const first = [
    'insertId: a',
    'protoPayload:',
    '  response:',
    '    data:',
    '      script: |',
    '        #!/bin/sh',
    '',
    '        echo one',
    '',
    '',
    '        echo two',
    '          ',
    '        echo three',
    '      folded: >',
    '        one',
    '',
    '        two',
    '      kept: |+',
    '        tail',
    '',
    '',
    '      after: x',
    '',
  ].join('\n');
  const second = 'insertId: b\nnote: |\n  x\n\n  y\n';
  const expected = [parse(first), parse(second)];
  assert.match(
    (expected[0] as { protoPayload: { response: { data: { script: string } } } }).protoPayload.response.data.script,
    /sh\n\necho one\n\n\necho two\n {2}\necho three\n$/,
  );
  for (const eol of ['\n', '\r\n']) {
    const got = await documentsOf(`${first}\n---\n${second}`.replace(/\n/g, eol));
    assert.deepEqual(got.bad, []);
    assert.deepEqual(got.values, expected);
    assert.deepEqual(got.lines, [1, first.split('\n').length + 2]);
  }
  // Blank lines before a document's first line, and right after the file's first line.
  const got = await documentsOf(`---\n\n\n${second}---\n\n${second}`);
  assert.deepEqual(got.values, [expected[1], expected[1]]);
  assert.deepEqual(got.lines, [4, 11]);
  const afterFirst = await documentsOf(`key: |\n\n  x\n\n  y\n`);
  assert.deepEqual(afterFirst.values, [parse(`key: |\n\n  x\n\n  y\n`)]);
});

test("a YAML event's size is kube-apiserver's line of it, whatever the YAML's lines", async () => {
  // GET configmaps/c by alice: the oracle's rule 1 (Metadata), as the entries above.
  const event = [
    'kind: Event',
    'apiVersion: audit.k8s.io/v1',
    'level: Metadata',
    'auditID: y1',
    'stage: ResponseComplete',
    'requestURI: /api/v1/namespaces/team-b/configmaps/c',
    'verb: get',
    'user:',
    '  username: alice',
    'annotations:',
    '  note: |',
    '    one',
    '',
    '    two',
    'objectRef:',
    '  resource: configmaps',
    '  namespace: team-b',
    '  name: c',
    '  apiVersion: v1',
    '',
  ].join('\n');
  for (const eol of ['\n', '\r\n']) {
    const log = path.join(dir, 'events.yaml');
    writeFileSync(log, `${event}\n\n---\n${event.replace('y1', 'y2')}\n`.replace(/\n/g, eol));
    const sizes: Array<[string, number | null, number]> = [];
    const report = await replayFiles({
      policy: replayPolicy(createPolicyDocument('file:///p.yaml', 1, POLICY), 'p.yaml'),
      logs: [log],
      kubernetesMinor: 20,
      onEvent: (r) => sizes.push([r.auditID, r.rule, r.bytes]),
    });
    assert.deepEqual(report.badLines, []);
    // The same event as kube-apiserver's log backend writes it: one compact line and a newline.
    const line = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'y1',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/team-b/configmaps/c',
      verb: 'get',
      user: { username: 'alice' },
      annotations: { note: 'one\n\ntwo\n' },
      objectRef: { resource: 'configmaps', namespace: 'team-b', name: 'c', apiVersion: 'v1' },
    };
    const size = Buffer.byteLength(JSON.stringify(line)) + 1;
    assert.deepEqual(sizes, [
      ['y1', 1, size],
      ['y2', 1, size],
    ]);
  }
});

test('a file of one line of YAML that is not JSON is one document; one line of JSON is still a line', async () => {
  // GET configmaps/c by alice: the oracle's rule 1 (Metadata), as the entries above.
  const flow =
    '{kind: Event, apiVersion: audit.k8s.io/v1, level: Metadata, auditID: f1, stage: ResponseComplete, ' +
    'requestURI: /api/v1/namespaces/team-b/configmaps/c, verb: get, user: {username: alice}, ' +
    'objectRef: {resource: configmaps, namespace: team-b, name: c, apiVersion: v1}}';
  // A GKE entry whose auditID is its insertId (no operation), in flow style.
  const entry =
    "{insertId: e1, protoPayload: {'@type': type.googleapis.com/google.cloud.audit.AuditLog, methodName: " +
    'io.k8s.core.v1.configmaps.get, resourceName: core/v1/namespaces/team-b/configmaps/c, ' +
    'authenticationInfo: {principalEmail: alice@example.com}}}';
  for (const [text, auditID] of [
    [flow, 'f1'],
    [`[${flow}]`, 'f1'],
    [`${flow}\r\n\n`, 'f1'],
    [`event: ${flow}`, 'f1'],
    [entry, 'e1'],
  ]) {
    const { report, records } = await replay(text);
    assert.deepEqual(report.badLines, [], text);
    assert.deepEqual(records, [[1, auditID, 'get', 1, 'Metadata']], text);
  }
  // JSON, and a line with text before JSON, are read as they always were: the event sized as
  // kube-apiserver's line (its JSON and a newline), not as a document made from it.
  for (const text of [GET_EVENT, `[${GET_EVENT}]`, `[pod/kube-apiserver-0/kube-apiserver] ${GET_EVENT}`]) {
    const log = path.join(dir, 'one.log');
    writeFileSync(log, `${text}\n`);
    const sizes: number[] = [];
    const report = await replayFiles({
      policy: replayPolicy(createPolicyDocument('file:///p.yaml', 1, POLICY), 'p.yaml'),
      logs: [log],
      kubernetesMinor: 20,
      onEvent: (r) => sizes.push(r.bytes),
    });
    assert.deepEqual(report.badLines, [], text);
    assert.deepEqual(sizes, [Buffer.byteLength(GET_EVENT) + 1], text);
  }
  // A line that opens like a key but is no YAML mapping, and text that is neither: one bad line each.
  for (const text of ['Note: a: b', 'not a log at all']) {
    const { report, records } = await replay(`${text}\n`);
    assert.deepEqual(records, []);
    assert.equal(report.badLines.length, 1);
  }
});

test('blank lines after the first line are held only up to what a document may hold', () => {
  const encode = (text: string) => new TextEncoder().encode(text);
  const read = (blankLines: number): number[] => {
    const lines: number[] = [];
    const documents = yamlDocuments({ line: (n) => lines.push(n), bad: () => {} }, 64);
    documents.line(1, encode('key: x'), 7);
    for (let n = 2; n <= blankLines + 1; n++) documents.blank(n, encode('  '), 3);
    documents.line(blankLines + 2, encode('other: y'), 9);
    documents.end();
    return lines;
  };
  // Within the limit: one document of two keys, at line 1.
  assert.deepEqual(read(10), [1]);
  // Past it (40 blank lines of 3 bytes > 64): the file is read as lines.
  assert.deepEqual(read(40), [1, 42]);
});

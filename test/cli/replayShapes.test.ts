// `kube-audit-policy replay` on the log shapes people save and paste: a JSON array spread over
// lines, rows a terminal cut just after a `}`, GKE entries downloaded as CSV, and Kubernetes 1.7's
// text lines. The rules expected are the oracle's (kube-apiserver v1.20.2), noted per case.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { CORPUS_FIXTURES, EVENTS_FIXTURES } from '../helpers/replay';
import { EXEC, GET, POLICY as TWO_POLICY } from '../helpers/twoRequests';

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-shapes-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  line: number;
  auditID: string;
  stage: string;
  rule: number | null;
  bytes: number;
}

/** The `--events` lines of a replay of `text` (written to `name`) under the policy file `policy`. */
function events(name: string, text: string, policy: string): Row[] {
  const log = path.join(dir, name);
  writeFileSync(log, text);
  const result = runCli(['replay', '--policy', policy, '--kubernetes-version', '1.20', '--events', log]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);
}

const twoPolicy = (): string => {
  const file = path.join(dir, 'policy.yaml');
  writeFileSync(file, TWO_POLICY);
  return file;
};

test('`jq -s .` of a log: each event at the line that opens it, decided as the log is', () => {
  // Oracle rules under GKE's policy: oracle-table.json, by each event's line in the log.
  const file = 'openshift-clo-apiaudit-in.jsonl';
  const lines = readFileSync(path.join(EVENTS_FIXTURES, file), 'utf8').split('\n').filter(Boolean);
  const oracle = (
    JSON.parse(readFileSync(path.join(EVENTS_FIXTURES, 'oracle-table.json'), 'utf8')) as {
      rows: Array<{ policy: string; file: string; line: number; rule: number | null }>;
    }
  ).rows.filter((r) => r.policy === 'gce-master-audit-policy.yaml' && r.file === file);
  const pretty = lines.map((l) => JSON.stringify(JSON.parse(l), null, 2).replace(/^/gm, '  '));
  const rows = events(
    'export.json',
    `[\n${pretty.join(',\n')}\n]\n`,
    path.join(CORPUS_FIXTURES, 'gce-master-audit-policy.yaml'),
  );
  assert.deepEqual(
    rows.map((r) => r.rule),
    lines.map((_, i) => oracle.find((o) => o.line === i + 1)!.rule),
  );
  let at = 2;
  assert.deepEqual(
    rows.map((r) => r.line),
    pretty.map((p) => (at += p.split('\n').length) - p.split('\n').length),
  );
  // Each sized as the line kube-apiserver wrote (the file's own, verbatim), not as its pretty text.
  assert.deepEqual(
    rows.map((r) => r.bytes),
    lines.map((l) => Buffer.byteLength(l) + 1),
  );
});

test('a CSV export whose cells hold pretty-printed events over lines (CRLF): each event at its row', () => {
  // Oracle rules under GKE's policy: oracle-table.json, by each event's line in the log.
  const file = 'openshift-clo-apiaudit-in.jsonl';
  const lines = readFileSync(path.join(EVENTS_FIXTURES, file), 'utf8').split('\n').filter(Boolean).slice(0, 10);
  const oracle = (
    JSON.parse(readFileSync(path.join(EVENTS_FIXTURES, 'oracle-table.json'), 'utf8')) as {
      rows: Array<{ policy: string; file: string; line: number; rule: number | null }>;
    }
  ).rows.filter((r) => r.policy === 'gce-master-audit-policy.yaml' && r.file === file);
  const cells = lines.map((l) => `"${JSON.stringify(JSON.parse(l), null, 2).replace(/"/g, '""')}"`);
  const rows = events(
    'results.csv',
    `@timestamp,@message\n${cells.map((c) => `2023-05-10 10:00:00.000,${c}`).join('\n')}\n`.replace(/\n/g, '\r\n'),
    path.join(CORPUS_FIXTURES, 'gce-master-audit-policy.yaml'),
  );
  let at = 2;
  assert.deepEqual(
    rows.map((r) => [r.line, r.rule, r.bytes]),
    cells.map((c, i) => [
      (at += c.split('\n').length) - c.split('\n').length,
      oracle.find((o) => o.line === i + 1)!.rule,
      Buffer.byteLength(lines[i]) + 1,
    ]),
  );
});

test('rows a terminal cut just after a `}` are the line again', () => {
  // Oracle: GET configmaps/c by alice -> rule 1; POST pods/p/exec by bob -> rule 0.
  const width = GET.indexOf('}') + 1;
  const rows = Array.from({ length: Math.ceil(GET.length / width) }, (_, i) => GET.slice(i * width, (i + 1) * width));
  const got = events('copied.log', `${[...rows, EXEC].join('\n')}\n`, twoPolicy());
  assert.deepEqual(
    got.map((r) => [r.line, r.rule, r.bytes]),
    [
      [1, 1, Buffer.byteLength(GET) + 1],
      [1 + rows.length, 0, Buffer.byteLength(EXEC) + 1],
    ],
  );
});

test("GKE entries downloaded as CSV, and Kubernetes 1.7's text lines, are read as the requests they record", () => {
  // Oracle: POST /api/v1/namespaces/x/pods/p/exec by student@example.com (no groups) -> rule 0;
  // GET /api/v1/namespaces/team-b/configmaps/c by alice -> rule 1.
  const entry = {
    insertId: 'e1',
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: { principalEmail: 'student@example.com' },
      methodName: 'io.k8s.core.v1.pods.exec.create',
      resourceName: 'core/v1/namespaces/x/pods/p/exec',
      serviceName: 'k8s.io',
    },
    timestamp: '2024-05-01T10:00:00.000000Z',
  };
  const csv = `insertId,protoPayload,timestamp\ne1,"${JSON.stringify(entry.protoPayload).replace(/"/g, '""')}",${entry.timestamp}\n`;
  assert.deepEqual(
    events('downloaded-logs-20240501-100000.csv', csv, twoPolicy()).map((r) => [r.line, r.rule]),
    [[2, 0]],
  );
  const t = '2017-03-21T03:57:09.106841886-04:00';
  const text = [
    `${t} AUDIT: id="a" ip="10.0.0.1" method="GET" user="alice" groups="\\"system:authenticated\\"" as="<self>" ` +
      'asgroups="<lookup>" namespace="team-b" uri="/api/v1/namespaces/team-b/configmaps/c"',
    `${t} AUDIT: id="a" response="200"`,
  ];
  assert.deepEqual(
    events('audit.log', `${text.join('\n')}\n`, twoPolicy()).map((r) => [r.line, r.stage, r.rule]),
    [
      [1, 'RequestReceived', 1],
      [2, 'ResponseComplete', 1],
    ],
  );
});

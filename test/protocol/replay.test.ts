// The `kubeAuditPolicy/replay` request over a real stdio connection: a generated log of 100,000
// events (real corpus events, repeated), whose per-rule counts must be what kube-apiserver's
// checker says for each event (the oracle table) times its repeats; $/progress while it runs;
// cancellation that answers RequestCancelled and leaves the server answering; CodeLens afterwards.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, WorkDoneProgress } from 'vscode-languageserver/node';
import type { CodeLens, WorkDoneProgressBegin, WorkDoneProgressReport } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';
import { EVENTS_FIXTURES, readPolicy } from '../helpers/replay';

const POLICY_NAME = 'gce-master-audit-policy.yaml';
const URI = 'file:///tmp/replay-policy.yaml';
const FILES = [
  'openshift-clo-syslog-test.jsonl',
  'audit2rbac-demo.jsonl',
  'tfk70-audit-exporter-test.jsonl',
  'sysdig-aks-audit-log-samples.jsonl',
];
const EVENTS = 100_000;

interface Row {
  policy: string;
  file: string;
  line: number;
  rule: number | null;
}
const table = JSON.parse(readFileSync(join(EVENTS_FIXTURES, 'oracle-table.json'), 'utf8')) as { rows: Row[] };

let client: TestClient;
let dir: string;
let log: string;
const expectedRules = new Map<number | null, number>();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kap-replay-'));
  const lines = FILES.flatMap((file) =>
    readFileSync(join(EVENTS_FIXTURES, file), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((text, i) => ({ file, line: i + 1, text })),
  );
  const ruleOf = new Map(
    table.rows.filter((r) => r.policy === POLICY_NAME).map((r) => [`${r.file}:${r.line}`, r.rule]),
  );
  const out: string[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const event = lines[i % lines.length];
    out.push(event.text);
    const rule = ruleOf.get(`${event.file}:${event.line}`)!;
    expectedRules.set(rule, (expectedRules.get(rule) ?? 0) + 1);
  }
  log = join(dir, 'audit.log');
  writeFileSync(log, `${out.join('\n')}\n`);
  client = await startClient({
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
  });
  const published = client.diagnostics(URI, 1);
  open(client, URI, readPolicy(POLICY_NAME));
  await published;
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  totals: { events: number; bytes: number; badLines: number };
  rules: Array<{ rule: number; events: number; bytes: number; share: number }>;
  noRule: { events: number; bytes: number };
  files: Array<{ bytes: number }>;
  version: number;
}

test('100,000 events: each rule counts what the oracle says its events are, and the rows add up to the totals', async () => {
  const progress: Array<WorkDoneProgressBegin | WorkDoneProgressReport> = [];
  const listener = client.connection.onProgress(WorkDoneProgress.type, 'replay-100k', (p) => {
    if (p.kind !== 'end') progress.push(p);
  });
  const report = await client.connection.sendRequest<Report>('kubeAuditPolicy/replay', {
    textDocument: { uri: URI },
    logs: [log],
    workDoneToken: 'replay-100k',
  });
  listener.dispose();
  assert.equal(report.totals.events, EVENTS);
  assert.equal(report.totals.badLines, 0);
  assert.equal(report.totals.bytes, readFileSync(log).length, 'every byte of the log belongs to one event');
  for (const row of report.rules) assert.equal(row.events, expectedRules.get(row.rule) ?? 0, `rule #${row.rule + 1}`);
  assert.equal(report.noRule.events, expectedRules.get(null) ?? 0);
  assert.equal(report.rules.reduce((n, r) => n + r.events, 0) + report.noRule.events, report.totals.events);
  assert.equal(report.rules.reduce((n, r) => n + r.bytes, 0) + report.noRule.bytes, report.totals.bytes);
  assert.ok(
    Math.abs(report.rules.reduce((n, r) => n + r.share, 0) + report.noRule.bytes / report.totals.bytes - 1) < 1e-9,
  );
  assert.equal(progress[0]?.kind, 'begin');
  assert.ok(
    progress.some((p) => p.kind === 'report'),
    'progress is reported while the log is read',
  );
});

test("the lenses say each rule's events, bytes and share, and which rules matched nothing", async () => {
  const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', {
    textDocument: { uri: URI },
  });
  assert.equal(lenses.length, 17);
  const withEvents = lenses.filter((l) => /^[\d,]+ events?, [\d.]+ [kMG]?B, [\d.]+%$/.test(l.command?.title ?? ''));
  assert.equal(withEvents.length, [...expectedRules.keys()].filter((r) => r !== null).length);
  assert.ok(lenses.some((l) => l.command?.title === 'no event matched'));
});

test('a cancelled replay answers RequestCancelled, and the server answers the next request', async () => {
  const source = new CancellationTokenSource();
  const listener = client.connection.onProgress(WorkDoneProgress.type, 'replay-cancel', (p) => {
    if (p.kind === 'report') source.cancel();
  });
  const answer = client.connection.sendRequest(
    'kubeAuditPolicy/replay',
    { textDocument: { uri: URI }, logs: [log, log, log], workDoneToken: 'replay-cancel' },
    source.token,
  );
  await assert.rejects(answer, (error: { code?: number }) => error.code === -32800);
  listener.dispose();
  const explained = await client.connection.sendRequest<{ level: string }>('kubeAuditPolicy/explain', {
    textDocument: { uri: URI },
    request: 'alice GET /api/v1/pods',
  });
  assert.equal(typeof explained.level, 'string');
});

test('a log that does not exist, or a document that is not open, is InvalidParams with the reason', async () => {
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', {
      textDocument: { uri: URI },
      logs: [join(dir, 'missing.log')],
    }),
    /no such file/,
  );
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', {
      textDocument: { uri: 'file:///nope.yaml' },
      logs: [log],
    }),
    /not an open document/,
  );
});

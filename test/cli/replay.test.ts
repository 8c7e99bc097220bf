// `kube-audit-policy replay` as a user runs it: files, gzip, standard input, the formats, --events,
// --against, and the HTML report with a hostile log.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CLI_PATH, runCli } from '../helpers/cli';
import { CORPUS_FIXTURES, EVENTS_FIXTURES } from '../helpers/replay';

const POLICY = path.join(CORPUS_FIXTURES, 'gce-master-audit-policy.yaml');
const AGAINST = path.join(CORPUS_FIXTURES, 'openshift-library-go-default.yaml');
const LOG = path.join(EVENTS_FIXTURES, 'openshift-clo-syslog-test.jsonl');
const TEXT = readFileSync(LOG);
let dir: string;

before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  totals: { events: number; bytes: number; badLines: number; against?: { written: number } };
  rules: Array<{ events: number }>;
  badLines: Array<{ file: string; line: number; reason: string }>;
  files: Array<{ name: string; events: number }>;
}

const json = (args: string[], input?: Buffer): Report => {
  const result = runCli(['replay', '--policy', POLICY, '--format', 'json', ...args], input);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Report;
};

test('a plain file, the same file gzip-compressed (any name), and standard input give the same numbers', () => {
  const gz = path.join(dir, 'audit.log.1.gz');
  writeFileSync(gz, gzipSync(TEXT));
  const renamed = path.join(dir, 'rotated');
  writeFileSync(renamed, gzipSync(TEXT));
  const plain = json([LOG]);
  assert.equal(plain.totals.events, 28);
  assert.equal(plain.totals.bytes, TEXT.length);
  for (const other of [json([gz]), json([renamed]), json(['-'], TEXT), json(['-'], gzipSync(TEXT))]) {
    assert.deepEqual(other.totals, plain.totals);
    assert.deepEqual(other.rules, plain.rules);
  }
});

test('several logs, a corrupt gzip and a cut-off last line: what can be read counts, the rest is a bad line', () => {
  const cut = path.join(dir, 'cut.gz');
  const gz = gzipSync(TEXT);
  writeFileSync(cut, gz.subarray(0, Math.floor(gz.length / 2)));
  const noNewline = path.join(dir, 'no-newline.log');
  writeFileSync(noNewline, TEXT.subarray(0, TEXT.length - 1));
  const report = json([LOG, cut, noNewline]);
  assert.deepEqual(
    report.files.map((f) => f.name),
    [LOG, cut, noNewline],
  );
  assert.equal(report.files[2].events, 28);
  assert.ok(report.files[1].events < 28);
  assert.ok(report.badLines.some((b) => b.file === cut && /cannot be read/.test(b.reason)));
});

test('a pretty-printed document (as Azure exports records) is read as one', () => {
  const pretty = path.join(dir, 'records.json');
  const records = TEXT.toString()
    .split('\n')
    .filter(Boolean)
    .slice(0, 4)
    .map((line) => ({ category: 'kube-audit', properties: { log: line } }));
  writeFileSync(pretty, JSON.stringify({ records }, null, 2));
  const report = json([pretty]);
  assert.equal(report.totals.events, 4);
  assert.equal(report.totals.badLines, 0);
});

test('the same events wrapped by a runtime or an exporter give the numbers of the plain log, bytes included', () => {
  // Each event is sized as kube-apiserver's own line, so every wrapping adds up to the plain file.
  const lines = TEXT.toString().split('\n').filter(Boolean);
  const cri = path.join(dir, 'kube-apiserver-master-0_kube-system_kube-apiserver-0123.log.gz');
  const criText = lines.map((l) => `2024-05-01T10:00:00.123456789Z stdout F ${l}`).join('\n');
  writeFileSync(cri, gzipSync(`${criText.replace(/\n/g, '\r\n')}\r\n`));
  const insights = path.join(dir, 'logs-insights-results.json');
  writeFileSync(
    insights,
    JSON.stringify(
      lines.map((l) => ({ '@timestamp': '2024-05-01 10:00:00.000', '@message': l })),
      null,
      2,
    ),
  );
  const fluent = lines.map((l) => JSON.stringify({ log: `${l}\n`, stream: 'stdout', time: '2024-05-01T10:00:00Z' }));
  // Windows PowerShell 5's `>` writes UTF-16 LE with a byte order mark.
  const utf16 = path.join(dir, 'audit-utf16.log');
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT.toString(), 'utf16le')]));
  const plain = json([LOG]);
  for (const other of [
    json([cri]),
    json([insights]),
    json([utf16]),
    json(['-'], Buffer.from(`\ufeff${fluent.join('\n')}\n`)),
  ]) {
    assert.equal(other.totals.badLines, 0, JSON.stringify(other.badLines));
    assert.deepEqual(other.totals, plain.totals);
    assert.deepEqual(other.rules, plain.rules);
  }
});

test('files joined on standard input, each with its byte order mark: every event is read', () => {
  const lines = TEXT.toString().split('\n').filter(Boolean);
  const joined = `\ufeff${lines.slice(0, 10).join('\n')}\n\ufeff${lines.slice(10).join('\n')}\n`;
  const report = json(['-'], Buffer.from(joined));
  assert.equal(report.totals.badLines, 0, JSON.stringify(report.badLines));
  assert.equal(report.totals.events, 28);
  // The marks are the editor's, not kube-apiserver's: the events are sized as the plain log's.
  assert.deepEqual(report.totals, json([LOG]).totals);
  assert.deepEqual(report.rules, json([LOG]).rules);
});

test('--events: one JSON line per event in input order, with the against fields', () => {
  const result = runCli(['replay', '--policy', POLICY, '--against', AGAINST, '--events', LOG]);
  assert.equal(result.status, 0, result.stderr);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 28);
  assert.deepEqual(
    lines.map((l) => l.line),
    Array.from({ length: 28 }, (_, i) => i + 1),
  );
  for (const key of [
    'file',
    'line',
    'auditID',
    'stage',
    'verb',
    'rule',
    'level',
    'written',
    'bytes',
    'againstRule',
    'againstLevel',
    'againstWritten',
    'againstBytes',
  ]) {
    assert.ok(key in lines[0], key);
  }
});

test('--kubernetes-version decides the events: group "*" matches every group from 1.36 only', () => {
  // checker.go: 1.36 matches `*` as any group (k/k ea3bfd9e); 1.35 compares `gr.Group == apiGroup`,
  // and its validation refuses `*`, which the note on standard error says.
  const policy = path.join(dir, 'star.yaml');
  writeFileSync(
    policy,
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Request\n  resources:\n  - group: "*"\n- level: Metadata\n',
  );
  const log = path.join(dir, 'deployment.log');
  const event = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'a',
    stage: 'ResponseComplete',
    requestURI: '/apis/apps/v1/namespaces/x/deployments',
    verb: 'list',
    user: { username: 'alice' },
    objectRef: { resource: 'deployments', namespace: 'x', apiGroup: 'apps', apiVersion: 'v1' },
  };
  writeFileSync(log, `${JSON.stringify(event)}\n`);
  const rule = (args: string[]): { rule: unknown; stderr: string } => {
    const result = runCli(['replay', '--policy', policy, '--events', ...args, log]);
    assert.equal(result.status, 0, result.stderr);
    return { rule: (JSON.parse(result.stdout) as { rule: unknown }).rule, stderr: result.stderr };
  };
  assert.equal(rule([]).rule, 0);
  assert.equal(rule(['--kubernetes-version', '1.36']).rule, 0);
  const old = rule(['--kubernetes-version', '1.35']);
  assert.equal(old.rule, 1);
  assert.match(old.stderr, /would refuse/);
});

test('text and Markdown name the rules; a log that does not exist is exit 2 with one line', () => {
  const text = runCli(['replay', '--policy', POLICY, LOG]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /^Replayed 28 events/);
  assert.match(text.stdout, /rule #\d+ \(line \d+\)/);
  assert.match(text.stdout, /never reach the log/);
  assert.match(text.stdout, /\nPer rule:\n {2}\S/);
  // A log without events: no heading over nothing.
  const empty = path.join(dir, 'empty.log');
  writeFileSync(empty, 'not an event\n');
  const none = runCli(['replay', '--policy', POLICY, empty]);
  assert.match(none.stdout, /^Replayed 0 events/);
  assert.doesNotMatch(none.stdout, /Per rule/);
  const md = runCli(['replay', '--policy', POLICY, '--against', AGAINST, '--format', 'markdown', LOG]);
  assert.equal(md.status, 0);
  assert.match(md.stdout, /^### Audit log replay/);
  assert.match(md.stdout, /\| rule \| level \| events \|/);
  const missing = runCli(['replay', '--policy', POLICY, path.join(dir, 'nope.log')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /^kube-audit-policy: cannot read .*nope\.log: no such file or directory\n$/);
  assert.equal(runCli(['replay', LOG]).status, 2);
});

test('HTML: a hostile user agent, user and path show as text, cut short; the page runs no script', () => {
  const hostile = JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'x',
    stage: 'ResponseComplete',
    requestURI: '/<img src=x onerror=alert(1)>',
    verb: 'get',
    user: { username: `<script>alert("u")</script>${'A'.repeat(5000)}` },
    userAgent: '<script>alert(1)</script>',
  });
  const result = runCli(['replay', '--policy', POLICY, '--format', 'html', '-'], Buffer.from(`${hostile}\n`));
  assert.equal(result.status, 0, result.stderr);
  const html = result.stdout;
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<img/i);
  assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
  assert.doesNotMatch(html, /A{200}/, 'long values are cut short');
  assert.match(
    html,
    /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[a-z0-9]+'; img-src data:">/,
  );
  assert.match(html, /<svg role="img"/);
});

test('one event against a one-rule policy is "1 event", "1 rule" in text and Markdown', () => {
  const policy = path.join(dir, 'one-rule.yaml');
  writeFileSync(policy, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
  const one = path.join(dir, 'one.log');
  writeFileSync(one, `${TEXT.toString().split('\n')[0]}\n`);
  const text = runCli(['replay', '--policy', policy, one]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^Replayed 1 event \(.*\(1 rule\)/);
  assert.match(text.stdout, /^Written by this policy: 1 event, /m);
  const md = runCli(['replay', '--policy', policy, '--format', 'markdown', one]);
  assert.match(md.stdout, /\b1 event, .*Written by this policy: 1 event, /);
});

test('an event without a user agent is counted under "(none)", not under a blank', () => {
  const event = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    stage: 'ResponseComplete',
    verb: 'get',
    requestURI: '/api/v1/pods',
    user: { username: 'alice' },
  };
  const file = path.join(dir, 'no-agent.log');
  writeFileSync(file, `${JSON.stringify(event)}\n`);
  const text = runCli(['replay', '--policy', POLICY, file]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /\n {4}user agents: \(none\) \(1\)\n/);
});

test('a log removed while it is read (rotated away, deleted) still gives the whole report', async () => {
  // A FIFO makes the moment exact: the path is gone while the replay holds the file open, as
  // logrotate leaves a live audit.log. Everything read before and after counts.
  const fifo = path.join(dir, 'rotated-away.log');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const child = spawn(process.execPath, [CLI_PATH, 'replay', '--policy', POLICY, '--format', 'json', fifo, LOG]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const writer = await open(fifo, 'w'); // returns once the replay has opened the FIFO to read it
  const half = TEXT.indexOf('\n', TEXT.length / 2) + 1;
  await writer.write(TEXT.subarray(0, half));
  rmSync(fifo);
  await writer.write(TEXT.subarray(half));
  await writer.close();
  assert.equal(await exited, 0, stderr);
  const report = JSON.parse(stdout) as Report;
  assert.equal(report.totals.events, 2 * 28);
  assert.equal(report.totals.badLines, 0);
  assert.deepEqual(
    report.files.map((f) => f.events),
    [28, 28],
  );
});

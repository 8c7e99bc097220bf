// What a replay leaves in the editor (a CodeLens above each rule, a hint on each rule no event
// matched) over a real stdio connection, as the policy is edited afterwards and when the policy
// sits in a ConfigMap. A rule keeps its row while it and every rule before it match the same
// requests (first match wins: k8s.io/apiserver pkg/audit/policy/checker.go); the numbers are
// checked against what the log holds: a rule without selectors matches every event
// (ruleMatches), and no event of the log is by the user "nobody".
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeLens, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';
import { EVENTS_FIXTURES } from '../helpers/replay';

const LOG = path.join(EVENTS_FIXTURES, 'audit2rbac-demo.jsonl');
const LOG_TEXT = readFileSync(LOG, 'utf8');
const EVENTS = LOG_TEXT.split('\n').filter((l) => l.trim() !== '').length;

const RULES = '- level: None\n  users: ["nobody"]\n- level: Metadata\n';
const POLICY = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${RULES}`;
const indented = (text: string, indent: string): string =>
  text
    .split('\n')
    .map((l) => (l === '' ? l : indent + l))
    .join('\n');
const CONFIGMAP =
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\n  namespace: kube-system\ndata:\n  policy.yaml: |\n' +
  indented(POLICY, '    ');

let client: TestClient;
before(async () => {
  assert.ok(!LOG_TEXT.includes('"nobody"'), 'the log has no event by "nobody"');
  client = await startClient();
});
after(async () => {
  await client.stop();
});

interface Report {
  version: number;
  rules: Array<{ line: number | null; events: number }>;
}

async function openAt(uri: string, text: string): Promise<void> {
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
}

/** Replays the log and waits for the diagnostics published with the report's hints. */
async function replay(uri: string, version: number): Promise<{ report: Report; hints: Diagnostic[] }> {
  const published = client.diagnostics(uri, version);
  const report = await client.connection.sendRequest<Report>('kubeAuditPolicy/replay', {
    textDocument: { uri },
    logs: [LOG],
  });
  return { report, hints: replayHints(await published) };
}

async function change(
  uri: string,
  version: number,
  change: { text: string; range?: { start: { line: number; character: number } } },
): Promise<Diagnostic[]> {
  const published = client.diagnostics(uri, version);
  const contentChanges = change.range
    ? [{ range: { start: change.range.start, end: change.range.start }, text: change.text }]
    : [{ text: change.text }];
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges,
  });
  return replayHints(await published);
}

const replayHints = (params: PublishDiagnosticsParams): Diagnostic[] =>
  params.diagnostics.filter((d) => d.source === 'kube-audit-policy replay');

async function lenses(uri: string): Promise<Array<[number, string, string, unknown[]]>> {
  const all = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  return all.map((l) => [l.range.start.line, l.command!.title, l.command!.command, l.command!.arguments ?? []]);
}

const ALL_EVENTS = new RegExp(`^${EVENTS} events, [\\d.]+ kB, 100\\.0%$`);

test(
  'after an edit, a rule keeps its row only while it and every rule before it match as they did',
  { timeout: 30_000 },
  async () => {
    const uri = 'file:///tmp/replay-edits-policy.yaml';
    await openAt(uri, POLICY);
    const { report, hints } = await replay(uri, 1);
    assert.deepEqual(
      report.rules.map((r) => r.line),
      [4, 6],
    );
    const first = await lenses(uri);
    assert.deepEqual(
      first.map(([line, title]) => [line, title === 'no event matched' ? title : ALL_EVENTS.test(title)]),
      [
        [3, 'no event matched'],
        [5, true],
      ],
    );
    assert.deepEqual(
      hints.map((h) => [h.range, h.code]),
      [[{ start: { line: 3, character: 0 }, end: { line: 3, character: 13 } }, 'rule-never-matched']],
    );

    // A rule inserted first may take any event: no row holds; one lens says the replay is out of date.
    const inserted = await change(uri, 2, {
      text: '- level: RequestResponse\n  users: ["x"]\n',
      range: { start: { line: 3, character: 0 } },
    });
    assert.deepEqual(inserted, []);
    assert.deepEqual(await lenses(uri), [
      [3, 'edited since the replay: replay again', 'kubeAuditPolicy.replay', [LOG]],
    ]);

    // A comment above and another level: every rule matches as before, so every row holds, a line lower.
    const moved = `# the cluster's policy\n${POLICY.replace('level: Metadata', 'level: Request')}`;
    const hintsMoved = await change(uri, 3, { text: moved });
    assert.deepEqual(
      hintsMoved.map((h) => h.range.start.line),
      [4],
    );
    const carried = await lenses(uri);
    assert.deepEqual(
      carried,
      first.map(([line, ...rest]) => [line + 1, ...rest]),
    );
    // What a new replay of this version shows is what was carried.
    const again = await replay(uri, 3);
    assert.equal(again.report.version, 3);
    assert.deepEqual(await lenses(uri), carried);
    assert.deepEqual(again.hints, hintsMoved);

    // Deleting the first rule: the catch-all now takes the events the first rule did not; its row
    // was made behind another rule, so it no longer holds.
    await change(uri, 4, { text: `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n` });
    assert.deepEqual(
      (await lenses(uri)).map(([line, title]) => [line, title]),
      [[3, 'edited since the replay: replay again']],
    );
  },
);

test(
  'a policy in a ConfigMap: lenses, hints and the report name host lines, and follow edits of the host',
  { timeout: 30_000 },
  async () => {
    const uri = 'file:///tmp/replay-edits-configmap.yaml';
    await openAt(uri, CONFIGMAP);
    const { report, hints } = await replay(uri, 1);
    // The rules are on host lines 11 and 13 (1-based): `    - level: None`, `    - level: Metadata`.
    assert.deepEqual(
      report.rules.map((r) => r.line),
      [11, 13],
    );
    assert.deepEqual(
      (await lenses(uri)).map(([line, title]) => [line, title === 'no event matched' ? title : ALL_EVENTS.test(title)]),
      [
        [10, 'no event matched'],
        [12, true],
      ],
    );
    assert.deepEqual(
      hints.map((h) => h.range),
      [{ start: { line: 10, character: 4 }, end: { line: 10, character: 17 } }],
    );
    // A label added to the ConfigMap's metadata moves the policy a line down; nothing of it changed.
    const moved = await change(uri, 2, {
      text: '  labels: {app: audit}\n',
      range: { start: { line: 4, character: 0 } },
    });
    assert.deepEqual(
      moved.map((h) => h.range),
      [{ start: { line: 11, character: 4 }, end: { line: 11, character: 17 } }],
    );
    assert.deepEqual(
      (await lenses(uri)).map(([line]) => line),
      [11, 13],
    );
  },
);

// The replay request on a file that holds several policies, over a real stdio connection: the
// request names one (`embeddedAt`, or a `position` inside it) or is refused with their paths; each
// policy replayed keeps its own lenses and hints on its own rules, at host lines, and an edit of
// one leaves the other's alone. The numbers are what the log holds: no event of it is by the user
// "nobody", and a rule without selectors matches every event (checker.go ruleMatches).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';
import { EVENTS_FIXTURES } from '../helpers/replay';

const LOG = path.join(EVENTS_FIXTURES, 'audit2rbac-demo.jsonl');
const LOG_TEXT = readFileSync(LOG, 'utf8');
const EVENTS = LOG_TEXT.split('\n').filter((l) => l.trim() !== '').length;
const ALL_EVENTS = new RegExp(`^${EVENTS} events, [\\d.]+ kB, 100\\.0%$`);

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];
const QUIET = [...HEAD, '- level: None', '  users: ["nobody"]', '- level: Metadata'];
const LOUD = [...HEAD, '- level: RequestResponse'];
const indented = (lines: string[]): string[] => lines.map((l) => `    ${l}`);
// Host lines (0-based): QUIET's rules at 9 and 11, LOUD's at 16.
const CONFIGMAP = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: audit',
  'data:',
  '  quiet.yaml: |',
  ...indented(QUIET),
  '  loud.yaml: |',
  ...indented(LOUD),
  '',
].join('\n');
const QUIET_AT = 'data["quiet.yaml"]';
const LOUD_AT = 'data["loud.yaml"]';
const URI = 'file:///tmp/replay-hosts-configmap.yaml';

let client: TestClient;
before(async () => {
  assert.ok(!LOG_TEXT.includes('"nobody"'), 'the log has no event by "nobody"');
  client = await startClient();
  const published = client.diagnostics(URI, 1);
  open(client, URI, CONFIGMAP);
  await published;
});
after(async () => {
  await client.stop();
});

interface Report {
  embeddedAt?: string;
  policy: { name: string };
  rules: Array<{ line: number | null; events: number }>;
}

async function replay(choice: object, version = 1): Promise<{ report: Report; hints: number[] }> {
  const published = client.diagnostics(URI, version);
  const report = await client.connection.sendRequest<Report>('kubeAuditPolicy/replay', {
    textDocument: { uri: URI },
    logs: [LOG],
    ...choice,
  });
  return { report, hints: replayHints(await published) };
}

const replayHints = (p: PublishDiagnosticsParams): number[] =>
  p.diagnostics.filter((d) => d.source === 'kube-audit-policy replay').map((d) => d.range.start.line);

/** Each lens as [line, title (or true for every event), command, arguments]. */
async function lenses(): Promise<Array<[number, string | true, string, unknown[]]>> {
  const all = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
  return all
    .map((l): [number, string | true, string, unknown[]] => [
      l.range.start.line,
      ALL_EVENTS.test(l.command!.title) || l.command!.title,
      l.command!.command,
      l.command!.arguments ?? [],
    ])
    .sort((a, b) => a[0] - b[0]);
}

test('a file that holds several policies, none named: InvalidParams with their paths', async () => {
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', { textDocument: { uri: URI }, logs: [LOG] }),
    (error: { code?: number; message?: string; data?: { embeddedAt?: string[]; param?: string } }) => {
      assert.equal(error.code, -32602);
      // The parameter is ReplayParams.embeddedAt, beside textDocument.
      assert.match(String(error.message), /holds 2 policies: choose one with embeddedAt or a position/);
      assert.deepEqual(error.data, { embeddedAt: [QUIET_AT, LOUD_AT], param: 'embeddedAt' });
      return true;
    },
  );
  // A position outside both (the ConfigMap's own lines) names none either; a path it does not hold is refused.
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', {
      textDocument: { uri: URI },
      logs: [LOG],
      position: { line: 1, character: 0 },
    }),
    /holds 2 policies/,
  );
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', {
      textDocument: { uri: URI },
      logs: [LOG],
      embeddedAt: 'data["nope"]',
    }),
    /holds no policy at data\["nope"\] \(it holds: data\["quiet\.yaml"\], data\["loud\.yaml"\]\)/,
  );
  assert.deepEqual(await lenses(), []);
});

test('each policy replayed gets its own lenses and hints, at its host lines', { timeout: 30_000 }, async () => {
  // The second policy, by a position inside it: its one rule takes every event.
  const loud = await replay({ position: { line: 16, character: 8 } });
  assert.equal(loud.report.embeddedAt, LOUD_AT);
  assert.equal(loud.report.policy.name, `replay-hosts-configmap.yaml (${LOUD_AT})`);
  assert.deepEqual(
    loud.report.rules.map((r) => [r.line, r.events]),
    [[17, EVENTS]],
  );
  assert.deepEqual(loud.hints, []);
  assert.deepEqual(await lenses(), [[16, true, 'kubeAuditPolicy.showReplayReport', [URI, LOUD_AT]]]);

  // The first, by its path: both keep their rows now, each on its own rules.
  const quiet = await replay({ embeddedAt: QUIET_AT });
  assert.equal(quiet.report.embeddedAt, QUIET_AT);
  assert.deepEqual(
    quiet.report.rules.map((r) => [r.line, r.events]),
    [
      [10, 0],
      [12, EVENTS],
    ],
  );
  assert.deepEqual(quiet.hints, [9]);
  assert.deepEqual(await lenses(), [
    [9, 'no event matched', 'kubeAuditPolicy.showReplayReport', [URI, QUIET_AT]],
    [11, true, 'kubeAuditPolicy.showReplayReport', [URI, QUIET_AT]],
    [16, true, 'kubeAuditPolicy.showReplayReport', [URI, LOUD_AT]],
  ]);

  // A rule inserted first in the quiet policy: its rows no longer hold; the loud policy's still do.
  const published = client.diagnostics(URI, 2);
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [
      {
        range: { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } },
        text: '    - level: Request\n      users: ["x"]\n',
      },
    ],
  });
  assert.deepEqual(replayHints(await published), []);
  assert.deepEqual(await lenses(), [
    [9, 'edited since the replay: replay again', 'kubeAuditPolicy.replay', [LOG, QUIET_AT]],
    [18, true, 'kubeAuditPolicy.showReplayReport', [URI, LOUD_AT]],
  ]);
});

test('against: a file that holds several policies names one the same way', async () => {
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/replay', {
      textDocument: { uri: URI },
      embeddedAt: LOUD_AT,
      against: { uri: URI },
      logs: [LOG],
    }),
    /choose one with against\.embeddedAt/,
  );
  const report = await client.connection.sendRequest<{ against: { name: string } }>('kubeAuditPolicy/replay', {
    textDocument: { uri: URI },
    embeddedAt: LOUD_AT,
    against: { uri: URI, embeddedAt: QUIET_AT },
    logs: [LOG],
  });
  assert.equal(report.against.name, `replay-hosts-configmap.yaml (${QUIET_AT})`);
});

test('Markdown blocks are named by their line: an edit above them keeps each replay on its block', async () => {
  const uri = 'file:///tmp/replay-hosts-readme.md';
  // Rules (0-based lines): the quiet block's at 8 and 10, the loud block's at 19.
  const text = [
    '# Audit',
    '',
    'Quiet:',
    '',
    '```yaml',
    ...QUIET,
    '```',
    '',
    'Loud:',
    '',
    '```yaml',
    ...LOUD,
    '```',
    '',
  ];
  const opened = client.diagnostics(uri, 1);
  open(client, uri, text.join('\n'));
  await opened;
  const send = (embeddedAt: string) =>
    client.connection.sendRequest<{ embeddedAt: string }>('kubeAuditPolicy/replay', {
      textDocument: { uri },
      logs: [LOG],
      embeddedAt,
    });
  const loud = await send('Markdown block 2 (line 16)');
  const quiet = await send('Markdown block 1 (line 5)');
  const mdLenses = async () =>
    (await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }))
      .map((l) => [l.range.start.line, l.command!.arguments?.[1]])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
  assert.deepEqual(await mdLenses(), [
    [8, quiet.embeddedAt],
    [10, quiet.embeddedAt],
    [19, loud.embeddedAt],
  ]);
  // Two lines above both blocks: their paths say other lines now, and each keeps its rows, lower.
  const published = client.diagnostics(uri, 2);
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\nIntro.\n' },
    ],
  });
  assert.deepEqual(replayHints(await published), [10]);
  assert.deepEqual(await mdLenses(), [
    [10, quiet.embeddedAt],
    [12, quiet.embeddedAt],
    [21, loud.embeddedAt],
  ]);
});

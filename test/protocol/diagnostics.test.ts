// The built server over stdio: open a document, get its diagnostics pushed; edit it incrementally.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.stop();
});

const SEED = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'omitStages: ["RequestReceived"]',
  'rules:',
  '  - namespaces: ["prod-namespace"]',
  '    verbs: ["delete"]',
  '    resources:',
  '    - groups: ""',
  '      resources: ["pods"]',
  '      resourceNames: ["webapp-pod "]',
  '    level: RequestResponse',
  '',
].join('\n');

test('publishes the two warnings of the seed policy on open', async () => {
  const uri = 'file:///tmp/seed.yaml';
  const published = client.diagnostics(uri, 1);
  open(client, uri, SEED);
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.source, d.range.start.line]),
    [
      ['unknown-field', 2, 'kube-audit-policy', 7],
      ['surrounding-whitespace', 2, 'kube-audit-policy', 9],
    ],
  );
});

test('an incremental edit that breaks the level is reported for that version', async () => {
  const uri = 'file:///tmp/edit.yaml';
  const first = client.diagnostics(uri, 1);
  open(client, uri, SEED);
  await first;
  const second = client.diagnostics(uri, 2);
  // "RequestResponse" -> "RequestResponsX" on line 10
  client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 10, character: 25 }, end: { line: 10, character: 26 } }, text: 'X' }],
  });
  const { diagnostics } = await second;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['unknown-field', 'surrounding-whitespace', 'invalid-level'],
  );
  assert.equal(diagnostics[2].severity, 1);
});

test('a policy opened is answered before go-yaml has read it, and again where go-yaml refuses it', async () => {
  // U+0001 in a comment of a later document: the `yaml` package reads the first document cleanly,
  // go-yaml refuses the whole file (readerc.go checks every read for characters it cannot print).
  const uri = 'file:///tmp/control-later.yaml';
  const first = client.diagnostics(uri, 1);
  const second = client.diagnostics(uri, 1);
  open(client, uri, `${SEED}---\n# \u0001\n`);
  assert.deepEqual(
    (await first).diagnostics.map((d) => d.code),
    ['unknown-field', 'surrounding-whitespace'],
  );
  assert.deepEqual(
    (await second).diagnostics.filter((d) => d.severity === 1).map((d) => [d.code, d.range.start.line]),
    [['yaml-syntax', 12]],
  );
});

test('other YAML gets no diagnostics', async () => {
  const uri = 'file:///tmp/deployment.yaml';
  const published = client.diagnostics(uri, 1);
  open(client, uri, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {groups: 1}\n');
  assert.deepEqual((await published).diagnostics, []);
});

test('the files setting makes a file a policy before it says so', async () => {
  client.configuration = { files: ['**/forced-*.yaml'] };
  client.connection.sendNotification('workspace/didChangeConfiguration', {
    settings: { kubeAuditPolicy: client.configuration },
  });
  const uri = 'file:///tmp/forced-policy.yaml';
  const published = client.diagnostics(uri, 1);
  open(client, uri, 'rules:\n- level: None\n');
  const { diagnostics } = await published;
  assert.deepEqual(
    diagnostics.map((d) => d.code),
    ['invalid-api-version'],
  );
  client.configuration = {};
});

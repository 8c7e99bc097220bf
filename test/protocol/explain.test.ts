// The `kubeAuditPolicy/explain` request and the rule-number inlay hints, over a real stdio
// connection to the built server.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

// The policy the real-editor explain tests use, so every layer answers the same question.
const POLICY = readFileSync(resolve(__dirname, '../../../test/e2e/workspace/explain-policy.yaml'), 'utf8');

const URI = 'file:///tmp/explain.yaml';
let client: TestClient;

before(async () => {
  client = await startClient();
  const published = client.diagnostics(URI, 1);
  open(client, URI, POLICY);
  await published;
});
after(async () => {
  await client.stop();
});

interface Result {
  rule: number | null;
  line: number | null;
  level: string;
  omitStages: string[];
  omitManagedFields: boolean;
  trace: Array<{ rule: number; field: string; range?: unknown }>;
}

const explain = (request: unknown, uri = URI): Promise<Result> =>
  client.connection.sendRequest('kubeAuditPolicy/explain', { textDocument: { uri }, request });

test('a request line: rule #2 decides, rule #1 did not match on users', async () => {
  const result = await explain('alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod');
  assert.deepEqual(
    [result.rule, result.line, result.level, result.omitStages, result.omitManagedFields],
    [1, 8, 'RequestResponse', ['RequestReceived'], false],
  );
  assert.deepEqual(
    result.trace.map((t) => [t.rule, t.field]),
    [[0, 'users']],
  );
});

test('attributes: a resource request when resource is given', async () => {
  const result = await explain({ user: 'bob', verb: 'get', resource: 'configmaps', namespace: 'default' });
  assert.deepEqual([result.rule, result.level], [2, 'Metadata']);
});

test('attributes: a non-resource request for path', async () => {
  const result = await explain({ user: 'system:kube-proxy', verb: 'get', path: '/healthz' });
  assert.deepEqual([result.rule, result.level], [0, 'None']);
});

test('a request that cannot be read is InvalidParams with the reason', async () => {
  await assert.rejects(
    explain('alice FETCH /api/v1/pods'),
    (e: { code?: number; message?: string }) => e.code === -32602 && /not an HTTP method/.test(e.message ?? ''),
  );
  await assert.rejects(explain({ verb: 'get' }), (e: { code?: number }) => e.code === -32602);
});

test('a document that is not open is InvalidParams', async () => {
  await assert.rejects(
    explain('GET /healthz', 'file:///tmp/not-open.yaml'),
    (e: { code?: number }) => e.code === -32602,
  );
});

test('inlay hints number the rules', async () => {
  const hints: Array<{ label: string; position: { line: number; character: number } }> =
    await client.connection.sendRequest('textDocument/inlayHint', {
      textDocument: { uri: URI },
      range: { start: { line: 0, character: 0 }, end: { line: 15, character: 0 } },
    });
  assert.deepEqual(
    hints.map((h) => [h.label, h.position.line, h.position.character]),
    [
      ['#1', 5, 4],
      ['#2', 7, 4],
      ['#3', 13, 4],
    ],
  );
});

test('every rule the answer names comes with its range, from its `-` to its last value', async () => {
  const result = (await explain('alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod')) as Result & {
    range: unknown;
  };
  // explain-policy.yaml: rule #1 is lines 6-7, rule #2 lines 8-13 (1-based); `  - ` indents both.
  assert.deepEqual(
    result.trace.map((t) => t.range),
    [{ start: { line: 5, character: 2 }, end: { line: 6, character: 32 } }],
  );
  assert.deepEqual(result.range, { start: { line: 7, character: 2 }, end: { line: 12, character: 25 } });
});

test('the answer says how the request was read', async () => {
  const result = (await explain('bob GET /api/v1/namespaces/default/configmaps')) as Result & { request: string };
  // A GET on a collection is a list (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go).
  assert.equal(result.request, 'user "bob": list configmaps (core group) in namespace "default"');
});

test('no matching rule: the range is null', async () => {
  const uri = 'file:///tmp/explain-none.yaml';
  const published = client.diagnostics(uri, 1);
  open(client, uri, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  users: [bob]\n');
  await published;
  const result = (await explain('alice GET /healthz', uri)) as Result & { range: unknown };
  assert.deepEqual([result.rule, result.range], [null, null]);
});

test('in a ConfigMap the ranges are where the rule sits in the host file', async () => {
  const uri = 'file:///tmp/explain-configmap.yaml';
  const text = readFileSync(resolve(__dirname, '../../../test/fixtures/embedded/configmap.yaml'), 'utf8');
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
  const lines = text.split('\n');
  // The file holds two policies: the one under the position is explained (here the first one's rules).
  const position = { line: lines.indexOf('    rules:'), character: 4 };
  const result = (await client.connection.sendRequest('kubeAuditPolicy/explain', {
    textDocument: { uri },
    request: 'alice groups=system:authenticated GET /version',
    position,
  })) as Result & { range: unknown; embeddedAt?: string };
  // The first policy's rule #1 (`level: None` for /version and the authenticated group), in the host's lines.
  const start = lines.indexOf('    - level: None');
  const end = lines.indexOf('      - system:unauthenticated');
  assert.deepEqual([result.rule, result.level, result.embeddedAt], [0, 'None', 'data["policy.yaml"]']);
  assert.deepEqual(result.range, {
    start: { line: start, character: 4 },
    end: { line: end, character: lines[end].length },
  });
});

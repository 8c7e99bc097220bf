// The editor's replay decides events as the kube-apiserver of the kubeAuditPolicy.kubernetesVersion
// setting does. omitManagedFields exists from 1.23 (k/k 9ed4bc91; the 1.20 oracle drops it as an
// unknown field), and where it applies pkg/audit/request.go copyWithoutManagedFields takes
// metadata.managedFields out of the bodies written. The expected sizes are the event re-serialized
// without those members, not replay's own arithmetic.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CodeLens, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitManagedFields: true\nrules:\n- level: RequestResponse\n';
const MANAGED = [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }];
const EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: 'a',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/x/configmaps/c',
  verb: 'update',
  user: { username: 'alice', groups: ['dev'] },
  objectRef: { resource: 'configmaps', namespace: 'x', name: 'c', apiVersion: 'v1' },
  requestObject: { kind: 'ConfigMap', metadata: { name: 'c', managedFields: MANAGED } },
  responseObject: { kind: 'ConfigMap', metadata: { name: 'c', uid: 'u', managedFields: MANAGED } },
  requestReceivedTimestamp: '2024-01-01T00:00:00.000000Z',
  stageTimestamp: '2024-01-01T00:00:01.000000Z',
};
const dir = mkdtempSync(join(tmpdir(), 'kap-replay-version-'));
const log = join(dir, 'audit.log');
writeFileSync(log, `${JSON.stringify(EVENT)}\n`);
after(() => rmSync(dir, { recursive: true, force: true }));

async function writtenBytes(kubernetesVersion: string): Promise<number> {
  const client = await startClient({ configuration: { kubernetesVersion } });
  try {
    const uri = 'file:///tmp/replay-version-policy.yaml';
    const published = client.diagnostics(uri, 1);
    open(client, uri, POLICY);
    await published;
    const result = await client.connection.sendRequest<{ totals: { writtenBytes: number } }>('kubeAuditPolicy/replay', {
      textDocument: { uri },
      logs: [log],
    });
    return result.totals.writtenBytes;
  } finally {
    await client.stop();
  }
}

test('kubernetesVersion 1.22: omitManagedFields is no field yet, the event is written whole', async () => {
  assert.equal(await writtenBytes('1.22'), JSON.stringify(EVENT).length + 1);
});

test('kubernetesVersion 1.36: the managed fields of both bodies are not written', async () => {
  const copy = JSON.parse(JSON.stringify(EVENT)) as typeof EVENT;
  delete (copy.requestObject.metadata as { managedFields?: unknown }).managedFields;
  delete (copy.responseObject.metadata as { managedFields?: unknown }).managedFields;
  assert.equal(await writtenBytes('1.36'), JSON.stringify(copy).length + 1);
});

test(
  'a change of kubernetesVersion puts the lenses and hints of a replay made for another out of date',
  { timeout: 30_000 },
  async () => {
    // No event is by "nobody": rule #1 matched nothing (its hint), rule #2 every event.
    const policy =
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["nobody"]\n- level: Metadata\n';
    const client = await startClient({
      configuration: { kubernetesVersion: '1.36' },
      capabilities: {
        workspace: { configuration: true, codeLens: { refreshSupport: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    let refreshed: () => void = () => undefined;
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshed();
      return null;
    });
    const uri = 'file:///tmp/replay-version-change.yaml';
    const hints = (p: PublishDiagnosticsParams): number[] =>
      p.diagnostics.filter((d) => d.source === 'kube-audit-policy replay').map((d) => d.range.start.line);
    const lenses = async (): Promise<Array<[number, string, string, unknown[]]>> =>
      (await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((l) => [
        l.range.start.line,
        l.command!.title,
        l.command!.command,
        l.command!.arguments ?? [],
      ]);
    /** Sets the version as an editor does, and waits for the diagnostics and the lens refresh it brings. */
    const setVersion = async (kubernetesVersion: string): Promise<number[]> => {
      client.configuration = { kubernetesVersion };
      const published = client.diagnostics(uri, 1);
      const refresh = new Promise<void>((resolve) => (refreshed = resolve));
      void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await refresh;
      return hints(await published);
    };
    try {
      const opened = client.diagnostics(uri, 1);
      open(client, uri, policy);
      await opened;
      const published = client.diagnostics(uri, 1);
      await client.connection.sendRequest('kubeAuditPolicy/replay', { textDocument: { uri }, logs: [log] });
      assert.deepEqual(hints(await published), [3]);
      const fresh = await lenses();
      assert.deepEqual(
        fresh.map(([line, title]) => [line, /^1 event, [\d.]+ k?B, 100\.0%$/.test(title) || title]),
        [
          [3, 'no event matched'],
          [5, true],
        ],
      );
      // Another version: the rows were decided for 1.36, so none holds; one lens says why, and no hint.
      assert.deepEqual(await setVersion('1.30'), []);
      assert.deepEqual(await lenses(), [
        [3, 'replayed for Kubernetes 1.36, now 1.30: replay again', 'kubeAuditPolicy.replay', [log]],
      ]);
      // Back to the version of the replay: its rows hold again.
      assert.deepEqual(await setVersion('1.36'), [3]);
      assert.deepEqual(await lenses(), fresh);
    } finally {
      await client.stop();
    }
  },
);

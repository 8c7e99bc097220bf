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

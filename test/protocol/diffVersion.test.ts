// The kubeAuditPolicy/diff request compares as the kube-apiserver of the kubernetesVersion setting
// does. omitManagedFields exists from 1.23 (k/k 9ed4bc91; the 1.20 oracle drops it as an unknown
// field), so below it two policies that differ only there record every request the same way.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';

const OLD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n';
const NEW = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n  omitManagedFields: true\n';

async function changes(kubernetesVersion: string): Promise<number> {
  const client = await startClient({ configuration: { kubernetesVersion } });
  try {
    const uri = 'file:///tmp/diff-version-policy.yaml';
    const published = client.diagnostics(uri, 1);
    open(client, uri, NEW);
    await published;
    const result = await client.connection.sendRequest<{ json: { changes: unknown[] } }>('kubeAuditPolicy/diff', {
      textDocument: { uri },
      oldText: OLD,
    });
    return result.json.changes.length;
  } finally {
    await client.stop();
  }
}

test('kubernetesVersion 1.22: a change of omitManagedFields alone changes nothing', async () => {
  assert.equal(await changes('1.22'), 0);
});

test('kubernetesVersion 1.36: the same change is reported', async () => {
  assert.ok((await changes('1.36')) > 0);
});

// The `kubeAuditPolicy/status` request (the VS Code language status item reads it), over a
// real stdio connection to the built server.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

let client: TestClient;

before(async () => {
  client = await startClient({ configuration: { files: ['**/forced-*.yaml'] } });
});
after(async () => {
  await client.stop();
});

async function status(uri: string, text?: string): Promise<unknown> {
  if (text !== undefined) {
    const published = client.diagnostics(uri, 1);
    open(client, uri, text);
    await published;
  }
  return client.connection.sendRequest('kubeAuditPolicy/status', { textDocument: { uri } });
}

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';

test('a policy is checked as one, for the default version 1.36', async () => {
  assert.deepEqual(await status('file:///tmp/status-policy.yaml', POLICY), {
    checkedAs: 'policy',
    kubernetesVersion: '1.36',
  });
});

test('other YAML is not checked', async () => {
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n';
  assert.deepEqual(await status('file:///tmp/status-other.yaml', deployment), {
    checkedAs: 'other',
    kubernetesVersion: '1.36',
  });
});

test('a file named by kubeAuditPolicy.files is checked before it says audit.k8s.io', async () => {
  assert.deepEqual(await status('file:///tmp/forced-empty.yaml', 'rules:\n'), {
    checkedAs: 'files',
    kubernetesVersion: '1.36',
  });
});

test('a ConfigMap holding two policies is reported with their number', async () => {
  const text = readFileSync(resolve(__dirname, '../../../test/fixtures/embedded/configmap.yaml'), 'utf8');
  assert.deepEqual(await status('file:///tmp/status-configmap.yaml', text), {
    checkedAs: 'embedded',
    embedded: 2,
    kubernetesVersion: '1.36',
  });
});

test('a policy in a later document only is reported as such', async () => {
  const text = `apiVersion: v1\nkind: ConfigMap\n---\n${POLICY}`;
  assert.deepEqual(await status('file:///tmp/status-later.yaml', text), {
    checkedAs: 'later-policy',
    kubernetesVersion: '1.36',
  });
});

test('a document the server does not have is not checked', async () => {
  assert.deepEqual(await status('file:///tmp/never-opened.yaml'), { checkedAs: 'other', kubernetesVersion: '1.36' });
});

test('the version follows the setting, as soon as it changes; a malformed one falls back to the default', async () => {
  // No wait between the change and the request: the answer waits for the settings being fetched.
  client.configuration = { kubernetesVersion: '1.30' };
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(await status('file:///tmp/status-policy.yaml'), { checkedAs: 'policy', kubernetesVersion: '1.30' });
  client.configuration = { kubernetesVersion: 'latest' };
  void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  assert.deepEqual(await status('file:///tmp/status-policy.yaml'), { checkedAs: 'policy', kubernetesVersion: '1.36' });
});

test('malformed parameters get an error reply, and the server lives', async () => {
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/status', {}),
    (e: { code?: number }) => typeof e.code === 'number',
  );
  assert.deepEqual(await status('file:///tmp/status-policy.yaml'), { checkedAs: 'policy', kubernetesVersion: '1.36' });
});

// What other editors send, as the README configures them: Helix passes `config` as
// initializationOptions and in workspace/didChangeConfiguration and has no workspace/configuration;
// Neovim and Emacs answer workspace/configuration. Each must get the settings it gave.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';

const WILDCARD =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n  resources:\n  - group: "*"\n';
const codes = (d: { diagnostics: Array<{ code?: string | number }> }): string[] =>
  d.diagnostics.map((x) => String(x.code));

test('Helix: settings from initializationOptions, then from didChangeConfiguration', async () => {
  const client = await startClient({
    capabilities: {
      textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      workspace: { didChangeConfiguration: { dynamicRegistration: false } },
    },
    initializationOptions: { kubeAuditPolicy: { kubernetesVersion: '1.35' } },
  });
  try {
    const uri = 'file:///work/audit-policy.yaml';
    const first = client.diagnostics(uri, 1);
    open(client, uri, WILDCARD);
    assert.ok(codes(await first).includes('invalid-group'));
    const second = client.diagnostics(uri, 1);
    void client.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { kubeAuditPolicy: { kubernetesVersion: '1.36' } },
    });
    assert.ok(!codes(await second).includes('invalid-group'));
  } finally {
    await client.stop();
  }
});

test('Neovim and Emacs: settings through workspace/configuration, documents by file type yaml', async () => {
  const client = await startClient({
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { synchronization: { didSave: true }, publishDiagnostics: { relatedInformation: true } },
    },
    configuration: { kubernetesVersion: '1.35', severity: { 'invalid-group': 'warning' } },
  });
  try {
    const uri = 'file:///work/policy.yml';
    const published = client.diagnostics(uri);
    open(client, uri, WILDCARD);
    const diagnostic = (await published).diagnostics.find((d) => d.code === 'invalid-group');
    assert.equal(diagnostic?.severity, 2, 'the severity setting applies');
  } finally {
    await client.stop();
  }
});

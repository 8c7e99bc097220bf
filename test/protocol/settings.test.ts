// What an LSP client other than VS Code meets: pull diagnostics, settings through
// initializationOptions, and a kubernetesVersion change that changes the diagnostics.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { open, startClient } from '../helpers/lspClient';

const WILDCARD =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: [RequestReceived]\nrules:\n- level: Metadata\n  resources:\n  - group: "*"\n';

test('a client with pull diagnostics gets a diagnostic provider and full reports', async () => {
  const client = await startClient({
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: { dynamicRegistration: false } },
    },
  });
  try {
    const init = client.initializeResult;
    assert.ok(init?.capabilities.diagnosticProvider, 'diagnosticProvider declared');
    const uri = 'file:///tmp/pull.yaml';
    open(client, uri, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n');
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as {
      kind: string;
      items: Array<{ code: string }>;
    };
    assert.equal(report.kind, 'full');
    assert.ok(report.items.some((d) => d.code === 'invalid-level'));
  } finally {
    await client.stop();
  }
});

test('pulled reports name themselves: unchanged diagnostics come back as `unchanged`, changed ones in full', async () => {
  const client = await startClient({
    capabilities: {
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
      textDocument: { diagnostic: { dynamicRegistration: false } },
    },
  });
  type Report = { kind: string; resultId?: string; items?: Array<{ code: string }> };
  const pull = (uri: string, previousResultId?: string) =>
    client.connection.sendRequest('textDocument/diagnostic', {
      textDocument: { uri },
      ...(previousResultId ? { previousResultId } : {}),
    }) as Promise<Report>;
  const change = (uri: string, version: number, line: number, character: number, text: string) =>
    client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text }],
    });
  try {
    const uri = 'file:///tmp/pull-result-ids.yaml';
    // rules[0].level: Unsupported value: "Metdata" (kube-apiserver's validation, the oracle's answer too)
    open(client, uri, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n  users: [alice]\n');
    const first = await pull(uri);
    assert.equal(first.kind, 'full');
    assert.ok(first.resultId);
    change(uri, 2, 4, 10, 'x'); // alice -> alixe: no diagnostic changes
    const same = await pull(uri, first.resultId);
    assert.deepEqual(same, { kind: 'unchanged', resultId: first.resultId });
    // A client that does not hold that report gets it in full.
    assert.equal((await pull(uri, 'not a result of this server')).kind, 'full');
    change(uri, 3, 3, 13, 'a'); // Metdata -> Metdaaa: a new message
    const changed = await pull(uri, first.resultId);
    assert.equal(changed.kind, 'full');
    assert.notEqual(changed.resultId, first.resultId);
    assert.deepEqual(
      changed.items?.map((d) => d.code),
      ['invalid-level'],
    );
  } finally {
    await client.stop();
  }
});

test('settings given as initializationOptions apply (editors without workspace/configuration)', async () => {
  const client = await startClient({
    capabilities: {},
    initializationOptions: { kubeAuditPolicy: { kubernetesVersion: '1.35' } },
  });
  try {
    const uri = 'file:///tmp/init-options.yaml';
    const published = client.diagnostics(uri, 1);
    open(client, uri, WILDCARD);
    const codes = (await published).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('invalid-group'), codes.join());
  } finally {
    await client.stop();
  }
});

test('changing kubernetesVersion re-checks open documents', async () => {
  const client = await startClient({ configuration: { kubernetesVersion: '1.36' } });
  try {
    const uri = 'file:///tmp/version-change.yaml';
    const first = client.diagnostics(uri, 1);
    open(client, uri, WILDCARD);
    assert.ok(!(await first).diagnostics.some((d) => d.code === 'invalid-group'));
    client.configuration = { kubernetesVersion: '1.35' };
    const second = client.diagnostics(uri, 1);
    client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok((await second).diagnostics.some((d) => d.code === 'invalid-group'));
  } finally {
    await client.stop();
  }
});

// Embedded policies over stdio, as any LSP editor sees them: a ConfigMap, Markdown (fences, Hugo
// shortcodes), Terraform and an ERB template.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, DocumentSymbol, Hover } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/embedded');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const LEVELS = ['Metadata', 'None', 'Request', 'RequestResponse'];

let client: TestClient;
before(async () => {
  client = await startClient();
});
after(async () => {
  await client.stop();
});

/** The edits of the preferred quick fix the server offers for `diagnostic`. */
async function preferredFix(uri: string, diagnostic: Diagnostic): Promise<unknown> {
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  return actions.find((a) => a.isPreferred)?.edit?.changes?.[uri];
}

/** The labels completion offers at `line`:`character`, sorted. */
async function completions(uri: string, line: number, character: number): Promise<string[]> {
  const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
  });
  return list.items.map((i) => i.label).sort();
}

test('a ConfigMap: diagnostics at host lines with embeddedAt, and a quick fix whose edit lands in the host', async () => {
  const uri = 'file:///work/audit-configmap.yaml';
  const text = fixture('configmap.yaml');
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  const { diagnostics } = await published;
  const level = diagnostics.find((d) => d.code === 'invalid-level') as Diagnostic;
  assert.equal(level.range.start.line, 69);
  assert.equal((level.data as { embeddedAt: string }).embeddedAt, 'documents[1].data["audit-policy.yaml"]');
  assert.ok(!diagnostics.some((d) => d.code === 'no-rules' || d.code === 'invalid-kind'), 'the host is not a policy');

  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: level.range,
    context: { diagnostics: [level], only: ['quickfix'] },
  });
  const preferred = actions.find((a) => a.isPreferred)!;
  const edit = preferred.edit!.changes![uri][0];
  assert.deepEqual(edit, { range: level.range, newText: 'Metadata' });

  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 69, character: 10 },
  });
  assert.ok(hover, 'hover on `level` inside the ConfigMap');
  const outside = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 1, character: 1 },
  });
  assert.equal(outside, null, 'no policy hover on the host keys');

  const symbols = await client.connection.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', {
    textDocument: { uri },
  });
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['data["policy.yaml"]', 'documents[1].data["audit-policy.yaml"]'],
  );
});

test('a Markdown file: a fenced policy is checked; completion works inside the fence', async () => {
  const uri = 'file:///work/docs/audit.md';
  const text = '# Audit\n\n```yaml\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: \n```\n';
  const published = client.diagnostics(uri, 1);
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const { diagnostics } = await published;
  assert.ok(
    diagnostics.some((d) => d.code === 'missing-level' && d.range.start.line === 6),
    JSON.stringify(diagnostics.map((d) => [d.code, d.range.start])),
  );
  assert.deepEqual(await completions(uri, 6, 11), LEVELS);
});

test('kubeAuditPolicy/explain picks the policy under the position', async () => {
  const uri = 'file:///work/two.yaml';
  const text = fixture('configmap.yaml');
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  await published;
  const first = await client.connection.sendRequest<{ rule: number | null; level: string }>('kubeAuditPolicy/explain', {
    textDocument: { uri },
    request: 'alice GET /api/v1/namespaces/x/pods/y',
    position: { line: 70, character: 8 },
  });
  assert.deepEqual([first.rule, first.level], [0, 'RequestResponse']);
});

test('a Terraform file (languageId terraform): a heredoc policy and an HCL object, with completion and fixes', async () => {
  const uri = 'file:///work/infra/audit.tf';
  const text = [
    'resource "local_file" "audit" {',
    '  content = <<-EOT',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '      - level: ',
    '  EOT',
    '}',
    'locals {',
    '  p = yamlencode({ apiVersion = "audit.k8s.io/v1", kind = "Policy", rules = [{ level = "Metadat" }] })',
    '}',
    '',
  ].join('\n');
  const published = client.diagnostics(uri, 1);
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'terraform', version: 1, text },
  });
  const { diagnostics } = await published;
  // The oracle refuses the heredoc's body (rules[0].level: Required value) and the object's
  // (rules[0].level: Unsupported value: "Metadat").
  assert.deepEqual(
    diagnostics
      .filter((d) => d.severity === 1)
      .map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [
      ['missing-level', 5, 8, 13],
      ['invalid-level', 9, 87, 96],
    ],
  );
  assert.deepEqual(await completions(uri, 5, 15), LEVELS);
  const level = diagnostics.find((d) => d.code === 'invalid-level')!;
  assert.deepEqual(await preferredFix(uri, level), [{ range: level.range, newText: '"Metadata"' }]);
});

test('an ERB template opened as yaml: no yaml-syntax error, and its fix keeps the tags', async () => {
  const uri = 'file:///work/cookbooks/k8s/templates/default/audit-policy.yaml.erb';
  const text = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '<% if @quiet -%>',
    '  - level: None',
    '    users: ["<%= @proxy_user %>"]',
    '<% end -%>',
    '  - level: Metdata',
    '',
  ].join('\n');
  const published = client.diagnostics(uri, 1);
  open(client, uri, text);
  const { diagnostics } = await published;
  // The oracle on the rendered policy (quiet, proxy_user system:kube-proxy): rules[1].level:
  // Unsupported value: "Metdata"; on the same text read as plain YAML: "yaml: line 5: could not find expected ':'".
  assert.deepEqual(
    diagnostics.filter((d) => d.severity === 1).map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['invalid-level', 7, 11]],
  );
  const level = diagnostics.find((d) => d.code === 'invalid-level')!;
  assert.deepEqual(await preferredFix(uri, level), [{ range: level.range, newText: 'Metadata' }]);
});

test('a Hugo page: a Policy after a Namespace in a highlight shortcode, checked and completed', async () => {
  const uri = 'file:///work/site/content/audit.md';
  const text = [
    '# Audit',
    '',
    '{{< highlight yaml >}}',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata: {name: audit}',
    '---',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  - level: ',
    '{{< /highlight >}}',
    '',
  ].join('\n');
  const published = client.diagnostics(uri, 1);
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'markdown', version: 1, text },
  });
  const { diagnostics } = await published;
  // The oracle on the second document: rules[0].level: Required value.
  const missing = diagnostics.find((d) => d.code === 'missing-level');
  assert.equal(missing?.range.start.line, 10, JSON.stringify(diagnostics.map((d) => [d.code, d.range.start])));
  assert.equal((missing?.data as { embeddedAt: string }).embeddedAt, 'Markdown block 1 (line 3) documents[1]');
  assert.deepEqual(await completions(uri, 10, 11), LEVELS);
});

test('a shell script (languageId shellscript): an indented delimiter bash never ends the here-document on, and its fix', async () => {
  const uri = 'file:///work/write-audit-policy.sh';
  const text = [
    '#!/bin/bash',
    'if [ ! -f /etc/kubernetes/audit.yaml ]; then',
    '  cat <<EOF > /etc/kubernetes/audit.yaml',
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    '  rules:',
    '  - level: Metadata',
    '  EOF',
    'fi',
    '',
  ].join('\n');
  const published = client.diagnostics(uri, 1);
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'shellscript', version: 1, text },
  });
  const { diagnostics } = await published;
  const missed = diagnostics.find((d) => d.code === 'heredoc-not-ended') as Diagnostic;
  assert.deepEqual(missed.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 5 } });
  assert.equal(missed.severity, 2);
  assert.deepEqual(await preferredFix(uri, missed), [
    { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 5 } }, newText: 'EOF' },
  ]);
});

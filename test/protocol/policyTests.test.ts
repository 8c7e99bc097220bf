// Policy test files and requirement packs over a real stdio connection to the built server:
// diagnostics at failing cases, CodeLens and the run command, hover and completion, the cases run
// again when the policy changes, pack warnings on the policy, and the kubeAuditPolicy/diff request.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { URI } from 'vscode-uri';
import type { CodeLens, CompletionList, Hover, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { open, startClient } from '../helpers/lspClient';
import type { TestClient } from '../helpers/lspClient';

const dir = mkdtempSync(join(tmpdir(), 'kap-lsp-tests-'));
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets"]
  - level: RequestResponse
`;
const TESTS = `policy: policy.yaml
cases:
  - request: bob GET /api/v1/namespaces/x/secrets/y
    level: Metadata
  - request: alice DELETE /api/v1/namespaces/prod/pods/web
    level: Metadata
`;
writeFileSync(join(dir, 'policy.yaml'), POLICY);
writeFileSync(join(dir, 'policy.audit-test.yaml'), TESTS);
const policyUri = URI.file(join(dir, 'policy.yaml')).toString();
const testUri = URI.file(join(dir, 'policy.audit-test.yaml')).toString();

let client: TestClient;
const shown: string[] = [];
before(async () => {
  client = await startClient({
    configuration: { requirements: ['cis'] },
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
      window: { showDocument: { support: true } },
    },
  });
  // The server reads no files: it asks the editor to open the policy, as VS Code then does.
  client.connection.onRequest('window/showDocument', (params: { uri: string; takeFocus?: boolean }) => {
    shown.push(`${params.uri} ${String(params.takeFocus)}`);
    if (params.uri === policyUri) open(client, policyUri, POLICY);
    return { success: true };
  });
});
after(async () => {
  await client.stop();
});

const failures = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'test-failed');

test('a failing case is an error at its request; the server asks the editor to open the policy', async () => {
  const first = client.diagnostics(testUri, 1);
  open(client, testUri, TESTS);
  const p = await first;
  assert.deepEqual(
    p.diagnostics.map((d) => [
      d.code,
      d.range.start.line,
      String(d.message).replace(join(dir, 'policy.yaml'), 'POLICY'),
    ]),
    [['test-policy', 0, 'opening the policy POLICY to run the cases']],
  );
  assert.deepEqual(shown, [`${policyUri} false`]);
  let again = await client.diagnostics(testUri);
  while (again.diagnostics.some((d) => d.code === 'test-policy')) again = await client.diagnostics(testUri);
  // Case 2: pods fall to the catch-all, RequestResponse (rule #2, line 8 of the policy).
  assert.deepEqual(
    failures(again).map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
    [[4, 13, 1, 'expected level Metadata, the policy gives RequestResponse: rule #2 (line 8) decides']],
  );
});

test('a CodeLens per case and one per file runs kubeAuditPolicy.runTests', async () => {
  const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', {
    textDocument: { uri: testUri },
  });
  assert.deepEqual(
    lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
    [
      [0, 'Run all 2 cases (1 passed, 1 failed)', 'kubeAuditPolicy.runTests'],
      [2, 'Run case 1 (passes: Metadata, rule #1)', 'kubeAuditPolicy.runTests'],
      [4, 'Run case 2 (fails: RequestResponse, rule #2)', 'kubeAuditPolicy.runTests'],
    ],
  );
  const result = await client.connection.sendRequest<{ passed: number; failed: number; messages: string[] }>(
    'workspace/executeCommand',
    { command: 'kubeAuditPolicy.runTests', arguments: lenses[0].command?.arguments },
  );
  assert.deepEqual([result.passed, result.failed], [1, 1]);
  const one = await client.connection.sendRequest<{ passed: number; failed: number }>('workspace/executeCommand', {
    command: 'kubeAuditPolicy.runTests',
    arguments: lenses[1].command?.arguments,
  });
  assert.deepEqual([one.passed, one.failed], [1, 0]);
});

test('hover on a request line says how it is read and what the policy gives; completion offers levels and keys', async () => {
  const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
    textDocument: { uri: testUri },
    position: { line: 2, character: 20 },
  });
  const text = (hover.contents as { value: string }).value;
  assert.match(text, /\*\*Request\*\*: user "bob": get secrets "y" \(core group\) in namespace "x"/);
  assert.match(text, /\*\*The policy gives\*\* Metadata \(rule #1 \(line 4\)\)/);
  const keyHover = await client.connection.sendRequest<Hover>('textDocument/hover', {
    textDocument: { uri: testUri },
    position: { line: 3, character: 6 },
  });
  assert.match((keyHover.contents as { value: string }).value, /^\*\*level\*\*: The exact audit level/);
  const edited = `${TESTS}  - request: alice GET /healthz\n    level: \n    \n`;
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: testUri, version: 2 },
    contentChanges: [{ text: edited }],
  });
  const levels = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri: testUri },
    position: { line: 7, character: 11 },
  });
  assert.deepEqual(
    levels.items.map((i) => i.label),
    ['None', 'Metadata', 'Request', 'RequestResponse'],
  );
  const keys = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri: testUri },
    position: { line: 8, character: 4 },
  });
  assert.ok(
    ['request', 'minLevel', 'omitStages', 'rule'].every((k) => keys.items.some((i) => i.label === k)),
    JSON.stringify(keys.items.map((i) => i.label)),
  );
  const paths = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri: testUri },
    position: { line: 6, character: 27 },
  });
  // The cursor after "/hea": the first segments of kube-apiserver's paths, replacing "hea".
  const healthz = paths.items.find((i) => i.label === 'healthz');
  assert.deepEqual((healthz?.textEdit as { range: unknown } | undefined)?.range, {
    start: { line: 6, character: 24 },
    end: { line: 6, character: 27 },
  });
});

test('editing the policy runs the open test files again', async () => {
  const republished = client.diagnostics(testUri);
  const fixed = POLICY.replace('resources: ["secrets"]', 'resources: ["secrets", "pods"]');
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: policyUri, version: 2 },
    contentChanges: [{ text: fixed }],
  });
  // Now pod deletions match rule #1 (Metadata): both cases pass.
  let p = await republished;
  while (failures(p).length > 0) p = await client.diagnostics(testUri);
  assert.deepEqual(failures(p), []);
});

test('kubeAuditPolicy.requirements: a CIS case the policy does not meet is a warning at the deciding rule', async () => {
  const uri = URI.file(join(dir, 'other.yaml')).toString();
  const published = client.diagnostics(uri, 1);
  open(client, uri, POLICY);
  const p = await published;
  const warnings = p.diagnostics.filter((d) => d.code === 'requirement-not-met');
  // CIS 3.2.2: configmaps and tokenreviews at Metadata at most; here the catch-all (rule #2,
  // `- level: RequestResponse` on line 8) records them with bodies.
  assert.deepEqual([...new Set(warnings.map((d) => d.range.start.line))], [7]);
  assert.equal(warnings.length, 5);
  assert.ok(
    warnings.every(
      (d) =>
        d.severity === 2 &&
        /^cis requirement "/.test(String(d.message)) &&
        /Source: CIS Kubernetes Benchmark 3\.2\.2/.test(String(d.message)),
    ),
  );
});

test('kubeAuditPolicy.requirements: a policy embedded in a ConfigMap is checked too, at host lines', async () => {
  const uri = URI.file(join(dir, 'audit-configmap.yaml')).toString();
  const indented = POLICY.replace(/^(?=.)/gm, '    ');
  const host = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n  policy.yaml: |\n${indented}`;
  const published = client.diagnostics(uri, 1);
  open(client, uri, host);
  const warnings = (await published).diagnostics.filter((d) => d.code === 'requirement-not-met');
  // The same five CIS 3.2.2 cases as in the policy file, at the catch-all: line 8 of the policy is
  // line 14 of the ConfigMap (six host lines above the block scalar's first line), and the rule's
  // `level` key, column 4 in the policy, is column 8 once the block scalar indents it by four.
  assert.equal(warnings.length, 5);
  assert.deepEqual([...new Set(warnings.map((d) => d.range.start.line))], [13]);
  assert.deepEqual([...new Set(warnings.map((d) => d.range.start.character))], [8]);
  assert.ok(warnings.every((d) => (d.data as { embeddedAt?: string }).embeddedAt === 'data["policy.yaml"]'));
});

test('a test file may name a file that holds its policy; one that holds several is said to be ambiguous', async () => {
  const inConfigMap = (keys: string[]) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n` +
    keys.map((key) => `  ${key}: |\n${POLICY.replace(/^(?=.)/gm, '    ')}`).join('');
  const one = URI.file(join(dir, 'one-cm.yaml')).toString();
  const two = URI.file(join(dir, 'two-cm.yaml')).toString();
  for (const [uri, keys] of [
    [one, ['policy.yaml']],
    [two, ['a.yaml', 'b.yaml']],
  ] as const) {
    const published = client.diagnostics(uri, 1);
    open(client, uri, inConfigMap([...keys]));
    await published;
  }
  const run = async (name: string, policy: string) => {
    const uri = URI.file(join(dir, name)).toString();
    const published = client.diagnostics(uri, 1);
    open(client, uri, TESTS.replace('policy: policy.yaml', `policy: ${policy}`));
    return (await published).diagnostics;
  };
  // As with the policy file itself: case 2 fails at the catch-all (rule #2, line 8 of the policy).
  const held = await run('one.audit-test.yaml', 'one-cm.yaml');
  assert.deepEqual(
    held.map((d) => [d.code, d.range.start.line]),
    [['test-failed', 4]],
  );
  const ambiguous = await run('two.audit-test.yaml', 'two-cm.yaml');
  assert.deepEqual(
    ambiguous.map((d) => [d.code, d.range.start.line]),
    [['test-policy', 0]],
  );
  assert.match(
    String(ambiguous[0].message),
    /holds 2 policies: choose one with `embeddedAt` \(data\["a\.yaml"\], data\["b\.yaml"\]\)/,
  );
  // `embeddedAt` names one, as --embedded-at does on the command line: case 2 fails as above.
  const named = await run('two-b.audit-test.yaml', 'two-cm.yaml\nembeddedAt: data["b.yaml"]');
  assert.deepEqual(
    named.map((d) => [d.code, d.range.start.line]),
    [['test-failed', 5]],
  );
  // A path the file does not hold is said at `embeddedAt`, with the paths it holds.
  const wrong = await run('two-x.audit-test.yaml', 'two-cm.yaml\nembeddedAt: data["x.yaml"]');
  assert.deepEqual(
    wrong.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['test-policy', 1, 12]],
  );
  assert.match(String(wrong[0].message), /holds no policy at data\["x\.yaml"\] \(it holds: data\["a\.yaml"\], /);
  // Completion on the `embeddedAt:` line offers the paths the open file holds, replacing the value.
  const completion = await client.connection.sendRequest<CompletionList>('textDocument/completion', {
    textDocument: { uri: URI.file(join(dir, 'two-x.audit-test.yaml')).toString() },
    position: { line: 1, character: 14 },
  });
  assert.deepEqual(
    completion.items.map((i) => [i.label, (i.textEdit as { newText: string }).newText]),
    [
      ['data["a.yaml"]', ` 'data["a.yaml"]'`],
      ['data["b.yaml"]', ` 'data["b.yaml"]'`],
    ],
  );
  assert.deepEqual((completion.items[0].textEdit as { range: unknown }).range, {
    start: { line: 1, character: 11 },
    end: { line: 1, character: 26 },
  });
});

test('kubeAuditPolicy/diff compares an older text with the open document', async () => {
  const result = await client.connection.sendRequest<{ markdown: string; json: { changes: unknown[] } }>(
    'kubeAuditPolicy/diff',
    { textDocument: { uri: policyUri }, oldText: POLICY, oldName: 'HEAD', newName: 'policy.yaml' },
  );
  // Only pods requests move: from the catch-all (RequestResponse) to rule #1 (Metadata).
  assert.match(
    result.markdown,
    /^### Audit policy: \d+ class(es)? of requests changes?\n\nFrom `HEAD` to `policy\.yaml`\./,
  );
  assert.ok(result.json.changes.length > 0);
  await assert.rejects(
    client.connection.sendRequest('kubeAuditPolicy/diff', { textDocument: { uri: 'file:///nope.yaml' }, oldText: '' }),
    (e: { code?: number }) => e.code === -32602,
  );
});

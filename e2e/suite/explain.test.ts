// The explain command: which rule decides a request, as the command's result and on screen.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acceptQuickPick, openFixture, positionOf } from './helpers';

interface Explanation {
  rule: number | null;
  line: number | null;
  level: string;
  omitStages: string[];
  omitManagedFields: boolean;
  trace: unknown[];
}

async function explain(request: string): Promise<{ editor: vscode.TextEditor; result: Explanation }> {
  const editor = await openFixture('explain-policy.yaml');
  const result = await vscode.commands.executeCommand<Explanation>('kubeAuditPolicy.explain', request);
  assert.ok(result && typeof result === 'object', `explain returned ${JSON.stringify(result)}`);
  return { editor, result };
}

suite('explain command', () => {
  test('is contributed', async () => {
    await openFixture('explain-policy.yaml');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('kubeAuditPolicy.explain'));
  });

  test('a pod delete in prod-namespace is decided by rule #2 at RequestResponse', async () => {
    const { result } = await explain('alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod');
    assert.equal(result.level, 'RequestResponse', JSON.stringify(result));
    assert.equal(typeof result.rule, 'number', JSON.stringify(result));
    assert.equal(typeof result.line, 'number', JSON.stringify(result));
    assert.deepEqual(result.omitStages, ['RequestReceived']);
    assert.equal(result.omitManagedFields, false);
    assert.ok(Array.isArray(result.trace) && result.trace.length > 0, 'trace should say why');
  });

  test('reveals the matching rule in the editor', async () => {
    const { editor } = await explain('alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod');
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), editor.document.uri.toString());
    const ruleStart = positionOf(editor.document, '- level: RequestResponse').line;
    const ruleEnd = positionOf(editor.document, '- level: Metadata').line - 1;
    const at = active!.selection.active.line;
    assert.ok(at >= ruleStart && at <= ruleEnd, `selection on line ${at}, rule #2 spans ${ruleStart}-${ruleEnd}`);
  });

  test('the first matching rule wins: kube-proxy gets None from rule #1', async () => {
    const { result } = await explain('system:kube-proxy DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod');
    assert.equal(result.level, 'None', JSON.stringify(result));
  });

  test('other requests fall through to the catch-all Metadata rule', async () => {
    const { result } = await explain('bob GET /api/v1/namespaces/default/configmaps');
    assert.equal(result.level, 'Metadata', JSON.stringify(result));
  });

  test('a file that holds two policies: the one under the cursor; the cursor in none offers a pick', async () => {
    const editor = await openFixture('embedded-configmap.yaml');
    const run = () =>
      vscode.commands.executeCommand<Explanation & { embeddedAt?: string }>(
        'kubeAuditPolicy.explain',
        'alice GET /api/v1/namespaces/x/pods',
      );
    const inSecond = positionOf(editor.document, 'resources: ["pods"]');
    editor.selection = new vscode.Selection(inSecond, inSecond);
    assert.equal((await run())?.embeddedAt, 'documents[1].data["audit-policy.yaml"]');
    // The ConfigMap's own first line is in neither: the pick lists both, the first is accepted.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal((await acceptQuickPick(run()))?.embeddedAt, 'data["policy.yaml"]');
  });
});

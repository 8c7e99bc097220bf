// Explain's home: the answer in a webview beside the policy, each rule a link into the policy,
// and the recent requests offered again in the input.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acceptQuickPick, openFixture, poll, positionOf } from './helpers';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Explanation {
  rule: number | null;
  level: string;
  range: Range | null;
  trace: Array<{ rule: number; range: Range }>;
}

const POD_DELETE = 'alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod';
const CONFIGMAPS = 'bob GET /api/v1/namespaces/default/configmaps';

function explainTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter(
      (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('kubeAuditPolicy.explain'),
    );
}

/** The tabs API hears of a new or renamed webview a moment after the extension made it. */
function explainTabsUntil(labels: string[]): Promise<vscode.Tab[]> {
  return poll(
    explainTabs,
    (tabs) => JSON.stringify(tabs.map((t) => t.label)) === JSON.stringify(labels),
    `explain tabs ${JSON.stringify(labels)}`,
  );
}

async function explain(request: string): Promise<{ editor: vscode.TextEditor; result: Explanation }> {
  const editor = await openFixture('explain-policy.yaml');
  const result = await vscode.commands.executeCommand<Explanation>('kubeAuditPolicy.explain', request);
  assert.ok(result && typeof result === 'object', `explain returned ${JSON.stringify(result)}`);
  return { editor, result };
}

suite('explain view', () => {
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the answer opens in a view beside the policy, titled with the request; the policy keeps the focus', async () => {
    const { editor } = await explain(POD_DELETE);
    const tabs = await explainTabsUntil([`Explain: ${POD_DELETE}`]);
    assert.notEqual(tabs[0].group.viewColumn, editor.viewColumn, 'the view sits beside the policy');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString());
  });

  test('the next request reuses the view', async () => {
    await explain(POD_DELETE);
    await explain(CONFIGMAPS);
    // One tab, retitled: a second view would make two.
    await explainTabsUntil([`Explain: ${CONFIGMAPS}`]);
  });

  test("a rule's link selects that rule in the policy", async () => {
    const { editor, result } = await explain(POD_DELETE);
    assert.equal(result.trace[0]?.rule, 0, JSON.stringify(result.trace));
    // What the view's link of rule #1 runs (a command URI with these arguments).
    await vscode.commands.executeCommand(
      'kubeAuditPolicy.showRule',
      editor.document.uri.toString(),
      result.trace[0].range,
    );
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), editor.document.uri.toString());
    assert.equal(active!.document.getText(active!.selection), '- level: None\n    users: ["system:kube-proxy"]');
    assert.equal(
      active!.selection.active.line,
      positionOf(active!.document, '- level: None').line,
      'the cursor at the rule',
    );
  });

  test('the deciding rule is selected when the answer comes', async () => {
    const { editor } = await explain(CONFIGMAPS);
    const selection = vscode.window.activeTextEditor!.selection;
    assert.equal(editor.document.getText(selection), '- level: Metadata');
  });

  test('the input offers the most recent request first: accepting it explains it again', async () => {
    await explain(CONFIGMAPS);
    await explain(POD_DELETE);
    // A request the server cannot read is not offered again.
    assert.equal(
      await vscode.commands.executeCommand('kubeAuditPolicy.explain', 'alice FETCH /api/v1/pods'),
      undefined,
    );
    const result = await acceptQuickPick(vscode.commands.executeCommand<Explanation>('kubeAuditPolicy.explain'));
    assert.equal(result?.level, 'RequestResponse', `the pod delete again: ${JSON.stringify(result)}`);
    await explainTabsUntil([`Explain: ${POD_DELETE}`]);
  });
});

// "Compare with the committed version (HEAD)": the workspace is a Git repository with the fixtures
// committed (run-extension-host.mjs); the command reads the policy's HEAD version through VS Code's
// Git extension and returns what changes (the JSON of `kube-audit-policy diff`), showing it as a
// Markdown preview. The expected class follows checker.go (first match wins): in diff-policy.yaml,
// rule 1 (secrets at Metadata) decides every request on core secrets but those of system:kube-proxy,
// which rule 0 takes first. In the web worker the Git extension cannot be reached: the command says so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { captureMessages, fixtureUri, HOST, openFixture, poll, positionOf, revert } from './helpers';

const POLICY = 'diff-policy.yaml';

interface Verdict {
  rule: number | null;
  level: string;
  omitStages: string[];
}
interface DiffJson {
  changes: Array<{ description: string; example: string; old: Verdict; new: Verdict }>;
}

/** Labels of the Markdown preview tabs. */
function previewTabs(): string[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('markdown.preview'))
    .map((tab) => tab.label);
}

/** Every tab, for a failure message. */
const allTabs = (): string[] =>
  vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .map((tab) => `${tab.label} (${tab.input instanceof vscode.TabInputWebview ? tab.input.viewType : 'text'})`);

if (HOST === 'node') {
  suite('compare with HEAD', () => {
    suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    test('the policy as committed: no change', async () => {
      await openFixture(POLICY);
      const result = await vscode.commands.executeCommand<DiffJson>('kubeAuditPolicy.diffWithHead');
      assert.deepEqual(result, { changes: [] });
    });

    test('an unsaved edit: the one class of requests it changes, with an example, shown as a preview', async () => {
      const editor = await openFixture(POLICY);
      try {
        const at = positionOf(editor.document, 'level: Metadata', 'level: '.length);
        assert.ok(
          await editor.edit((b) => b.replace(new vscode.Range(at, at.translate(0, 'Metadata'.length)), 'Request')),
        );
        // One preview is reused for each report (markdown.preview.singlePreview): it is retitled.
        const before = JSON.stringify(previewTabs());
        const result = await vscode.commands.executeCommand<DiffJson>('kubeAuditPolicy.diffWithHead');
        assert.ok(result, 'the command returned no report');
        assert.equal(result.changes.length, 1, JSON.stringify(result));
        const [change] = result.changes;
        assert.deepEqual(
          { old: [change.old.rule, change.old.level], new: [change.new.rule, change.new.level] },
          { old: [1, 'Metadata'], new: [1, 'Request'] },
        );
        assert.match(change.description, /secrets/);
        assert.match(change.description, /but system:kube-proxy/);
        assert.match(change.example, /^\S+ (GET|POST|PUT|PATCH|DELETE) \/api\/v1\/.*secrets/);
        await poll(
          previewTabs,
          (tabs) => tabs.length > 0 && JSON.stringify(tabs) !== before,
          'a Markdown preview of the new report',
        ).catch((error: Error) => {
          throw new Error(`${error.message}; the tabs: ${allTabs().join(', ')}`);
        });
      } finally {
        await revert(editor);
      }
    });

    test('a policy that was never committed: an error saying so, and no report', async () => {
      const uri = fixtureUri('uncommitted-policy.yaml');
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('apiVersion: audit.k8s.io/v1\nkind: Policy\n'));
      const shown = captureMessages();
      try {
        await openFixture('uncommitted-policy.yaml');
        const result = await vscode.commands.executeCommand('kubeAuditPolicy.diffWithHead');
        assert.equal(result, undefined);
        await poll(
          () => shown.texts,
          (t) => t.length > 0,
          'an error message',
        );
        assert.match(shown.texts[0], /^Compare with HEAD: uncommitted-policy\.yaml has no committed version/);
      } finally {
        shown.restore();
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(uri);
      }
    });
  });
} else {
  suite('compare with HEAD (web worker)', () => {
    suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    test('says it is not available in VS Code for the Web, and why', async () => {
      await openFixture(POLICY);
      const shown = captureMessages();
      try {
        const result = await vscode.commands.executeCommand('kubeAuditPolicy.diffWithHead');
        assert.equal(result, undefined);
        assert.equal(shown.texts.length, 1, JSON.stringify(shown.texts));
        assert.match(shown.texts[0], /^Compare with HEAD is not available in VS Code for the Web/);
        assert.match(shown.texts[0], /Git extension/);
      } finally {
        shown.restore();
      }
    });
  });
}

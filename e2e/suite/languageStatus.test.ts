// The language status item of YAML files: checked as an audit policy or not, for which
// Kubernetes version, and the command that changes the version (it writes the setting).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { acceptQuickPick, activateExtension, openFixture, poll } from './helpers';

interface StatusView {
  document: string | undefined;
  text: string;
  detail: string | undefined;
  severity: string;
  command: string | undefined;
}

async function statusOf(
  doc: vscode.TextDocument,
  predicate: (s: StatusView) => boolean,
  what: string,
): Promise<StatusView> {
  const api = (await activateExtension()).exports as { languageStatus(): StatusView };
  return poll(
    () => api.languageStatus(),
    (s) => s.document === doc.uri.toString() && predicate(s),
    what,
  );
}

async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  return vscode.window.showTextDocument(doc, { preview: false });
}

const version = () =>
  vscode.workspace.getConfiguration('kubeAuditPolicy').inspect<string>('kubernetesVersion')?.workspaceValue;
const setVersion = (v: string | undefined) =>
  vscode.workspace
    .getConfiguration('kubeAuditPolicy')
    .update('kubernetesVersion', v, vscode.ConfigurationTarget.Workspace);

suite('language status', () => {
  suiteTeardown(async () => {
    await setVersion(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a policy is checked as an audit policy for Kubernetes 1.36, with a link to change the version', async () => {
    await setVersion(undefined);
    const { document } = await openFixture('explain-policy.yaml');
    const status = await statusOf(document, (s) => s.text.startsWith('Audit policy'), 'the policy status');
    assert.equal(status.text, 'Audit policy · Kubernetes 1.36');
    assert.equal(status.command, 'kubeAuditPolicy.selectKubernetesVersion');
  });

  test('two ConfigMaps that hold a policy each: the file holds 2', async () => {
    const { document } = await openFixture('embedded-configmap.yaml');
    await statusOf(document, (s) => s.text === 'Holds 2 audit policies · Kubernetes 1.36', 'the embedded status');
  });

  test('other YAML is not an audit policy, until it says it is', async () => {
    await activateExtension();
    const editor = await openUntitled('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n');
    await statusOf(editor.document, (s) => s.text === 'Not an audit policy', 'the not-a-policy status');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    await editor.edit((e) =>
      e.replace(whole, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n'),
    );
    await statusOf(editor.document, (s) => s.text === 'Audit policy · Kubernetes 1.36', 'the status after the edit');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Change version writes the setting, and the status follows', async () => {
    const { document } = await openFixture('explain-policy.yaml');
    const written = await vscode.commands.executeCommand<string>('kubeAuditPolicy.selectKubernetesVersion', '1.30');
    assert.equal(written, '1.30');
    assert.equal(version(), '1.30');
    await statusOf(document, (s) => s.text === 'Audit policy · Kubernetes 1.30', 'the status with 1.30');
  });

  test('its QuickPick lists the versions newest first: accepting the first picks 1.36', async () => {
    const { document } = await openFixture('explain-policy.yaml');
    await setVersion('1.30');
    const picked = await acceptQuickPick(
      vscode.commands.executeCommand<string>('kubeAuditPolicy.selectKubernetesVersion'),
    );
    assert.equal(picked, '1.36');
    assert.equal(version(), '1.36');
    await statusOf(document, (s) => s.text === 'Audit policy · Kubernetes 1.36', 'the status with 1.36');
  });

  test('a value that is not a version is refused and the setting stays', async () => {
    await openFixture('explain-policy.yaml');
    await setVersion('1.29');
    assert.equal(await vscode.commands.executeCommand('kubeAuditPolicy.selectKubernetesVersion', 'latest'), undefined);
    assert.equal(version(), '1.29');
  });
});

// Quick fixes through VS Code's own command, applied with workspace.applyEdit and read back.
// Each test reverts the file it edits so the other tests see the committed fixture.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, revert, summarize, waitForDiagnostics } from './helpers';

async function fixesFor(doc: vscode.TextDocument, diag: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    doc.uri,
    diag.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

async function applyFix(code: string): Promise<{ doc: vscode.TextDocument; fix: vscode.CodeAction }> {
  const editor = await openFixture('seed-policy.yaml');
  const doc = editor.document;
  const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === code), code);
  const diag = diags.find((x) => codeOf(x) === code)!;
  const fixes = await fixesFor(doc, diag);
  const fix = fixes.find((f) => f.diagnostics?.some((d) => codeOf(d) === code) && f.edit) ?? fixes.find((f) => f.edit);
  assert.ok(
    fix?.edit,
    `no quick fix with an edit for ${code}; offered: ${fixes.map((f) => f.title).join(' | ') || '(none)'}; ${summarize(doc, diags)}`,
  );
  assert.ok(await vscode.workspace.applyEdit(fix.edit), 'workspace.applyEdit refused the fix');
  return { doc, fix };
}

suite('quick fixes', () => {
  teardown(async () => {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith('/seed-policy.yaml'));
    if (editor?.document.isDirty) await revert(editor);
  });

  test('unknown `groups` is renamed to `group` by the preferred fix', async () => {
    const { doc, fix } = await applyFix('unknown-field');
    assert.match(fix.title, /group/);
    assert.equal(fix.isPreferred, true, `"${fix.title}" should be the preferred fix`);
    assert.equal(doc.lineAt(7).text, '    - group: ""');
    assert.ok(!doc.getText().includes('groups'), doc.getText());
  });

  test('the padded resource name is trimmed', async () => {
    const { doc } = await applyFix('surrounding-whitespace');
    assert.equal(doc.lineAt(9).text, '      resourceNames: ["webapp-pod"]');
  });

  test('after both fixes the seed policy is clean', async () => {
    await applyFix('unknown-field');
    const { doc } = await applyFix('surrounding-whitespace');
    await waitForDiagnostics(doc.uri, (d) => d.length === 0, 'no diagnostics after both fixes');
  });
});

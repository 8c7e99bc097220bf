// Policies inside other files, in a real VS Code: a ConfigMap and a Cluster API
// KubeadmControlPlane open as YAML, an ERB template open as plain text, a Go test's string; the
// findings sit on the host's lines, and a quick fix applied by VS Code lands in the host,
// re-indented. A policy written as JSON is checked too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, openFixture, revert, summarize, waitForDiagnostics } from './helpers';

suite('embedded policies', () => {
  teardown(async () => {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.isDirty) await revert(editor);
  });

  test('a ConfigMap: the two planted mistakes, underlined in the host, and nothing on the host keys', async () => {
    const { document: doc } = await openFixture('embedded-configmap.yaml');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'invalid-level'),
      'invalid-level',
    );
    const level = diags.find((x) => codeOf(x) === 'invalid-level')!;
    assert.equal(doc.getText(level.range), 'Metadat', summarize(doc, diags));
    assert.equal(level.range.start.line, 69);
    const groups = diags.find((x) => codeOf(x) === 'unknown-field')!;
    assert.equal(doc.getText(groups.range), 'groups', summarize(doc, diags));
    assert.ok(
      !diags.some((d) => ['no-rules', 'invalid-kind', 'invalid-api-version'].includes(codeOf(d))),
      summarize(doc, diags),
    );
  });

  test('a KubeadmControlPlane: the nested verbs are moved out by the quick fix, at the block indentation', async () => {
    const editor = await openFixture('embedded-kubeadm-control-plane.yaml');
    const doc = editor.document;
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'unknown-field'),
      'unknown-field',
    );
    const nested = diags.find((x) => codeOf(x) === 'unknown-field')!;
    assert.equal(doc.getText(nested.range), 'verbs', summarize(doc, diags));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      nested.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.isPreferred && a.edit);
    assert.ok(fix?.edit, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-field'), 'unknown-field gone');
    // The rule's keys sit two columns into the block scalar, whose content is indented by 10.
    const moved = doc
      .getText()
      .split('\n')
      .findIndex((l) => l === '            verbs:');
    assert.ok(moved > 0, doc.getText().split('\n').slice(48, 62).join('\n'));
  });
});

suite('templates of YAML, whatever their language', () => {
  test('an ERB template of a ConfigMap, open as plain text: its mistake underlined, its tags no syntax error', async () => {
    await activateExtension();
    const doc = await vscode.workspace.openTextDocument(fixtureUri('embedded-template.yaml.erb'));
    await vscode.window.showTextDocument(doc, { preview: false });
    // No extension here names ERB: VS Code opens the file as plain text, and the file pattern brings it to the server.
    assert.notEqual(doc.languageId, 'yaml');
    // Oracle on the rendered policy: rules[1].level: Unsupported value: "Metdata".
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'invalid-level'),
      'invalid-level',
    );
    const level = diags.find((x) => codeOf(x) === 'invalid-level')!;
    assert.equal(doc.getText(level.range), 'Metdata', summarize(doc, diags));
    assert.ok(!diags.some((d) => codeOf(d) === 'yaml-syntax'), summarize(doc, diags));
  });
});

suite('policies in source files and in JSON', () => {
  test("a Go test's raw string: its mistake underlined on the Go line, and no colours of ours over Go's", async () => {
    const { document: doc } = await openFixture('audit_policy_test.go', 'go');
    // Oracle: rules[0].level: Unsupported value: "Metdata".
    const level = await invalidLevel(doc);
    assert.equal(level.text, 'Metdata', level.summary);
    assert.equal(level.line, 6);
    // VS Code shows one provider's tokens for the whole file: ours would blank gopls' colours.
    assert.equal(await semanticTokens(doc.uri), undefined);
  });

  test('a policy written as JSON: checked as kube-apiserver reads it', async () => {
    const { document: doc } = await openFixture('audit-policy.json', 'json');
    // Oracle: rules[0].level: Unsupported value: "Requests".
    const level = await invalidLevel(doc);
    assert.equal(level.text, '"Requests"', level.summary);
    assert.ok(((await semanticTokens(doc.uri))?.data.length ?? 0) > 0, 'a policy file is coloured by us');
  });
});

/** The invalid-level finding on the document, once VS Code shows it: its text and line, and all the
 *  document's findings summarised for a failure's message. */
async function invalidLevel(doc: vscode.TextDocument): Promise<{ text: string; line: number; summary: string }> {
  const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'invalid-level'), 'invalid-level');
  const level = diags.find((x) => codeOf(x) === 'invalid-level')!;
  return { text: doc.getText(level.range), line: level.range.start.line, summary: summarize(doc, diags) };
}

function semanticTokens(uri: vscode.Uri): Thenable<vscode.SemanticTokens | undefined> {
  return vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', uri);
}

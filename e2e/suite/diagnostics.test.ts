// Diagnostics as VS Code shows them: published by the server, read back from the editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, openFixture, summarize, waitForAnyDiagnostics, waitForDiagnostics } from './helpers';

suite('diagnostics', () => {
  test('the extension activates when a YAML file opens', async () => {
    await openFixture('seed-policy.yaml');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive, 'extension should be active');
  });

  test('seed policy: unknown-field warning on exactly `groups`', async () => {
    const { document: doc } = await openFixture('seed-policy.yaml');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'unknown-field'),
      'unknown-field',
    );
    const d = diags.find((x) => codeOf(x) === 'unknown-field')!;
    assert.equal(doc.getText(d.range), 'groups', summarize(doc, diags));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('seed policy: surrounding-whitespace warning on "webapp-pod "', async () => {
    const { document: doc } = await openFixture('seed-policy.yaml');
    const diags = await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'surrounding-whitespace'),
      'surrounding-whitespace',
    );
    const d = diags.find((x) => codeOf(x) === 'surrounding-whitespace')!;
    // With or without the quotes: the underline is the one list item, not the whole list.
    assert.match(doc.getText(d.range), /^"?webapp-pod "?$/, summarize(doc, diags));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('seed policy: exactly those two warnings and no errors', async () => {
    const { document: doc } = await openFixture('seed-policy.yaml');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length >= 2, 'two diagnostics');
    assert.deepEqual(
      diags.map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}`).sort(),
      ['Warning surrounding-whitespace', 'Warning unknown-field'],
      summarize(doc, diags),
    );
  });

  test('`level: Metdata` is an invalid-level error on the value', async () => {
    const { document: doc } = await openFixture('invalid-level.yaml');
    const diags = await waitForAnyDiagnostics(doc.uri);
    const d = diags.find((x) => codeOf(x) === 'invalid-level');
    assert.ok(d, `expected invalid-level; got ${summarize(doc, diags)}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(d.range), 'Metdata');
  });
});

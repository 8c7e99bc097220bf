// kubeAuditPolicy.kubernetesVersion changes what is valid: `group: "*"` needs 1.36.
// The setting is written to the (temporary) workspace folder and reset afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, openFixture, summarize, waitForDiagnostics } from './helpers';

const hasMarker = (d: vscode.Diagnostic[]): boolean => d.some((x) => codeOf(x) === 'surrounding-whitespace');
const hasInvalidGroup = (d: vscode.Diagnostic[]): boolean => d.some((x) => codeOf(x) === 'invalid-group');

async function setVersion(version: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('kubeAuditPolicy')
    .update('kubernetesVersion', version, vscode.ConfigurationTarget.Workspace);
}

suite('kubernetesVersion setting', () => {
  suiteTeardown(() => setVersion(undefined));

  test('with the default (1.36) `group: "*"` is accepted', async () => {
    await setVersion(undefined);
    assert.equal(vscode.workspace.getConfiguration('kubeAuditPolicy').get('kubernetesVersion'), '1.36');
    const { document: doc } = await openFixture('wildcard-group.yaml');
    // The marker warning proves the server has checked the file with the current settings.
    const diags = await waitForDiagnostics(doc.uri, hasMarker, 'the marker warning');
    assert.ok(!hasInvalidGroup(diags), summarize(doc, diags));
  });

  test('with 1.35 `group: "*"` becomes an invalid-group error', async () => {
    const { document: doc } = await openFixture('wildcard-group.yaml');
    await waitForDiagnostics(doc.uri, hasMarker, 'the marker warning');
    await setVersion('1.35');
    const diags = await waitForDiagnostics(doc.uri, hasInvalidGroup, 'invalid-group after switching to 1.35');
    const d = diags.find((x) => codeOf(x) === 'invalid-group')!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(doc.getText(d.range), /^"?\*"?$/);
  });

  test('back to the default the error goes away', async () => {
    const { document: doc } = await openFixture('wildcard-group.yaml');
    // Self-contained: first see the error, so that its absence afterwards means something.
    await setVersion('1.35');
    await waitForDiagnostics(doc.uri, hasInvalidGroup, 'invalid-group with 1.35');
    await setVersion(undefined);
    await waitForDiagnostics(doc.uri, (d) => hasMarker(d) && !hasInvalidGroup(d), 'invalid-group to disappear');
  });
});

// Hover through VS Code's own command, which asks every registered provider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LEVELS, openFixture, positionOf } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('hover', () => {
  test('hover on the key `level` documents the four levels', async () => {
    const { document: doc } = await openFixture('seed-policy.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, 'level:', 2),
    );
    const text = hoverText(hovers ?? []);
    assert.match(text, /Level/, `hover text: ${JSON.stringify(text)}`);
    for (const level of LEVELS) {
      assert.ok(new RegExp(`\\b${level}\\b`).test(text), `hover should list ${level}: ${JSON.stringify(text)}`);
    }
  });
});

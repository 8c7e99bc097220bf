// Completion through VS Code's own command, at the end of `  - level: `.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LEVELS, openFixture } from './helpers';

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('completion', () => {
  test('after `level: ` the four audit levels are offered, and only them', async () => {
    const { document: doc } = await openFixture('completion.yaml');
    const line = doc.lineCount - 1 - (doc.lineAt(doc.lineCount - 1).text === '' ? 1 : 0);
    assert.match(doc.lineAt(line).text, /level: $/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      doc.lineAt(line).range.end,
    );
    const labels = (list?.items ?? []).map(label).sort();
    assert.deepEqual(labels, [...LEVELS].sort());
  });
});

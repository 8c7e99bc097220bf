// Document symbols (the outline and breadcrumbs) through VS Code's own command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openFixture } from './helpers';

type Sym = vscode.DocumentSymbol | vscode.SymbolInformation;

function flatten(symbols: Sym[]): Sym[] {
  return symbols.flatMap((s) => [s, ...('children' in s ? flatten(s.children) : [])]);
}

async function ruleSymbols(name: string): Promise<{ doc: vscode.TextDocument; rules: Sym[] }> {
  const { document: doc } = await openFixture(name);
  const symbols = await vscode.commands.executeCommand<Sym[]>('vscode.executeDocumentSymbolProvider', doc.uri);
  const all = flatten(symbols ?? []);
  return { doc, rules: all.filter((s) => /^#\d+ /.test(s.name)) };
}

function startLine(s: Sym): number {
  return 'range' in s ? s.range.start.line : s.location.range.start.line;
}

suite('document symbols', () => {
  test('seed policy: one symbol for its one rule, named `#1 RequestResponse: ...`', async () => {
    const { rules } = await ruleSymbols('seed-policy.yaml');
    assert.deepEqual(
      rules.map((s) => s.name.slice(0, 3)),
      ['#1 '],
      `rule symbols: ${rules.map((s) => s.name).join(' | ')}`,
    );
    assert.match(rules[0].name, /^#1 RequestResponse\b/);
    assert.match(rules[0].name, /delete/);
    assert.match(rules[0].name, /pods/);
  });

  test('three rules give #1, #2, #3 in document order, each at its rule', async () => {
    const { doc, rules } = await ruleSymbols('explain-policy.yaml');
    assert.deepEqual(
      rules.map((s) => s.name.split(' ')[0]),
      ['#1', '#2', '#3'],
      rules.map((s) => s.name).join(' | '),
    );
    assert.deepEqual(
      rules.map((s) => doc.lineAt(startLine(s)).text.trim()),
      ['- level: None', '- level: RequestResponse', '- level: Metadata'],
    );
  });
});

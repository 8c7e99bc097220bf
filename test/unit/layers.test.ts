// The layers of docs/ARCHITECTURE.md are kept by the compiler: `tsc -b tsconfig.layers.json` builds
// each layer as its own project, which sees only the layers below it, and the language service's
// layers see no Node types and no package but yaml and the LSP *types*. This test shows that the
// guard bites: a probe project shaped like a service layer above the engine imports what it may and
// what it may not, and the compiler must refuse exactly the latter.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const REPO = resolve(__dirname, '../../..');
const SERVICE = join(REPO, 'server/src/service');

test('a service layer cannot import a higher layer, lsp/, vscode, the LSP library or Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layer-probe-'));
  try {
    const to = (target: string): string => relative(dir, target).split('\\').join('/');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: to(join(SERVICE, 'tsconfig.layer.json')),
        // A failed build writes nothing (files of other layers would land beside their sources).
        compilerOptions: { rootDir: '.', outDir: 'out', noEmitOnError: true },
        include: ['*.ts', to(join(SERVICE, 'not-for-the-service.d.ts'))],
        references: [{ path: to(join(SERVICE, 'engine')) }],
      }),
    );
    const lines = [
      `import { mismatch } from '${to(join(SERVICE, 'engine/match'))}';`, // 1: a layer below: allowed
      `import { parseDocument } from 'yaml';`, // 2: allowed
      `import type { Range } from 'vscode-languageserver-types';`, // 3: allowed
      `import { checkMissingLevel } from '${to(join(SERVICE, 'checks/missingLevel'))}';`, // 4: a layer above
      `import { connection } from '${to(join(REPO, 'server/src/lsp/context'))}';`, // 5: the LSP layer
      `import { createConnection } from 'vscode-languageserver/node';`, // 6: the LSP library
      `import * as vscode from 'vscode';`, // 7: the editor
      `import { readFileSync } from 'node:fs';`, // 8: Node
      `import { join } from 'path';`, // 9: Node, without the prefix
      'export const uses: unknown[] = [mismatch, parseDocument, checkMissingLevel, connection, createConnection];',
      'export const more: unknown[] = [vscode, readFileSync, join];',
      `export type R = Range;`,
    ];
    writeFileSync(join(dir, 'probe.ts'), `${lines.join('\n')}\n`);
    const tsc = require.resolve('typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-b', join(dir, 'tsconfig.json')], {
      cwd: REPO,
      encoding: 'utf8',
    });
    const output = `${result.stdout}${result.stderr}`;
    assert.notEqual(result.status, 0, output);
    const refused = new Set([...output.matchAll(/probe\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1])));
    assert.deepEqual(
      [...refused].sort((a, b) => a - b),
      [4, 5, 6, 7, 8, 9],
      output,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

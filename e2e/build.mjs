// Bundles the extension-host suite into .work/suite/: one file per test module plus the
// mocha entry point. `vscode` is provided by the extension host and `mocha` is loaded from
// e2e/node_modules at run time (its reporters and loaders use dynamic requires).
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suiteDir = join(here, 'suite');
const entryPoints = readdirSync(suiteDir)
  .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
  .map((f) => join(suiteDir, f));

await esbuild.build({
  entryPoints,
  outdir: join(here, '.work', 'suite'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

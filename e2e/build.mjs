// Bundles the extension-host suite twice:
//   .work/suite/      for the Node extension host: one file per test module plus the mocha entry
//                     point; `vscode` is provided by the host and `mocha` is loaded from
//                     e2e/node_modules at run time (its reporters and loaders use dynamic requires);
//   .work/web-suite/  for the web-worker extension host: one file with mocha's browser build, the
//                     same test modules, and web/assert.ts in place of node:assert/strict.
// Both stay inside the repository: VS Code runs a suite in the host of the extension whose folder
// holds it.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suiteDir = join(here, 'suite');
const tests = readdirSync(suiteDir)
  .filter((f) => f.endsWith('.test.ts'))
  .sort();

await esbuild.build({
  entryPoints: ['index.ts', ...tests].map((f) => join(suiteDir, f)),
  outdir: join(here, '.work', 'suite'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  define: { KAP_E2E_HOST: JSON.stringify('node') },
  logLevel: 'warning',
});

/** node:assert/strict is the one Node module the tests use; the web build gets a stand-in. */
const webAssert = {
  name: 'web-assert',
  setup(build) {
    build.onResolve({ filter: /^node:assert\/strict$/ }, () => ({ path: join(here, 'web', 'assert.ts') }));
  },
};

await esbuild.build({
  entryPoints: [join(here, 'web', 'index.ts')],
  outfile: join(here, '.work', 'web-suite', 'index.js'),
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode'],
  define: {
    KAP_E2E_HOST: JSON.stringify('web-worker'),
    KAP_E2E_TESTS: JSON.stringify(tests.map((f) => f.replace(/\.test\.ts$/, ''))),
  },
  plugins: [webAssert],
  logLevel: 'warning',
});

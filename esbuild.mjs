// Bundles the shipped entry points. For Node: the extension's client (`main`), the language
// server and the CLI, self-contained but for `vscode`, which the editor provides. For the
// browser (vscode.dev, github.dev): the web extension's client (`browser`) and the language
// server it starts in a Web Worker, built for platform 'browser' so that no Node built-in can
// slip in (the bundle check in test/unit/bundles.test.ts proves it).
// package.json's version is the one version: the CLI and the server print it (`--version`).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  // One config for every file: the layers' own tsconfig.json files only guard imports (tsc -b).
  tsconfig: 'tsconfig.json',
};
const node = { ...common, platform: 'node', target: 'node20' };
// The web extension host loads the client as CommonJS; the server runs as a classic worker script.
const browser = { ...common, platform: 'browser', target: 'es2022' };

await Promise.all([
  esbuild.build({
    ...node,
    entryPoints: ['client/src/node/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...node,
    entryPoints: ['server/src/lsp/node/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...node,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
  esbuild.build({
    ...browser,
    entryPoints: ['client/src/browser/extension.ts'],
    outfile: 'dist/web/extension.js',
    external: ['vscode'],
  }),
  esbuild.build({
    ...browser,
    format: 'iife',
    entryPoints: ['server/src/lsp/browser/main.ts'],
    outfile: 'dist/web/server.js',
  }),
]);

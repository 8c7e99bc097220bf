// The web extension's bundles (dist/web/, built by `npm run build`) run in a browser's Web Worker,
// where no Node built-in exists: neither may load one. esbuild builds them for platform
// 'browser', and tsconfig.web.json type-checks their sources without Node's types; this reads
// what actually ships.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { test } from 'node:test';

const DIST = resolve(__dirname, '../../../dist/web');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every module a bundle loads at run time: require(), import() and import ... from. */
function loadedModules(text: string): string[] {
  const found = [
    ...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g),
    ...text.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g),
    ...text.matchAll(/^\s*import\s[^;]*?\bfrom\s*["']([^"']+)["']/gm),
  ].map((m) => m[1]);
  return [...new Set(found)].sort();
}

for (const [file, allowed] of [
  ['extension.js', ['vscode']],
  ['server.js', []],
] as const) {
  test(`dist/web/${file} loads no Node built-in${allowed.length ? `, only ${allowed.join(', ')}` : ' and no other module'}`, () => {
    const text = readFileSync(resolve(DIST, file), 'utf8');
    const loaded = loadedModules(text);
    assert.deepEqual(
      loaded.filter((m) => BUILTINS.has(m)),
      [],
      `${file} loads Node built-ins`,
    );
    assert.deepEqual(loaded, [...allowed]);
    assert.doesNotMatch(text, /["']node:[a-z_/]+["']/, `${file} names a node: module`);
  });
}

test('the check sees a Node built-in when there is one', () => {
  assert.deepEqual(
    loadedModules('var fs = require("fs"); import("node:path");\nimport x from "os";').filter((m) => BUILTINS.has(m)),
    ['fs', 'node:path', 'os'],
  );
});

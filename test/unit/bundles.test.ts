// The Node bundles (dist/, built by `npm run build`) hold nothing but ASCII: V8 keeps a script's
// source for as long as it runs, one byte a character when every character is Latin-1 and two
// otherwise, so one `ſ` in a regular expression doubled the server's 1.6 MB source in memory
// (measured: 1.5 to 3.1 MiB in a heap snapshot, the RSS after opening the 5,000-rule stress file
// from 98 to 100 MiB). Write such characters as escapes (`\u017F`) in the sources.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';

const DIST = resolve(__dirname, '../../../dist');

for (const file of ['server.js', 'cli.js', 'extension.js', 'web/server.js', 'web/extension.js']) {
  test(`dist/${file} is ASCII`, () => {
    const text = readFileSync(resolve(DIST, file), 'latin1');
    let at = -1;
    for (let i = 0; i < text.length && at < 0; i++) if (text.charCodeAt(i) > 0x7f) at = i;
    const line = text.slice(0, at).split('\n').length;
    assert.equal(at, -1, `a character past ASCII on line ${line}: ${text.slice(Math.max(0, at - 60), at + 20)}`);
  });
}

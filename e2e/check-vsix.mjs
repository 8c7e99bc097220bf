// Checks the packaged .vsix against the .vscodeignore allow-list: only the bundles (Node and
// web), the grammar, the manifest, README, LICENSE, CHANGELOG and the icon, and under 1 MiB.
// Usage: node e2e/check-vsix.mjs path/to/extension.vsix
// Prints `package: N passed, N failed`; exits 1 on any failure.
import { readFileSync } from 'node:fs';

const NAME = 'package';
const MAX_BYTES = 1024 * 1024;
// vsce adds the two manifest files and renames LICENSE, README and CHANGELOG.
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/i,
  /^extension\/LICENSE(\.txt)?$/,
  /^extension\/changelog\.md$/i,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/(extension|server|cli)\.js$/,
  /^extension\/dist\/web\/(extension|server)\.js$/,
  /^extension\/syntaxes\/.+$/,
];
const REQUIRED = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/cli.js',
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
];

/** Entry names from the zip's central directory (no unzip tool needed). */
function zipEntries(buf) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

const results = [];
const check = (name, ok, detail) => {
  results.push(ok);
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};

try {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node e2e/check-vsix.mjs FILE.vsix');
  const buf = readFileSync(file);
  const names = zipEntries(buf).filter((n) => !n.endsWith('/'));
  console.log(`  ${names.length} files, ${buf.length} bytes: ${names.join(', ')}`);
  const extra = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  check('the .vsix holds only allow-listed files', extra.length === 0, extra.join(', '));
  const missing = REQUIRED.filter((n) => !names.includes(n));
  check(
    'the .vsix holds the manifest and the five bundles',
    missing.length === 0,
    missing.length ? `missing ${missing.join(', ')}` : '',
  );
  check('the .vsix is smaller than 1 MiB', buf.length < MAX_BYTES, `${buf.length} bytes`);
} catch (err) {
  check('the .vsix can be read', false, err.message);
}
const failed = results.filter((ok) => !ok).length;
console.log(`${NAME}: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

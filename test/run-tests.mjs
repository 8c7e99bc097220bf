// Runs every compiled test file with node's test runner and prints one `N passed, N failed` line
// per suite and a total. `npm test` compiles first (pretest), so this runs what tsc wrote to out/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SUITES = ['unit', 'cli', 'protocol', 'fuzz'];
const only = process.argv.slice(2);

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? testFiles(full) : name.endsWith('.test.js') ? [full] : [];
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of SUITES.filter((s) => only.length === 0 || only.includes(s))) {
  const files = testFiles(join('out', 'test', suite));
  if (files.length === 0) continue;
  const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout}${result.stderr}`;
  process.stdout.write(output);
  const count = (label) => Number(/^ℹ (\w+) (\d+)$/m.test(output) ? (output.match(new RegExp(`^ℹ ${label} (\\d+)$`, 'm'))?.[1] ?? 0) : 0);
  const p = count('pass');
  const f = count('fail') + (result.status !== 0 && count('fail') === 0 ? 1 : 0);
  const s = count('skipped');
  passed += p;
  failed += f;
  skipped += s;
  console.log(`${suite}: ${p} passed, ${f} failed, ${s} skipped`);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;

// A large, realistic policy for performance tests: the benchmark's own generator (bench/generate.mjs,
// deterministic), loaded from the repository at run time.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runInNewContext } from 'node:vm';

/** @param findings the stress variant: rules that shadow each other, verbs that never match, ... */
export function generatePolicyText(rules: number, findings = false): string {
  const source = readFileSync(resolve(__dirname, '../../../../bench/generate.mjs'), 'utf8');
  // The generator is an ES module with one exported function; evaluate it as a script.
  const body = source
    .replace(/^import .*$/gm, '')
    .replace(/^export function/m, 'function')
    .replace(/if \(import\.meta\.url[\s\S]*$/m, '');
  const sandbox: { generatePolicy?: (o: { rules: number; seed?: number; findings?: boolean }) => string } = {};
  runInNewContext(`${body}\nthis.generatePolicy = generatePolicy;`, sandbox);
  return sandbox.generatePolicy!({ rules, seed: 1, findings });
}

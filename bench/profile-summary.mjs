// Where our server spends its time: top functions by self time and by total (inclusive)
// time in V8 .cpuprofile files written by `node bench/run.mjs --profile`.
//
//   node bench/profile-summary.mjs bench/.work/prof [--top 25]
//
// Node names come from dist/server.js (bundled, with a linked source map): the file
// and line point into the bundle; the function names are the TypeScript ones.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const target = argv.find((a) => !a.startsWith('--')) ?? 'bench/.work/prof';
const top = Number(argv[argv.indexOf('--top') + 1]) || 25;
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];

const self = new Map();
const total = new Map();
let sampledMs = 0;

for (const file of files) {
  const prof = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Sample i lasted timeDeltas[i + 1]; the last one's duration is unknown, so it is 0.
  const hits = new Map();
  prof.samples.forEach((id, i) => {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    hits.set(id, (hits.get(id) ?? 0) + dt);
    sampledMs += dt;
  });
  const key = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${path.basename(f.url || '')}:${f.lineNumber + 1}`;
  };
  for (const [id, ms] of hits) {
    const n = byId.get(id);
    self.set(key(n), (self.get(key(n)) ?? 0) + ms);
    // Inclusive time: count each distinct function once per stack (recursion).
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
}

const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / sampledMs).toFixed(1).padStart(5)}%  ${k}`);
  }
};
console.log(`${files.length} profile(s), ${sampledMs.toFixed(0)} ms sampled (idle time is "(idle)")`);
show('Self time', self);
show('Total time (inclusive)', total);

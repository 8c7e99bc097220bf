// The replay benchmark: `kube-audit-policy replay` against jq doing the least a person would do
// on the same file (`jq -c '[.user.username,.verb,.objectRef.resource]' | sort | uniq -c`), on a
// log of at least 1 GB generated at run time from the real events in test/fixtures/events (bodies
// included; each copy gets a fresh auditID of the same length, so sizes stay those of real events).
// The log goes to a temporary folder and is deleted afterwards; it is never committed.
//
//   node bench/replay.mjs [--size-mb 1024] [--runs 3] [--keep]
//                         [--policy test/fixtures/corpus/gce-master-audit-policy.yaml]
//
// With --runs N, both tools run N times, alternately, on the same log, and the table gives each
// one's median run (by wall time): on a shared machine one run says little.
// Prints a Markdown table; bench/run.mjs adds the same table to docs/PERFORMANCE.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function ensureJq() {
  if (spawnSync('jq', ['--version']).status === 0) return;
  console.error('jq is missing: installing it with apt-get');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  execFileSync(sudo.length ? 'sudo' : 'apt-get', [...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-q', 'jq'], {
    stdio: 'inherit',
  });
}

/** Writes a log of at least `bytes` bytes from the real events, cycling through them. */
export async function generateLog(file, bytes) {
  const dir = path.join(repo, 'test/fixtures/events');
  const events = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== ''),
    );
  const out = createWriteStream(file, { highWaterMark: 4 * 1024 * 1024 });
  let written = 0;
  let n = 0;
  const id = (i) => {
    const hex = i.toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  };
  while (written < bytes) {
    let batch = '';
    for (const event of events) {
      batch += `${event.replace(/"auditID":"[0-9a-f-]{36}"/, `"auditID":"${id(n++)}"`)}\n`;
    }
    written += Buffer.byteLength(batch);
    if (!out.write(batch)) await new Promise((resolve) => out.once('drain', resolve));
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return { bytes: statSync(file).size, events: n };
}

/** Wall time, CPU time (user + system, children included) and peak RSS of a shell command, by GNU time. */
function measure(command) {
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  const started = process.hrtime.bigint();
  const run = timeBin
    ? spawnSync(timeBin, ['-f', '%e %U %S %M', 'bash', '-c', command], {
        encoding: 'utf8',
        maxBuffer: 1024 * 1024 * 64,
      })
    : spawnSync('bash', ['-c', command], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 64 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const last = timeBin ? run.stderr.trim().split('\n').pop().split(' ').map(Number) : [wall, NaN, NaN, NaN];
  return { wall, cpu: last[1] + last[2], peakRssMiB: last[3] / 1024, stdout: run.stdout };
}

/** The run with the median wall time. */
function median(runs) {
  return [...runs].sort((a, b) => a.wall - b.wall)[Math.floor((runs.length - 1) / 2)];
}

export async function benchReplay({
  sizeMb = 1024,
  runs = 3,
  policy = 'test/fixtures/corpus/gce-master-audit-policy.yaml',
  keep = false,
} = {}) {
  ensureJq();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kap-replay-bench-'));
  const log = path.join(dir, 'audit.log');
  try {
    console.error(`generating a ${sizeMb} MB log from the real events in ${dir}`);
    const { bytes, events } = await generateLog(log, sizeMb * 1e6);
    const cli = path.join(repo, 'dist/cli.js');
    const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;
    // Warm the page cache so that both read from memory.
    measure(`cat ${q(log)} > /dev/null`);
    const oursRuns = [];
    const jqRuns = [];
    for (let run = 0; run < runs; run++) {
      oursRuns.push(
        measure(
          `node ${q(cli)} replay --policy ${q(path.join(repo, policy))} --format json ${q(log)} > ${q(path.join(dir, 'report.json'))}`,
        ),
      );
      const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'));
      if (report.totals.events !== events)
        throw new Error(`replay counted ${report.totals.events} events, the log has ${events}`);
      jqRuns.push(measure(`jq -c '[.user.username,.verb,.objectRef.resource]' ${q(log)} | sort | uniq -c > /dev/null`));
      console.error(
        `run ${run + 1}: replay ${oursRuns[run].wall.toFixed(1)} s (CPU ${oursRuns[run].cpu.toFixed(1)} s), jq ${jqRuns[run].wall.toFixed(1)} s (CPU ${jqRuns[run].cpu.toFixed(1)} s)`,
      );
    }
    const rows = [
      { tool: 'kube-audit-policy replay', ...median(oursRuns) },
      { tool: 'jq \\| sort \\| uniq -c', ...median(jqRuns) }, // escaped for the Markdown table
    ];
    const ratios = oursRuns.map((o, i) => ({ wall: jqRuns[i].wall / o.wall, cpu: jqRuns[i].cpu / o.cpu }));
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ');
    return { bytes, events, rows, ratios, load, policy, log: keep ? log : undefined };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

export function replayMarkdown(result) {
  const mb = result.bytes / 1e6;
  const lines = [
    '## Replaying an audit log',
    '',
    `A log of ${(result.bytes / 1e9).toFixed(2)} GB (${result.events.toLocaleString('en-US')} events) generated by \`bench/replay.mjs\` from the real events in \`test/fixtures/events\` (bodies included), replayed against \`${result.policy}\`, and read by jq doing the least a person would do (\`jq -c '[.user.username,.verb,.objectRef.resource]' | sort | uniq -c\`). Both read the file from the page cache. Load average at the end (1/5/15 min): ${result.load}. CPU time counts every process of the pipeline; on a shared machine compare it, since wall time includes waiting for a core.`,
    '',
    '| tool | wall | events/s | MB/s | CPU time | MB per CPU-second | peak RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of result.rows) {
    lines.push(
      `| ${r.tool} | ${r.wall.toFixed(1)} s | ${Math.round(result.events / r.wall).toLocaleString('en-US')} | ${Math.round(mb / r.wall)} | ${r.cpu.toFixed(1)} s | ${Math.round(mb / r.cpu)} | ${Math.round(r.peakRssMiB)} MiB |`,
    );
  }
  const [ours, jq] = result.rows;
  const each = (pick) =>
    result.ratios
      .map(pick)
      .map((r) => `${r.toFixed(1)}x`)
      .join(', ');
  lines.push(
    '',
    `Throughput against jq: ${(jq.wall / ours.wall).toFixed(1)}x by wall time, ${(jq.cpu / ours.cpu).toFixed(1)}x by CPU time (target: 4x).` +
      (result.ratios.length > 1
        ? ` Medians of ${result.ratios.length} runs, side by side; each run's ratio by wall time: ${each((r) => r.wall)}; by CPU time: ${each((r) => r.cpu)}.`
        : ''),
    '',
  );
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);
  const result = await benchReplay({
    sizeMb: Number(opt('--size-mb', 1024)),
    runs: Number(opt('--runs', 3)),
    policy: opt('--policy', undefined),
    keep: argv.includes('--keep'),
  });
  console.log(replayMarkdown(result));
}

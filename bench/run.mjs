// The benchmark: our language server and yaml-language-server (given our JSON Schema)
// side by side, on generated policies of 100, 1,000 and 5,000 rules, plus the CLI on the
// real corpus. Writes docs/PERFORMANCE.md. It is a benchmark, not a test: it asserts
// nothing and exits 0 unless the harness itself breaks.
//
//   node bench/run.mjs                  full run (5 runs for 100/1,000 rules, 3 for 5,000)
//   node bench/run.mjs --quick          100 and 1,000 rules, 1 run; writes bench/.work/PERFORMANCE.md
//   node bench/run.mjs --sizes 5000 --runs 1 --servers ours
//   options: --sizes a,b  --runs N  --edits N  --requests N  --timeout MS
//            --servers ours,yaml  --no-cli  --ours path/to/server.js  --profile
//            --node-args "--max-semi-space-size=2" (V8 flags for our server)
//            --write (quick runs also write docs/PERFORMANCE.md)
//            --no-replay (skip the 1 GB audit log replay against jq; alone: npm run bench:replay)

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generatePolicy } from './generate.mjs';
import { runSession, settingsFor } from './session.mjs';
import { killAll } from './lsp-client.mjs';
import { aggregate, median } from './stats.mjs';
import { sizeRows, targetRows, mdTable, textTable, fmt, TARGET_HEADER } from './report.mjs';
import { machineInfo } from './machine.mjs';
import { benchReplay, replayMarkdown } from './replay.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = path.join(repo, 'bench', '.work');
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(n);
const opt = (n, d) => (argv.indexOf(n) >= 0 ? argv[argv.indexOf(n) + 1] : d);

const quick = flag('--quick');
// A size is a rule count; `5000f` is the stress file of that many rules with thousands of
// findings (bench/generate.mjs --findings); a name is a real policy of the corpus in every clone.
const CORPUS = { gce: 'test/fixtures/corpus/gce-master-audit-policy.yaml' };
const sizes = opt('--sizes', quick ? '100,1000' : '100,1000,5000,5000f,gce').split(',');
const rulesOf = (size) => Number.parseInt(size, 10);
const sizeName = (size) =>
  CORPUS[size]
    ? `the GCE policy (${path.basename(CORPUS[size])}, real)`
    : `${rulesOf(size).toLocaleString('en')} rules${size.endsWith('f') ? ' with about 4,000 findings' : ''}`;
const runsFor = (n) => Number(opt('--runs', quick ? 1 : rulesOf(n) >= 5000 ? 3 : 5));
const policyText = (size) =>
  CORPUS[size]
    ? readFileSync(path.join(repo, CORPUS[size]), 'utf8')
    : generatePolicy({ rules: rulesOf(size), seed: 1, findings: size.endsWith('f') });
const edits = Number(opt('--edits', 10));
const requests = Number(opt('--requests', 20));
const timeoutMs = Number(opt('--timeout', 60000));
const wanted = opt('--servers', 'ours,yaml').split(',');
const writeDoc = !quick || flag('--write');

const schemaPath = path.join(repo, 'schemas', 'audit-policy.schema.json');
const SERVERS = [
  // --ours PATH benchmarks another build of our server (e.g. a copy of an older dist/).
  // --profile: V8 CPU profiles of our server, one per session (summarise them with
  // node bench/profile-summary.mjs bench/.work/prof).
  {
    id: 'ours',
    name: 'kube-audit-policy',
    command: process.execPath,
    args: [path.resolve(opt('--ours', path.join(repo, 'dist', 'server.js'))), '--stdio'],
    // --node-args "--max-semi-space-size=2 ...": try V8 flags on our server (memory, GC).
    nodeArgs: [
      ...(flag('--profile') ? ['--cpu-prof', `--cpu-prof-dir=${path.join(repo, 'bench', '.work', 'prof')}`] : []),
      ...opt('--node-args', '').split(' ').filter(Boolean),
    ],
  },
  {
    id: 'yaml',
    name: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(repo, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
  },
].filter((s) => wanted.includes(s.id));

for (const s of SERVERS) {
  if (!existsSync(s.args[0])) {
    console.error(`missing ${path.relative(repo, s.args[0])}${s.id === 'ours' ? ' (run npm run build)' : ''}`);
    process.exit(2);
  }
}

const log = (...a) => console.error(...a);
// Interrupted: end the servers we started (they would also exit when their stdin closes).
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
mkdirSync(work, { recursive: true });
const settings = settingsFor(schemaPath);
const started = new Date();
// The load average before the runs: on a shared machine it says how much to trust them.
const loadAtStart = os
  .loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
const results = { sizes: {}, sessions: [] };

for (const size of sizes) {
  const text = policyText(size);
  const docPath = path.join(work, `policy-${size}.yaml`);
  writeFileSync(docPath, text);
  const lines = text.split('\n').length;
  results.sizes[size] = { lines, bytes: Buffer.byteLength(text), sessions: {} };
  for (let run = 0; run < runsFor(size); run++) {
    // Alternate which server goes first: on a noisy machine, drift then hits both alike.
    const order = run % 2 ? [...SERVERS].reverse() : SERVERS;
    for (const server of order) {
      const t0 = performance.now();
      const findings = size.endsWith('f');
      const s = await runSession({ server, docPath, text, settings, edits, requests, timeoutMs, cwd: repo, findings });
      s.size = size;
      s.run = run;
      results.sessions.push(s);
      (results.sizes[size].sessions[server.id] ??= []).push(s);
      log(
        `${size} rules, run ${run + 1}, ${server.id}: start ${fmt(s.coldStartMs)}, open ${fmt(s.openMs)}, edit ${fmt(median(s.editMs))}, ` +
          `completion ${fmt(median(s.completionMs))}, hover ${fmt(median(s.hoverMs))}, ${fmt(s.rssMiB, 'MiB')}` +
          `${s.failures.map((f) => `, FAILED at ${f.step}: ${f.kind}`).join('')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
      );
    }
  }
}

const aggBySize = {};
for (const size of sizes) {
  aggBySize[size] = {};
  for (const [id, sessions] of Object.entries(results.sizes[size].sessions)) aggBySize[size][id] = aggregate(sessions);
}

const cli = flag('--no-cli') ? {} : await benchCli();
const replay = flag('--no-replay') || quick ? undefined : await benchReplay();
const finished = new Date();
const machine = machineInfo();

// Console.
for (const size of sizes) {
  console.log(`\n${sizeName(size)} (${results.sizes[size].lines} lines), medians of ${runsFor(size)} run(s)`);
  console.log(
    textTable(
      ['metric', 'kube-audit-policy', 'yaml-language-server', 'yaml-ls ÷ ours (>1: ours better)'],
      sizeRows(aggBySize[size]),
    ),
  );
}
const targets = targetRows(aggBySize, cli);
console.log('\nTargets');
console.log(textTable(TARGET_HEADER, targets));
if (cli.corpus)
  console.log(
    `\nCLI lint of ${cli.corpus.files} real policies: ${fmt(cli.corpus.medianMs)} wall, ${fmt(cli.corpus.cpuMs)} CPU (exit ${cli.corpus.exitCode})`,
  );

writeFileSync(
  path.join(work, 'results.json'),
  JSON.stringify({ machine, started, finished, aggBySize, cli, results }, null, 1),
);
const md =
  renderDoc({ machine, started, finished, aggBySize, cli, targets, results }) +
  (replay ? `\n${replayMarkdown(replay)}` : '');
if (replay) console.log(`\n${replayMarkdown(replay)}`);
const out = writeDoc ? path.join(repo, 'docs', 'PERFORMANCE.md') : path.join(work, 'PERFORMANCE.md');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, md);
console.log(`\nwrote ${path.relative(repo, out)} and bench/.work/results.json`);

// ---------------------------------------------------------------------------------------

// Through bash so its `times` builtin can report the child's CPU time (on fd 3): Node
// has no getrusage(RUSAGE_CHILDREN). bash adds a few ms of start-up to the wall time.
function runOnce(args) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const script = '"$0" "$@"; c=$?; times >&3; exit $c';
    const child = spawn('bash', ['-c', script, process.execPath, ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let times = '';
    child.stdout.on('data', (d) => {
      if (out.length < 100000) out += d;
    });
    child.stderr.on('data', (d) => {
      if (out.length < 100000) out += d;
    });
    child.stdio[3].on('data', (d) => {
      times += d;
    });
    // detached: a timeout kills bash and node together (the process group).
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const t = /\n?(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(times.trim()); // children's user and system time
      const cpuMs = t ? (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 : null;
      resolve({ ms: performance.now() - t0, cpuMs, code, signal, out });
    });
  });
}

// Wall time of one `lint` process, spawn to exit, as CI would see it.
async function benchCli() {
  const res = {};
  const cliPath = path.join(repo, 'dist', 'cli.js');
  if (!existsSync(cliPath)) return { skipped: 'dist/cli.js missing' };
  const corpus = [path.resolve(repo, '..', 'shared', 'corpus', 'real'), '/work/shared/corpus/real'].find((p) =>
    existsSync(p),
  );
  const n = quick ? 1 : 5;
  const one = async (label, target) => {
    const runs = [];
    for (let i = 0; i < n; i++) runs.push(await runOnce([cliPath, 'lint', target]));
    const timedOut = runs.some((r) => r.signal === 'SIGKILL');
    log(
      `cli ${label}: ${runs.map((r) => `${fmt(r.ms)} (${fmt(r.cpuMs)} CPU)`).join(', ')}${timedOut ? ' (timeout)' : ''}`,
    );
    return {
      medianMs: timedOut ? 'timeout' : median(runs.map((r) => r.ms)),
      cpuMs: median(runs.map((r) => r.cpuMs)),
      runs: runs.map((r) => r.ms),
      exitCode: runs[0].code,
      outputTail: runs[0].out.slice(-600),
    };
  };
  if (corpus) {
    res.corpus = await one('corpus', corpus);
    res.corpus.files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).length;
    // The CLI skips files of a folder that do not look like policies: say how many it read.
    res.corpus.checked = Number(/(\d+) files? checked/.exec(res.corpus.outputTail)?.[1]) || null;
    res.corpus.path = corpus;
  } else {
    res.corpusSkipped = 'corpus folder absent';
  }
  const biggest = Math.max(...sizes.map(rulesOf).filter((n) => !Number.isNaN(n)));
  if (!Number.isFinite(biggest)) return res;
  res.generated = await one(`${biggest} rules`, path.join(work, `policy-${biggest}.yaml`));
  res.generated.rules = biggest;
  return res;
}

function renderDoc({ machine, started, finished, aggBySize, cli, targets, results }) {
  const L = [];
  L.push('# Performance', '');
  L.push(
    'Measured by `npm run bench` (`bench/run.mjs`). This file is generated: rerun the benchmark rather than editing it.',
    '',
  );
  L.push(
    `- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC (took ${((finished - started) / 60000).toFixed(1)} min)`,
  );
  L.push(
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGiB} GiB RAM, ${machine.os}; load average ${loadAtStart} at start, ${machine.load} at the end`,
  );
  L.push(
    `- Node ${process.version}; yaml-language-server ${machine.yamlLs}; kube-audit-policy ${machine.ours} (${machine.commit}${machine.dirty ? ', with uncommitted changes in server/' : ''})`,
  );
  L.push(
    `- Runs: ${sizes.map((s) => `${runsFor(s)} at ${sizeName(s)}`).join(', ')}; per run ${edits} edits, ${requests} completions, ${requests} hovers${quick ? ' (quick run)' : ''}`,
  );
  L.push('');
  L.push('## Targets (5,000 rules, medians)', '', mdTable(TARGET_HEADER, targets), '');
  // Why a target is missed is judgement, not measurement: it is written by hand in
  // bench/ANALYSIS.md and carried into every generated report.
  const analysis = path.join(repo, 'bench', 'ANALYSIS.md');
  if (existsSync(analysis)) L.push(readFileSync(analysis, 'utf8').trim(), '');
  for (const size of Object.keys(aggBySize)) {
    const s = results.sizes[size];
    L.push(`## ${sizeName(size)} (${s.lines.toLocaleString('en')} lines, ${(s.bytes / 1048576).toFixed(2)} MiB)`, '');
    L.push(
      mdTable(
        ['metric', 'kube-audit-policy', 'yaml-language-server', 'yaml-ls ÷ ours (>1: ours better)'],
        sizeRows(aggBySize[size]),
      ),
      '',
    );
  }
  L.push('## CLI', '');
  const cliRows = [];
  if (cli.corpus)
    cliRows.push([
      `\`lint\` of the ${cli.corpus.files} real policies (one process${cli.corpus.checked ? `; it reports ${cli.corpus.checked} files checked` : ''})`,
      fmt(cli.corpus.medianMs),
      fmt(cli.corpus.cpuMs),
      String(cli.corpus.exitCode),
    ]);
  if (cli.generated)
    cliRows.push([
      `\`lint\` of the generated ${cli.generated.rules.toLocaleString('en')}-rule policy`,
      fmt(cli.generated.medianMs),
      fmt(cli.generated.cpuMs),
      String(cli.generated.exitCode),
    ]);
  L.push(
    cliRows.length
      ? mdTable(['command', 'wall time (median)', 'CPU time (median)', 'exit code'], cliRows)
      : `Not measured: ${cli.skipped ?? cli.corpusSkipped ?? 'disabled'}.`,
    '',
  );
  if (cli.corpusSkipped && cli.generated) L.push(`The real corpus row is skipped: ${cli.corpusSkipped}.`, '');
  const notes = collectNotes(results.sessions);
  if (notes.length) L.push('## Anomalies seen during the runs', '', ...notes.map((n) => `- ${n}`), '');
  L.push(methodText());
  return L.join('\n');
}

function collectNotes(sessions) {
  const counts = new Map();
  for (const s of sessions) {
    const msgs = [
      ...s.notes.map((n) => n.replace(/line \d+/, 'line N').replace(/v\d+/, 'vN')),
      ...(s.failures ?? []).map((f) => `failed at ${f.step}: ${f.kind} (${f.message})`),
    ];
    for (const n of new Set(msgs)) {
      const key = `${s.server}, ${s.size} rules: ${n}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([k, c]) => `${k} (${c} run${c > 1 ? 's' : ''})`);
}

// A function, not a constant: it is called before the bottom of the module runs.
function methodText() {
  return `## Method

- **Documents.** \`bench/generate.mjs\` writes the same policy for the same size every time (seeded PRNG): realistic rules (users, userGroups, verbs, namespaces, resources with groups/resources/resourceNames, nonResourceURLs, omitStages, omitManagedFields), comments, block and flow sequences, whole rules in flow style, and a catch-all at the end; about 10 lines per rule. kube-apiserver loads them without errors or warnings; our server's only findings are where a rule pairs a verb with a resource that does not serve it (verb-not-served: 12, 119 and 548 warnings at 100, 1,000 and 5,000 rules, a lint newer than the generator), which yaml-language-server does not know. The stress file (\`5000f\`, \`generate.mjs --findings\`) is a long-grown policy instead: most rules repeat an earlier rule's selectors, some verbs are misspelt, some rules log secrets at Request level, so our server publishes about 4,700 diagnostics on open. The GCE policy is the real \`test/fixtures/corpus/gce-master-audit-policy.yaml\` (164 lines).
- **Servers.** Ours: \`node dist/server.js --stdio\` after \`npm run build\`. yaml-language-server: \`node node_modules/yaml-language-server/bin/yaml-language-server --stdio\`, given \`schemas/audit-policy.schema.json\` through \`yaml.schemas\` (\`*.yaml\`), with validation, completion and hover on and the schema store off (no network). Both get the same settings through \`workspace/didChangeConfiguration\` and answers to \`workspace/configuration\`. Every session is a fresh process; runs alternate which server goes first. The client is \`bench/lsp-client.mjs\` (stdio, Content-Length framing); it answers every server-to-client request.
- **Cold start**: spawn of the process to the \`initialize\` result.
- **Open → diagnostics**: \`didOpen\` to the first \`textDocument/publishDiagnostics\` for the document. Before opening, the client sends \`initialized\` and the configuration and waits until the server has been silent for 0.5 s, so the server has applied its settings (schema association) and nothing stale is in flight. A publication with a \`version\` must carry the opened version. yaml-language-server sends no \`version\`, so its first publication for the uri after \`didOpen\` is taken; any further publication in the next 0.5 s would be listed under anomalies (none means the first one was the only one). yaml-language-server debounces validation by 200 ms (fixed in its code); that delay is part of what its users wait for, so it is included.
- **Edit → diagnostics**: an incremental \`didChange\` of one keystroke (just after a rule's \`level\`, at rules spread over the middle of the file), to the diagnostics for that version. Edits come in pairs, as a user types and corrects: type a character (\`Metadata\` → \`Metadatax\`), then delete it, so each publication must have one more, then one fewer, diagnostic than the unedited document (in the stress file a broken level also ends that rule's other findings: there only the restore's count is checked); a publication that does not is listed under anomalies. This also proves the schema applied in yaml-language-server. The client waits for 0.1 s of silence between edits.
- **Completion**: \`textDocument/completion\` right after \`level: \` on rules spread over the file (the result must offer \`Metadata\`). **Hover**: \`textDocument/hover\` on a \`verbs\` key. p50/p95 (nearest rank) within a run, then the median over runs. Requests are sequential.
- **Outline and semantic tokens after an edit**: what VS Code asks for again after a keystroke besides the diagnostics. Pairs of edits as above (\`--requests\` / 2 pairs), each followed, once its diagnostics are published and the server is quiet, by \`textDocument/documentSymbol\` and by the semantic tokens: \`textDocument/semanticTokens/full/delta\` against the last answer when the server offers deltas, else \`full\` again. A server that offers neither gets n/a.
- **Publication in transit and parsed by the client**: from the first byte of the publication the client waits for to the end of its \`JSON.parse\`: the server writing it into the pipe, the client reading it (64 KB at a time), joining the pieces once, decoding and parsing it, as vscode-jsonrpc's reader does. It is part of the edit's and the open's wall time that grows with the size of the publication, which the next row gives; the two servers publish different findings, so these rows compare nothing.
- **Server CPU time**: CPU time of the server process (all threads, \`se.sum_exec_runtime\` of \`/proc/<pid>/task/*/sched\`) from just before the message to the answer. Wall times on a shared machine include waiting for a core; CPU time does not, so compare those rows when the load average was high.
- **Memory after open**: VmRSS of the server process from \`/proc/<pid>/status\`, 0.5 s after the open's diagnostics; **before open** is the same after \`initialize\` and the configuration (the server's baseline), **after the edits and requests** at the end of the session.
- **CLI**: wall time of \`node dist/cli.js lint <folder>\` (spawn to exit) on the real corpus, and on the largest generated policy; the process runs under bash, whose \`times\` gives its CPU time (bash adds a few ms to the wall time).
- Each measurement times out after ${timeoutMs / 1000} s; a session that times out is ended and the metric shows \`timeout\`. Raw numbers of the last run: \`bench/.work/results.json\`.
`;
}

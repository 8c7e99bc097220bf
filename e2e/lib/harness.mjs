// Process and browser plumbing shared by the launchers: free loopback ports, throw-away
// HOME/XDG/user-data folders, servers in their own process group (so cleanup also ends the
// extension host and watchers they spawn), bounded waits, and Debian's chromium.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = resolve(E2E_DIR, '..');
export const WORK_DIR = join(E2E_DIR, '.work');
export const CODE_SERVER_DIR = join(E2E_DIR, 'node_modules', 'code-server');
export const CHROMIUM = process.env.KAP_E2E_CHROMIUM || '/usr/bin/chromium';

// Flags that keep chromium from phoning home or needing a GPU, a sandbox or a big /dev/shm.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function log(prefix, ...args) {
  console.log(`[${prefix}]`, ...args);
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** A temp tree with everything a server could write to; removed by cleanup(). `settings` are
 *  added to the user settings. */
export function makeSandbox(name, settings = {}) {
  const base = mkdtempSync(join(tmpdir(), `kap-e2e-${name}-`));
  const dirs = {
    base,
    home: join(base, 'home'),
    userData: join(base, 'user-data'),
    serverData: join(base, 'server-data'),
    extensions: join(base, 'extensions'),
    workspace: join(base, 'workspace'),
    xdgConfig: join(base, 'xdg', 'config'),
    xdgData: join(base, 'xdg', 'data'),
    xdgCache: join(base, 'xdg', 'cache'),
    xdgState: join(base, 'xdg', 'state'),
    xdgRuntime: join(base, 'xdg', 'runtime'),
  };
  liveSandboxes.add(base);
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
  // Tests edit and configure the workspace; they get a copy, never the committed fixtures.
  cpSync(join(ROOT_DIR, 'test', 'e2e', 'workspace'), dirs.workspace, { recursive: true });
  const env = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    XDG_RUNTIME_DIR: dirs.xdgRuntime,
    TMPDIR: base,
  };
  // Settings that keep the workbench quiet and deterministic: no welcome page, no tips.
  const userSettings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'chat.commandCenter.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    ...settings,
  };
  for (const dir of [
    join(dirs.userData, 'User'),
    join(dirs.serverData, 'data', 'User'),
    join(dirs.serverData, 'data', 'Machine'),
  ]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify(userSettings, null, 2));
  }
  return { dirs, env };
}

/** Makes the sandbox's workspace copy a Git repository with every fixture committed, for the
 *  commands that read a file's committed version ("Compare with HEAD"). */
export function commitWorkspace(sandbox) {
  const { dirs, env } = sandbox;
  const git = (...args) => {
    const r = spawnSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid', ...args], {
      cwd: dirs.workspace,
      env: { ...env, GIT_CONFIG_NOSYSTEM: '1' },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  };
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'the e2e workspace fixtures');
}

// Servers run in their own process group (detached), so a signal to this runner (Ctrl+C, or
// run.sh's `timeout`) does not reach them: end them, and drop the temp folders, on the way out.
const liveGroups = new Set();
const liveSandboxes = new Set();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    for (const pid of liveGroups) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    for (const dir of liveSandboxes) rmSync(dir, { recursive: true, force: true });
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

/** Starts a server in its own process group; stdout/stderr go to logFile. */
export function startProcess(command, args, { env, cwd, logFile }) {
  const fd = openSync(logFile, 'a');
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  child.on('error', (err) => log('harness', `failed to start ${command}: ${err.message}`));
  if (child.pid) {
    liveGroups.add(child.pid);
    child.once('exit', () => liveGroups.delete(child.pid));
  }
  return child;
}

/** Ends a process group started by startProcess: TERM, then KILL if it lingers. */
export async function stopProcess(child, graceMs = 5_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/** Polls an HTTP URL until it answers 2xx, the process dies, or the bound is reached. */
export async function waitForHttp(url, { child, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (err) {
      lastError = err.message;
    }
    // Polling a port has no event to wait on; a short pause between attempts.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${url} (${lastError})`);
}

export async function launchChromium(env) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    env,
    timeout: 60_000,
  });
}

/** Rejects after ms with a message; for racing against whole phases. */
export function deadline(ms, what) {
  let timer;
  const promise = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
  });
  promise.catch(() => {});
  return { promise, cancel: () => clearTimeout(timer) };
}

export function removeSandbox(sandbox) {
  if (process.env.KAP_E2E_KEEP) {
    log('harness', `kept ${sandbox.dirs.base}`);
    return;
  }
  rmSync(sandbox.dirs.base, { recursive: true, force: true });
  liveSandboxes.delete(sandbox.dirs.base);
}

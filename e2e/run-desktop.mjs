// Runs the same extension-host suite in a desktop VS Code through @vscode/test-electron,
// when one is available: set VSCODE_EXECUTABLE_PATH to its executable (runTests then skips
// the download, which cannot work offline). Without it this prints a skip and exits 0.
// Prints `desktop: N passed, N failed`.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT_DIR, WORK_DIR, deadline, log, makeSandbox, removeSandbox } from './lib/harness.mjs';

const NAME = 'desktop';
const executable = process.env.VSCODE_EXECUTABLE_PATH;
if (!executable) {
  log(NAME, 'VSCODE_EXECUTABLE_PATH is not set: skipping the desktop VS Code run');
  process.exit(0);
}

const { runTests } = await import('@vscode/test-electron');
const sandbox = makeSandbox('desktop');
const resultsFile = join(sandbox.dirs.base, 'results.json');
const testLog = join(WORK_DIR, 'desktop-tests.log');
rmSync(testLog, { force: true });
let result = { passed: 0, failed: 1 };
try {
  const bound = deadline(5 * 60_000, 'desktop VS Code run');
  const run = runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT_DIR,
    extensionTestsPath: join(WORK_DIR, 'suite', 'index.js'),
    // runTests passes this env to the VS Code it starts: keep its HOME and XDG folders temporary.
    extensionTestsEnv: {
      ...Object.fromEntries(Object.entries(sandbox.env).filter(([k]) => k === 'HOME' || k.startsWith('XDG_'))),
      KAP_E2E_RESULTS: resultsFile,
      KAP_E2E_LOG: testLog,
    },
    launchArgs: [
      sandbox.dirs.workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      sandbox.dirs.userData,
      '--extensions-dir',
      sandbox.dirs.extensions,
    ],
  });
  // test-electron has no timeout of its own, and a wedged window must not hang CI.
  const code = await Promise.race([run, bound.promise]).catch((err) => {
    log(NAME, `VS Code failed: ${err.message || err}`);
    return 1;
  });
  bound.cancel();
  // Anything runTests started and left behind (after a timeout) is ended by its pid.
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' }).stdout;
  for (const pid of children.split(/\s+/).filter(Boolean).map(Number)) {
    if (pid !== process.pid)
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
  }
  if (existsSync(resultsFile)) result = JSON.parse(readFileSync(resultsFile, 'utf8'));
  if (code !== 0 && result.failed === 0) result.failed = 1;
} finally {
  removeSandbox(sandbox);
}
console.log(`${NAME}: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);

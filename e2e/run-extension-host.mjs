// Runs the mocha suite inside a real VS Code extension host: the VS Code server that
// code-server bundles, started with --enable-smoke-test-driver, and a headless chromium
// workbench that loads the extension from the working tree (extensionDevelopmentPath) and
// the suite (extensionTestsPath). VS Code calls window.codeAutomationExit(code) when run()
// settles. Prints `extension-host: N passed, N failed`; exits 1 on any failure.
// With --web-worker, the same suite (built for the browser, .work/web-suite/) runs in the
// web-worker extension host, the host of VS Code for the Web: the user setting
// remote.extensionKind makes VS Code run the extension's `browser` entry there. Prints
// `web-worker: N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CODE_SERVER_DIR,
  ROOT_DIR,
  commitWorkspace,
  WORK_DIR,
  deadline,
  freePort,
  launchChromium,
  log,
  makeSandbox,
  removeSandbox,
  startProcess,
  stopProcess,
  waitForHttp,
} from './lib/harness.mjs';

const WEB_WORKER = process.argv.includes('--web-worker');
const NAME = WEB_WORKER ? 'web-worker' : 'extension-host';
const RESULT_MARKER = 'KAP-E2E-RESULT';
const EXTENSION_ID = 'kube-audit-policy.kube-audit-policy';
// The suite's own lines, as its reporters print them (the workbench may prefix what it forwards).
const TEST_LINE = / {2}(ok {3}|FAIL |skip )/;
// The working tree by default; another folder only to try the harness on a stand-in extension.
const EXTENSION_DIR = process.env.KAP_E2E_EXTENSION_DIR || ROOT_DIR;
const TOTAL_MS = Number(process.env.KAP_E2E_HOST_TIMEOUT_MS || 5 * 60_000);

async function main() {
  const suiteIndex = process.env.KAP_E2E_TESTS_PATH || join(WORK_DIR, WEB_WORKER ? 'web-suite' : 'suite', 'index.js');
  if (!existsSync(suiteIndex)) throw new Error(`${suiteIndex} is missing: run \`node e2e/build.mjs\``);
  if (EXTENSION_DIR === ROOT_DIR && !existsSync(join(ROOT_DIR, 'dist', 'extension.js')))
    log(NAME, 'warning: dist/extension.js is missing (run `npm run build`); the tests will fail');

  mkdirSync(WORK_DIR, { recursive: true });
  // Git on, and the fixtures committed: "Compare with HEAD" reads the committed version (and in
  // the web worker, where the Git extension cannot be reached, must say so).
  const sandbox = makeSandbox(WEB_WORKER ? 'web' : 'host', {
    'git.enabled': true,
    ...(WEB_WORKER ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } : {}),
  });
  const { dirs } = sandbox;
  // A caller (run-desktop.mjs through lib/vscode-shim.mjs) may choose where results go.
  const resultsFile = process.env.KAP_E2E_RESULTS || join(dirs.base, 'results.json');
  const logFile = join(WORK_DIR, `${NAME}-server.log`);
  // The Node host's suite writes its lines here too; the web worker has no file system.
  const testLog = process.env.KAP_E2E_LOG || join(WORK_DIR, `${NAME}-tests.log`);
  rmSync(testLog, { force: true });
  const env = { ...sandbox.env, KAP_E2E_RESULTS: resultsFile, KAP_E2E_LOG: testLog };
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;

  let server;
  let browser;
  const overall = deadline(TOTAL_MS, 'the whole extension-host run');
  try {
    commitWorkspace(sandbox);
    server = startProcess(
      process.execPath,
      [
        join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js'),
        '--host',
        '127.0.0.1',
        '--port',
        String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--enable-smoke-test-driver',
        '--telemetry-level',
        'off',
        '--disable-workspace-trust',
        '--user-data-dir',
        dirs.userData,
        '--server-data-dir',
        dirs.serverData,
        '--extensions-dir',
        dirs.extensions,
      ],
      { env, cwd: dirs.base, logFile },
    );
    log(NAME, `VS Code server on ${authority} (log: ${logFile})`);
    await Promise.race([waitForHttp(`http://${authority}/version`, { child: server }), overall.promise]);

    browser = await launchChromium(sandbox.env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });

    let resolveExit;
    const exited = new Promise((r) => (resolveExit = r));
    let result;
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
    page.on('console', (msg) => {
      const text = msg.text();
      const line = WEB_WORKER ? text.search(TEST_LINE) : -1;
      if (line >= 0) console.log(text.slice(line));
      const at = text.indexOf(RESULT_MARKER);
      if (at >= 0) {
        try {
          result = JSON.parse(
            text
              .slice(at + RESULT_MARKER.length)
              .trim()
              .replace(/^[^{]*/, '')
              .replace(/[^}]*$/, ''),
          );
        } catch {
          /* fall back to the results file */
        }
      }
      // Errors from the extension host (e.g. an activation failure) help explain a red run;
      // the suite's own lines are printed from its log file below, without console styling.
      // Not echoed, being expected and harmless: 404s for optional workbench resources, and the
      // extension gallery lookup that cannot resolve its host offline.
      if (
        msg.type() === 'error' &&
        !text.includes(RESULT_MARKER) &&
        !/Failed to load resource|bad HTTP response code|ENOTFOUND/.test(text)
      ) {
        log(
          NAME,
          `console error: ${text
            .replace(/%c|color: #[0-9a-f]+/g, '')
            .trim()
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
      }
    });
    page.on('pageerror', (err) => log(NAME, `page error: ${err.message}`));

    const payload = JSON.stringify([
      ['extensionDevelopmentPath', `vscode-remote://${authority}${EXTENSION_DIR}`],
      ['extensionTestsPath', `vscode-remote://${authority}${suiteIndex}`],
    ]);
    const url = `http://${authority}/?folder=${encodeURIComponent(dirs.workspace)}&payload=${encodeURIComponent(payload)}`;
    const started = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    const code = await Promise.race([exited, overall.promise]);
    if (existsSync(testLog)) process.stdout.write(readFileSync(testLog, 'utf8'));
    log(NAME, `VS Code exited with ${code} after ${Math.round((Date.now() - started) / 1000)} s`);

    if (!result && existsSync(resultsFile)) result = JSON.parse(readFileSync(resultsFile, 'utf8'));
    if (!result) {
      // run() never reported: the suite failed to load or the extension host did not start.
      result = { passed: 0, failed: 1 };
      log(NAME, `no test results; see ${logFile}`);
    } else if (code !== 0 && result.failed === 0) {
      result.failed = 1; // run() rejected without a failing test: count it, never report green.
    }
    return result;
  } finally {
    overall.cancel();
    if (browser) await browser.close().catch(() => {});
    await stopProcess(server);
    removeSandbox(sandbox);
  }
}

let result;
try {
  result = await main();
} catch (err) {
  log(NAME, `error: ${err.stack || err.message}`);
  result = { passed: 0, failed: 1 };
}
console.log(`${NAME}: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed > 0 ? 1 : 0);

// UI test of the packaged extension, as a user meets it: the .vsix is installed into a
// fresh code-server, and headless chromium drives the real workbench with the keyboard and
// mouse. Each step is one check; screenshots of every step go to e2e/.work/screenshots/.
// Usage: node e2e/run-ui.mjs [--web-worker] [path/to/extension.vsix]
// Prints `ui: N passed, N failed`; exits 1 on any failure.
// With --web-worker, the user setting remote.extensionKind makes code-server run the extension's
// `browser` entry in its web-worker extension host, as VS Code for the Web does: the seed
// policy's two warnings, then "Show Running Extensions" must list the extension as a web worker.
// Prints `ui-web-worker: N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CODE_SERVER_DIR,
  ROOT_DIR,
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
const NAME = WEB_WORKER ? 'ui-web-worker' : 'ui';
const EXTENSION_ID = 'kube-audit-policy.kube-audit-policy';
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
// A step waits on the language server and the workbench, which answer in well under a second
// when they work; the bound only decides how long a broken step takes to be reported.
const STEP_MS = Number(process.env.KAP_E2E_STEP_TIMEOUT_MS || 30_000);
// Loading the workbench is slow (~20 s on 2 cores), so the first step gets longer.
const FIRST_STEP_MS = 3 * STEP_MS;
const TOTAL_MS = Number(process.env.KAP_E2E_UI_TIMEOUT_MS || 6 * 60_000);
const SHOTS = join(WORK_DIR, WEB_WORKER ? 'screenshots-web-worker' : 'screenshots');
const ENTRY = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

function findVsix() {
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (arg) return resolve(arg);
  const found = readdirSync(ROOT_DIR)
    .filter((f) => f.endsWith('.vsix'))
    .sort();
  if (!found.length) throw new Error('no .vsix in the repository root: run `npm run package`');
  return join(ROOT_DIR, found[found.length - 1]);
}

/** Editor text as rendered, in line order (view lines are absolutely positioned, not ordered). */
async function editorText(page) {
  return page.evaluate(() => {
    const editor = document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!editor) return '';
    return [...editor.querySelectorAll('.view-line')]
      .map((el) => ({ top: parseFloat(el.style.top) || 0, text: el.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text)
      .join('\n');
  });
}

async function goToLine(page, line) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // Set as a value: digits typed before the input has focus would land in the policy.
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Center of the first rendered token whose text is exactly `text` (e.g. the key `level`). */
async function tokenCenter(page, text) {
  const box = await page.evaluate((wanted) => {
    for (const span of document.querySelectorAll('.editor-instance .view-line span span')) {
      if (span.textContent.trim() === wanted) {
        const r = span.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }
    }
    return null;
  }, text);
  if (!box) throw new Error(`token ${JSON.stringify(text)} is not on screen`);
  return box;
}

/** Picks a row of a quick input that `key` opens (F1: commands, Ctrl+P: files): the filter is set
 *  as a value rather than typed key by key, the row is clicked, and the whole attempt is made again
 *  when the row does not show, so keys that reach the workbench before the input has focus cannot
 *  fail the step; when no attempt works, the error says what the input showed. */
async function pickFromQuickInput(page, key, filter, rowText) {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    await input.waitFor({ state: 'visible' });
    await input.fill(filter);
    try {
      await row.waitFor({ state: 'visible', timeout: 8_000 });
      await row.click();
      return;
    } catch (error) {
      if (attempt === 3) {
        const value = await input.inputValue().catch(() => '(no input)');
        const rows = await page
          .locator('.quick-input-list .monaco-list-row')
          .allInnerTexts()
          .catch(() => []);
        throw new Error(
          `${key} shows no row ${JSON.stringify(String(rowText))} for ${JSON.stringify(value)}; ` +
            `its rows: ${JSON.stringify(rows.slice(0, 8))} (${String(error.message).split('\n')[0]})`,
          { cause: error },
        );
      }
      await page.keyboard.press('Escape');
    }
  }
}

/** Runs a command from the Command Palette by its title. */
async function runFromPalette(page, title, rowText = title) {
  await pickFromQuickInput(page, 'F1', `>${title}`, rowText);
}

/** Opens a workspace file with Quick Open, and waits for its tab. */
async function quickOpen(page, name) {
  await pickFromQuickInput(page, 'Control+P', name, name);
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
}

/** The frame (a webview's inner document) whose body shows `text`, once one does. */
async function frameWithText(page, text) {
  const until = Date.now() + STEP_MS;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      const body = await frame
        .locator('body')
        .innerText({ timeout: 500 })
        .catch(() => '');
      if (body.includes(text)) return frame;
    }
    // Webview frames load on their own schedule and announce nothing the page can wait on.
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no frame shows ${JSON.stringify(text)}`);
}

async function main() {
  const vsix = findVsix();
  mkdirSync(SHOTS, { recursive: true });
  for (const f of readdirSync(SHOTS)) rmSync(join(SHOTS, f));
  const sandbox = makeSandbox(
    NAME,
    WEB_WORKER
      ? { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } }
      : { 'kubeAuditPolicy.auditLogs': ['logs/*.log'] }, // what "Replay an audit log" offers
  );
  const { dirs, env } = sandbox;
  const results = [];
  let server;
  let browser;
  let pageForDebug;
  const overall = deadline(TOTAL_MS, 'the whole UI run');

  async function step(name, fn, ms = STEP_MS) {
    const started = Date.now();
    const bound = deadline(ms, name);
    try {
      await Promise.race([fn(), bound.promise, overall.promise]);
      results.push({ name, ok: true });
      console.log(`  ok   ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (err) {
      results.push({ name, ok: false });
      console.log(`  FAIL ${name}: ${String(err.message).split('\n')[0]}`);
      // What the screen and the DOM looked like, for whoever debugs the failure.
      const n = String(results.length).padStart(2, '0');
      await pageForDebug?.screenshot({ path: join(SHOTS, `failed-${n}.png`) }).catch(() => {});
      const html = await pageForDebug?.content().catch(() => '');
      if (html) writeFileSync(join(SHOTS, `failed-${n}.html`), html);
      return false;
    } finally {
      bound.cancel();
    }
  }

  try {
    // --- install the packaged extension, as a user would ---------------------------------
    const configFile = join(dirs.base, 'code-server.yaml');
    writeFileSync(configFile, 'auth: none\ncert: false\n');
    const common = ['--config', configFile, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
    const install = spawnSync(process.execPath, [ENTRY, ...common, '--install-extension', vsix, '--force'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const installed = install.status === 0 && /kube-audit-policy/.test(readdirSync(dirs.extensions).join(' '));
    results.push({ name: 'the .vsix installs into code-server', ok: installed });
    console.log(
      `  ${installed ? 'ok  ' : 'FAIL'} the .vsix installs into code-server (${vsix.replace(ROOT_DIR + '/', '')})`,
    );
    if (!installed) throw new Error(`install failed:\n${install.stdout}\n${install.stderr}`);

    // --- start code-server and the browser ------------------------------------------------
    const port = await freePort();
    const logFile = join(WORK_DIR, `${NAME}-code-server.log`);
    rmSync(logFile, { force: true });
    server = startProcess(
      process.execPath,
      [
        ENTRY,
        ...common,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
      ],
      { env, cwd: dirs.base, logFile },
    );
    log(NAME, `code-server on 127.0.0.1:${port} (log: ${logFile})`);
    await Promise.race([waitForHttp(`http://127.0.0.1:${port}/healthz`, { child: server }), overall.promise]);

    browser = await launchChromium(env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(STEP_MS);
    pageForDebug = page;
    const shot = async (file) => {
      // Let fade-ins (hover, suggest widget) finish so the picture shows what the user sees.
      await page
        .evaluate(() =>
          Promise.race([
            Promise.all(
              document
                .getAnimations()
                .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
                .map((a) => a.finished.catch(() => {})),
            ),
            new Promise((r) => setTimeout(r, 2_000)),
          ]),
        )
        .catch(() => {});
      await page.screenshot({ path: join(SHOTS, file) });
    };

    const opened = await step(
      'the workbench opens seed-policy.yaml with Quick Open',
      async () => {
        await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`, {
          waitUntil: 'domcontentloaded',
          timeout: FIRST_STEP_MS,
        });
        await page
          .locator('.monaco-workbench .explorer-folders-view')
          .waitFor({ state: 'visible', timeout: FIRST_STEP_MS });
        await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'seed-policy.yaml' }).waitFor();
        await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } });
        await quickOpen(page, 'seed-policy.yaml');
        await page
          .locator('.editor-instance .view-line', { hasText: 'apiVersion' })
          .waitFor({ timeout: FIRST_STEP_MS });
      },
      FIRST_STEP_MS,
    );
    if (!opened) throw new Error('the file did not open; the remaining steps cannot run');

    await step('two warning squiggles and no error squiggle', async () => {
      const squiggles = page.locator('.editor-instance .squiggly-warning');
      await page.waitForFunction(
        () => document.querySelectorAll('.editor-instance .squiggly-warning').length === 2,
        null,
        { timeout: STEP_MS },
      );
      const errors = await page.locator('.editor-instance .squiggly-error').count();
      await shot('01-squiggles.png');
      if ((await squiggles.count()) !== 2 || errors !== 0)
        throw new Error(`${await squiggles.count()} warnings, ${errors} errors`);
    });

    await step('the Problems panel lists both warnings', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ state: 'visible' });
      // Level-2 rows are the problems under the file's row.
      await page.waitForFunction(
        () => document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="2"]').length >= 2,
        null,
        { timeout: STEP_MS },
      );
      const text = await page.locator('.markers-panel').innerText();
      await shot('02-problems.png');
      for (const code of ['unknown-field', 'surrounding-whitespace']) {
        if (!text.includes(code)) throw new Error(`Problems panel does not mention ${code}: ${JSON.stringify(text)}`);
      }
      if (!text.includes('kube-audit-policy')) throw new Error('Problems panel does not name the source');
      // Back to the editor, so the following keys go there.
      await page.keyboard.press('Control+1');
    });

    if (WEB_WORKER) {
      await step(
        'Show Running Extensions lists the extension as a web worker',
        async () => {
          await runFromPalette(page, 'Developer: Show Running Extensions', 'Show Running Extensions');
          const editor = page.locator('.runtime-extensions-editor');
          await editor.waitFor({ state: 'visible' });
          const row = editor.locator('.monaco-list-row', { hasText: 'Kubernetes Audit Policy' }).first();
          try {
            await row.waitFor({ state: 'visible' });
          } catch (error) {
            const rows = await editor.locator('.monaco-list-row').allInnerTexts();
            throw new Error(
              `the running extensions are ${JSON.stringify(rows)} (${String(error.message).split('\n')[0]})`,
              { cause: error },
            );
          }
          const text = await row.innerText();
          await shot('03-running-extensions.png');
          if (!/web worker/i.test(text)) throw new Error(`the row says ${JSON.stringify(text)}`);
          // Up to three palette attempts, then the list: longer than one wait, so the step gets two.
        },
        2 * STEP_MS,
      );
      return results;
    }

    await step('hovering `level` shows its documentation', async () => {
      const { x, y } = await tokenCenter(page, 'level');
      await page.mouse.move(x - 40, y - 40);
      await page.mouse.move(x, y, { steps: 5 });
      const hover = page.locator('.monaco-hover:visible', { hasText: 'RequestResponse' });
      await hover.first().waitFor({ state: 'visible' });
      const text = await hover.first().innerText();
      await shot('03-hover.png');
      if (!/Level/.test(text)) throw new Error(`hover text: ${JSON.stringify(text)}`);
      for (const level of LEVELS) if (!text.includes(level)) throw new Error(`hover does not list ${level}`);
      await page.mouse.move(900, 450);
      await page.keyboard.press('Escape');
    });

    await step('completion after `level: ` offers the four levels', async () => {
      await page.locator('.editor-instance .view-lines').click();
      await goToLine(page, 11);
      await page.keyboard.press('End');
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await page.keyboard.press('Backspace');
      await page.locator('.editor-instance .view-line', { hasText: /^\s*level:\s*$/ }).waitFor();
      await page.keyboard.press('Control+Space');
      const rows = page.locator('.suggest-widget.visible .monaco-list-row');
      await rows.first().waitFor({ state: 'visible' });
      await page
        .waitForFunction(
          (n) => document.querySelectorAll('.suggest-widget.visible .monaco-list-row').length >= n,
          LEVELS.length,
          { timeout: 10_000 },
        )
        .catch(() => {});
      const labels = (await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts())
        .map((s) => s.trim())
        .sort();
      await shot('04-completion.png');
      await page.keyboard.press('Escape');
      // Put the value back so the quick-fix step starts from the committed seed.
      await page.keyboard.press('Control+Z');
      await page.locator('.editor-instance .view-line', { hasText: 'level: RequestResponse' }).waitFor();
      if (JSON.stringify(labels) !== JSON.stringify([...LEVELS].sort()))
        throw new Error(`offered: ${labels.join(', ') || '(nothing)'}`);
    });

    let menuShown = false;
    await step('Ctrl+. on `groups` offers the preferred rename to `group`', async () => {
      await goToLine(page, 8);
      await page.keyboard.press('End');
      await page.keyboard.press('Home'); // first non-blank: the `-`
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight'); // on `groups`
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      try {
        await menu.waitFor({ state: 'visible', timeout: 15_000 });
      } catch {
        // The light bulb is the same menu, reached with the mouse.
        await page.locator('.lightBulbWidget, .codicon-light-bulb, .codicon-lightbulb-autofix').first().click();
        await menu.waitFor({ state: 'visible', timeout: 15_000 });
      }
      menuShown = true;
      await page.locator('.action-widget .monaco-list-row', { hasText: /group/ }).first().waitFor();
      await shot('05-quickfix-menu.png');
    });

    await step('applying the quick fix renames the key (text read back)', async () => {
      if (!menuShown) throw new Error('no quick-fix menu to apply');
      // The menu opens with the preferred fix focused; Enter applies it, as a user would.
      const focused = page.locator('.action-widget .monaco-list-row.focused');
      const title = await focused.innerText();
      if (!/group/.test(title)) throw new Error(`focused fix is ${JSON.stringify(title)}, not the rename`);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.editor-instance .view-line')].some(
            (l) => l.textContent.replace(/\u00a0/g, ' ').trim() === '- group: ""',
          ),
        null,
        { timeout: STEP_MS },
      );
      await page.waitForFunction(
        () => document.querySelectorAll('.editor-instance .squiggly-warning').length === 1,
        null,
        { timeout: STEP_MS },
      );
      // The Problems panel redraws a moment after the squiggles; wait so the picture agrees.
      await page.waitForFunction(
        () => document.querySelectorAll('.markers-panel .monaco-list-row[aria-level="2"]').length === 1,
        null,
        { timeout: STEP_MS },
      );
      await page.mouse.move(900, 450);
      await shot('06-quickfix-applied.png');
      const text = await editorText(page);
      if (text.includes('groups') || !text.includes('    - group: ""')) throw new Error(`text after the fix:\n${text}`);
    });

    await step('Explain from the Command Palette asks for a request and reveals its rule', async () => {
      await page.keyboard.press('Escape');
      await quickOpen(page, 'explain-policy.yaml');
      await page.locator('.editor-instance .view-line', { hasText: 'level: RequestResponse' }).waitFor();
      await runFromPalette(page, 'Audit Policy: Explain', /Explain/);
      // The command's own input box replaces the palette: wait for its prompt, then answer.
      await page.waitForFunction(
        () => {
          const input = document.querySelector('.quick-input-widget input');
          return input && input.offsetParent !== null && !input.value.startsWith('>');
        },
        null,
        { timeout: 15_000 },
      );
      await page.keyboard.type('alice DELETE /api/v1/namespaces/prod-namespace/pods/webapp-pod');
      await shot('07-explain-input.png');
      await page.keyboard.press('Enter');
      // Rule #2 starts on line 8 of explain-policy.yaml: the cursor lands in it.
      await page.waitForFunction(
        () => {
          const m = /Ln (\d+),/.exec(document.querySelector('.statusbar')?.textContent ?? '');
          return m && Number(m[1]) >= 8 && Number(m[1]) <= 13;
        },
        null,
        { timeout: 15_000 },
      );
      await shot('08-explain-result.png');
    });

    let view;
    await step('the explain view shows the verdict and why each rule before it did not match', async () => {
      view = await frameWithText(page, 'Rule #2 decides');
      const text = await view.locator('body').innerText();
      for (const expected of ['level RequestResponse', 'does not match', 'user "alice" is not in users', 'matches']) {
        if (!text.includes(expected))
          throw new Error(`the view does not say ${JSON.stringify(expected)}: ${JSON.stringify(text)}`);
      }
      await shot('09-explain-view.png');
    });

    await step("clicking rule #1's link in the view selects that rule in the policy", async () => {
      if (!view) throw new Error('no explain view');
      await view.locator('a', { hasText: 'Rule #1' }).click();
      // Rule #1 is lines 6-7 of explain-policy.yaml: the cursor lands on its first line, the rule selected.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.editor-instance .active-line-number')].some(
            (n) => n.textContent.trim() === '6',
          ) && document.querySelectorAll('.editor-instance .selected-text').length > 0,
        null,
        { timeout: STEP_MS },
      );
      await shot('10-explain-rule-link.png');
    });

    await step(
      'the language status shows the policy and its Kubernetes version; Change version lists versions',
      async () => {
        await page.keyboard.press('Control+1'); // the policy's editor, whose language items the status bar shows
        await page.locator('.statusbar-item[id="status.languageStatus"]').click();
        const hover = page.locator('.monaco-hover:visible', { hasText: 'Audit policy · Kubernetes 1.36' });
        await hover.first().waitFor({ state: 'visible' });
        await shot('11-language-status.png');
        await hover.first().locator('a', { hasText: 'Change version' }).click();
        await page.locator('.quick-input-list .monaco-list-row', { hasText: '1.35' }).first().waitFor();
        await shot('12-select-version.png');
        await page.keyboard.press('Escape');
      },
    );

    // Replay: logs/audit.log against replay-policy.yaml. By checker.go's first match, rule #3
    // (pods) takes lines 3 and 4 of the log: 465 + 456 = 921 bytes of 2,174, 42.4%; rule #4
    // (namespaces only) matches nothing. Line 3's user agent is `<script>alert(1)</script>`.
    let report;
    await step('Replay an audit log from the Command Palette offers the configured log; the report opens', async () => {
      await page.keyboard.press('Escape');
      await quickOpen(page, 'replay-policy.yaml');
      await runFromPalette(page, 'Replay an audit log');
      // The command's own QuickPick: the log the setting names, then "Choose a file…".
      const offered = page.locator('.quick-input-list .monaco-list-row', { hasText: 'logs/audit.log' });
      await offered.first().waitFor();
      await shot('13-replay-pick.png');
      await page.keyboard.press('Enter');
      report = await frameWithText(page, '#3 (line 14)');
      await shot('14-replay-report.png');
    });

    await step('a CodeLens above each rule: "2 events, 921 B, 42.4%" above rule #3, none matched #4', async () => {
      await page.waitForFunction(
        () => {
          const lenses = [...document.querySelectorAll('.editor-instance .codelens-decoration')].map((l) =>
            l.textContent.replace(/\u00a0/g, ' '),
          );
          return lenses.includes('2 events, 921 B, 42.4%') && lenses.includes('no event matched');
        },
        null,
        { timeout: STEP_MS },
      );
      await shot('15-replay-codelens.png');
    });

    await step('the report shows a user agent of <script> as text, and runs no script', async () => {
      if (!report) throw new Error('no report view');
      const text = await report.locator('body').innerText();
      if (!text.includes('<script>alert(1)</script>'))
        throw new Error(`the report does not show the user agent as text: ${JSON.stringify(text.slice(0, 2000))}`);
      const scripts = await report.locator('script').count();
      if (scripts !== 0) throw new Error(`the report's document holds ${scripts} script elements`);
    });

    await step("clicking rule #3's link in the report puts the cursor on that rule in the policy", async () => {
      if (!report) throw new Error('no report view');
      await report.locator('a', { hasText: '#3 (line 14)' }).first().click();
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.editor-instance .active-line-number')].some(
            (n) => n.textContent.trim() === '14',
          ),
        null,
        { timeout: STEP_MS },
      );
      await shot('16-replay-rule-link.png');
    });
  } catch (err) {
    log(NAME, `error: ${err.stack || err.message}`);
    if (!results.some((r) => !r.ok)) results.push({ name: 'setup', ok: false });
  } finally {
    overall.cancel();
    if (browser) await browser.close().catch(() => {});
    await stopProcess(server);
    removeSandbox(sandbox);
  }
  log(NAME, `screenshots in ${SHOTS}`);
  return results;
}

let results;
try {
  results = await main();
} catch (err) {
  log(NAME, `error: ${err.stack || err.message}`);
  results = [{ name: 'setup', ok: false }];
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${NAME}: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

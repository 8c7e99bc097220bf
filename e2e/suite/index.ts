// Entry point that VS Code loads through --extensionTestsPath (the @vscode/test-electron
// contract): run() executes inside the extension host, and a rejected promise makes VS Code
// exit with code 1. Works the same under desktop VS Code and under the VS Code server that
// code-server bundles.
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

// The launchers read these lines from the browser console (code-server) or stdout (desktop).
// The extension host forwards console.log but not process.stdout, hence a reporter of our own.
export const RESULT_MARKER = 'KAP-E2E-RESULT';

function log(line: string): void {
  console.log(line);
  const file = process.env.KAP_E2E_LOG;
  if (file) appendFileSync(file, line + '\n');
}

class LineReporter {
  constructor(runner: Mocha.Runner) {
    let passed = 0;
    let failed = 0;
    runner.on('pass', (test: Mocha.Test) => {
      passed++;
      log(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: Mocha.Test | Mocha.Hook, err: Error) => {
      failed++;
      log(
        `  FAIL ${test.fullTitle()}: ${String(err && err.message)
          .split('\n')
          .join('\n       ')}`,
      );
    });
    runner.on('pending', (test: Mocha.Test) => log(`  skip ${test.fullTitle()}`));
    runner.once('end', () => {
      const result = { passed, failed };
      const file = process.env.KAP_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(result));
      log(`${RESULT_MARKER} ${JSON.stringify(result)}`);
    });
  }
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    // Per test; each wait inside has its own, shorter bound with a useful message.
    timeout: 60_000,
    color: false,
    reporter: LineReporter as unknown as typeof Mocha.reporters.Base,
  });
  const grep = process.env.KAP_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) =>
        failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
      );
    } catch (err) {
      reject(err);
    }
  });
}

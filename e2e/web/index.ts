// The extension-host suite's entry point in the web-worker extension host (the host of VS Code
// for the Web): the same suite/*.test.ts as index.ts runs on Node, with mocha's browser build
// and a reporter that only logs (no file system here). run-extension-host.mjs --web-worker reads
// the lines from the browser console; VS Code reports run()'s outcome through codeAutomationExit.
import mocha from 'mocha/mocha.js';

export const RESULT_MARKER = 'KAP-E2E-RESULT';

// The test modules' names (`hover` for suite/hover.test.ts), listed by build.mjs; esbuild bundles
// every suite/*.test.ts for the require below.
declare const KAP_E2E_TESTS: string[];
declare function require(id: string): unknown;

class ConsoleReporter {
  constructor(runner: Mocha.Runner) {
    let passed = 0;
    let failed = 0;
    runner.on('pass', (test: Mocha.Test) => {
      passed++;
      console.log(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`);
    });
    runner.on('fail', (test: Mocha.Test | Mocha.Hook, err: Error) => {
      failed++;
      console.log(
        `  FAIL ${test.fullTitle()}: ${String(err && err.message)
          .split('\n')
          .join('\n       ')}`,
      );
    });
    runner.on('pending', (test: Mocha.Test) => console.log(`  skip ${test.fullTitle()}`));
    runner.once('end', () => console.log(`${RESULT_MARKER} ${JSON.stringify({ passed, failed })}`));
  }
}

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      // Per test, as on Node; each wait inside has its own, shorter bound.
      mocha.setup({
        ui: 'tdd',
        timeout: 60_000,
        color: false,
        reporter: ConsoleReporter as unknown as Mocha.ReporterConstructor,
      });
      // After setup, which defines suite() and test(): the modules call them as they load.
      for (const name of KAP_E2E_TESTS) require(`../suite/${name}.test.ts`);
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} web-worker test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}

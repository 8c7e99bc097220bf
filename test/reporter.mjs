// A node:test reporter that prints one `SUITE: N passed, N failed, N skipped` line per suite (the
// folder under out/test/ a test file is in) and a total line, for people and for CI, which reads
// `N passed, N failed` lines. The npm test scripts run it beside the spec reporter:
//   node --test --test-reporter=spec --test-reporter-destination=stdout \
//        --test-reporter=./test/reporter.mjs --test-reporter-destination=stdout FILE...
// Reporters are async generators over the runner's events (node:test, "Custom reporters").

const SUITE_OF_FILE = /[\\/]out[\\/]test[\\/]([^\\/]+)[\\/]/;

export default async function* countBySuite(source) {
  /** @type {Map<string, { passed: number, failed: number, skipped: number }>} */
  const suites = new Map();
  const tally = (file) => {
    const name = SUITE_OF_FILE.exec(file ?? '')?.[1] ?? 'tests';
    if (!suites.has(name)) suites.set(name, { passed: 0, failed: 0, skipped: 0 });
    return suites.get(name);
  };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    const counts = tally(data.file);
    const isSuite = data.details?.type === 'suite';
    if (data.skip !== undefined || data.todo !== undefined) counts.skipped++;
    else if (event.type === 'test:pass') {
      if (!isSuite) counts.passed++;
    } else if (!isSuite || data.details?.error?.failureType !== 'subtestsFailed') {
      // A suite that fails for its own reason (a hook, a throw while collecting) counts once;
      // one that fails because a test in it failed was counted with that test.
      counts.failed++;
    }
  }
  const total = { passed: 0, failed: 0, skipped: 0 };
  const line = (c) => `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`;
  let out = '\n';
  for (const [name, counts] of [...suites].sort(([a], [b]) => a.localeCompare(b))) {
    out += `${name}: ${line(counts)}\n`;
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  yield `${out}${line(total)}\n`;
}

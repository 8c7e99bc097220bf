// The seed and budgets of the differential suite. Fixed by default, so a run is reproducible and
// fits CI; environment variables search further:
//
//   FUZZ_SEED=7 DIFF_MUTATIONS=100000 DIFF_REQUESTS=400000 DIFF_BUDGET_MS=1800000 npm run test:differential
//
// A run stops when it has compared the counts asked for, or when its time budget is spent. A run
// that compares fewer than the floors below fails: the figures the suite prints are the figures
// docs/FIDELITY.md promises.

function numberFrom(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number, got ${process.env[name]}`);
  return value;
}

export const SEED = numberFrom('FUZZ_SEED', 42);
/** Mutated policies whose load verdict is compared. */
export const MUTATIONS = numberFrom('DIFF_MUTATIONS', 6000);
/** Requests compared in each form (as attributes, and as METHOD + URL). */
export const REQUESTS = numberFrom('DIFF_REQUESTS', 15000);
/** Wall-clock budget of each of the suite's two comparisons (load verdicts, requests). */
export const BUDGET_MS = numberFrom('DIFF_BUDGET_MS', 100_000);

/** What a default run must reach (the targets); a smaller request asks for less. */
export const MUTATION_FLOOR = Math.min(MUTATIONS, 5000);
export const REQUEST_FLOOR = Math.min(2 * REQUESTS, 20_000);
/** Pairs of policies (OLD, NEW) whose semantic diff is compared (diff.test.ts). */
export const DIFF_PAIRS = numberFrom('DIFF_PAIRS', 150);
export const PAIR_FLOOR = Math.min(DIFF_PAIRS, 100);
/** Policy-test cases written from the oracle's answers and run (policyTests.test.ts). */
export const POLICY_TEST_CASES = numberFrom('DIFF_POLICY_TEST_CASES', 6000);

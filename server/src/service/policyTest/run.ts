// Runs the cases of a test file against a policy with the evaluator, and says for each failure
// what was expected, what the policy gives and which rule decided it.
import type { PolicyDocument } from '../document';
import { levelRank } from '../catalogue/values';
import { explain } from '../features/explain';
import type { Explanation } from '../features/explain';
import type { Expectations, TestCase } from './testFile';

export interface CaseResult {
  readonly case: TestCase;
  readonly passed: boolean;
  /** What the policy gives; undefined when the case could not be run (it has a problem). */
  readonly actual?: Explanation;
  /** One sentence per unmet expectation. */
  readonly failures: readonly string[];
}

export function runCase(policy: PolicyDocument, testCase: TestCase): CaseResult {
  if (!testCase.request)
    return { case: testCase, passed: false, failures: ['the case cannot be run (see the problem reported at it)'] };
  const actual = explain(policy, testCase.request);
  const failures = unmet(testCase.expect, actual);
  return { case: testCase, passed: failures.length === 0, actual, failures };
}

export function runCases(policy: PolicyDocument, cases: readonly TestCase[]): CaseResult[] {
  return cases.map((c) => runCase(policy, c));
}

/** "rule #3 (line 14)" or "no rule (level None)": who decided. */
export function decidedBy(actual: Explanation): string {
  return actual.rule === null ? 'no rule matches' : `rule #${actual.rule + 1} (line ${actual.line}) decides`;
}

const stageList = (stages: readonly string[]): string => (stages.length > 0 ? `[${stages.join(', ')}]` : '[] (none)');

function unmet(expect: Expectations, actual: Explanation): string[] {
  const out: string[] = [];
  const gives = `the policy gives ${actual.level}`;
  if (expect.level !== undefined && actual.level !== expect.level) out.push(`expected level ${expect.level}, ${gives}`);
  if (expect.minLevel !== undefined && levelRank(actual.level) < levelRank(expect.minLevel))
    out.push(`expected at least ${expect.minLevel}, ${gives}`);
  if (expect.maxLevel !== undefined && levelRank(actual.level) > levelRank(expect.maxLevel))
    out.push(`expected at most ${expect.maxLevel}, ${gives}`);
  if (expect.omitStages !== undefined) {
    const want = [...new Set(expect.omitStages)].sort().join();
    if ([...actual.omitStages].sort().join() !== want)
      out.push(`expected omitStages ${stageList(expect.omitStages)}, the policy omits ${stageList(actual.omitStages)}`);
  }
  const omitted = (expect.recordedStages ?? []).filter((s) => actual.omitStages.includes(s));
  if (expect.recordedStages && expect.recordedStages.length > 0 && actual.level === 'None')
    out.push(`expected ${expect.recordedStages.join(', ')} to be recorded, the policy records nothing (None)`);
  else if (omitted.length > 0)
    out.push(`expected ${omitted.join(', ')} to be recorded, the policy omits ${stageList(actual.omitStages)}`);
  if (expect.rule !== undefined && (actual.rule ?? null) !== expect.rule) {
    out.push(
      `expected ${expect.rule === null ? 'no rule to match' : `rule ${expect.rule} (#${expect.rule + 1}) to decide`}, ${actual.rule === null ? 'no rule matches' : `rule ${actual.rule} (#${actual.rule + 1}) decides`}`,
    );
  }
  return out;
}

/** The whole failure in one line: expectations, then who decided. */
export function failureMessage(result: CaseResult): string {
  if (!result.actual) return result.failures.join('; ');
  return `${result.failures.join('; ')}: ${decidedBy(result.actual)}`;
}

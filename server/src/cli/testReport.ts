// The results of `kube-audit-policy test` in words, in JSON, and as JUnit XML (which CI systems
// show as test results).
import { decidedBy, failureMessage } from '../service';
import type { CaseResult, SuiteResult } from '../service';
import type { LoadedTests } from './testFiles';

export interface FileOutcome {
  readonly tests: LoadedTests;
  /** Undefined when the file could not be run (its policy is unreadable). */
  readonly suite?: SuiteResult;
}

/** 1-based line of an offset in a text. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function caseLabel(o: FileOutcome, r: CaseResult): string {
  const where = o.tests.text ? ` (line ${lineOf(o.tests.text, r.case.span.start)})` : '';
  return `case ${r.case.index + 1}${where}${r.case.name ? ` "${r.case.name}"` : ''}: ${r.case.requestText}`;
}

export function countOutcomes(outcomes: readonly FileOutcome[]): { passed: number; failed: number; problems: number } {
  let passed = 0;
  let failed = 0;
  let problems = 0;
  for (const o of outcomes) {
    problems += o.tests.file.problems.length + (o.tests.policyError ? 1 : 0);
    passed += o.suite?.passed ?? 0;
    failed += o.suite?.failed ?? 0;
  }
  return { passed, failed, problems };
}

export function formatTestText(outcomes: readonly FileOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) {
    const policy = o.tests.policyName ? ` (policy ${o.tests.policyName})` : '';
    const counts = o.suite ? `${o.suite.passed} passed, ${o.suite.failed} failed` : 'not run';
    const bad = o.tests.file.problems.length > 0 || o.tests.policyError || (o.suite && o.suite.failed > 0);
    lines.push(`${bad ? 'FAIL' : 'PASS'} ${o.tests.name}${policy}: ${counts}`);
    for (const p of o.tests.file.problems) lines.push(`  error at line ${lineOf(o.tests.text, p.start)}: ${p.message}`);
    if (o.tests.policyError) lines.push(`  error: ${o.tests.policyError}`);
    if (o.suite?.refused) lines.push(`  error: ${o.suite.refused}`);
    for (const r of o.suite?.results ?? []) {
      if (r.passed && !o.suite?.refused) continue;
      if (!r.case.request) continue; // reported as a problem above
      lines.push(`  FAIL ${caseLabel(o, r)}`);
      lines.push(`    ${r.passed ? `${decidedBy(r.actual!)} (but the policy is refused)` : failureMessage(r)}`);
      if (r.case.source) lines.push(`    source: ${r.case.source}`);
    }
  }
  const { passed, failed, problems } = countOutcomes(outcomes);
  lines.push(
    `${outcomes.length} test file${outcomes.length === 1 ? '' : 's'}: ${passed} passed, ${failed} failed${problems > 0 ? `, ${problems} error${problems === 1 ? '' : 's'} in test files` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatTestJson(outcomes: readonly FileOutcome[]): string {
  const files = outcomes.map((o) => ({
    file: o.tests.name,
    policy: o.tests.policyName ?? null,
    passed: o.suite?.passed ?? 0,
    failed: o.suite?.failed ?? 0,
    errors: [
      ...o.tests.file.problems.map((p) => ({ line: lineOf(o.tests.text, p.start), message: p.message })),
      ...(o.tests.policyError ? [{ line: null, message: o.tests.policyError }] : []),
      ...(o.suite?.refused ? [{ line: null, message: o.suite.refused }] : []),
    ],
    cases: (o.suite?.results ?? []).map((r) => ({
      index: r.case.index,
      line: o.tests.text ? lineOf(o.tests.text, r.case.span.start) : null,
      ...(r.case.name ? { name: r.case.name } : {}),
      request: r.case.requestText,
      passed: r.passed && !o.suite?.refused,
      expected: r.case.expect,
      actual: r.actual
        ? { rule: r.actual.rule, line: r.actual.line, level: r.actual.level, omitStages: r.actual.omitStages }
        : null,
      failures: r.failures,
      ...(r.case.source ? { source: r.case.source } : {}),
    })),
  }));
  const { passed, failed, problems } = countOutcomes(outcomes);
  return `${JSON.stringify({ passed, failed, errors: problems, files })}\n`;
}

const xml = (text: string): string =>
  text
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 cannot hold most control characters at all, even escaped.
    // eslint-disable-next-line no-control-regex -- matching exactly those characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');

export function formatTestJunit(outcomes: readonly FileOutcome[]): string {
  const { passed, failed, problems } = countOutcomes(outcomes);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kube-audit-policy test" tests="${passed + failed + problems}" failures="${failed}" errors="${problems}">`,
  ];
  for (const o of outcomes) {
    const results = o.suite?.results ?? [];
    const errors = o.tests.file.problems.length + (o.tests.policyError ? 1 : 0);
    out.push(
      `  <testsuite name="${xml(o.tests.name)}" tests="${results.length + errors}" failures="${o.suite?.failed ?? 0}" errors="${errors}">`,
    );
    for (const p of o.tests.file.problems) {
      out.push(
        `    <testcase classname="${xml(o.tests.name)}" name="${xml(`line ${lineOf(o.tests.text, p.start)}`)}"><error message="${xml(p.message)}"/></testcase>`,
      );
    }
    if (o.tests.policyError)
      out.push(
        `    <testcase classname="${xml(o.tests.name)}" name="policy"><error message="${xml(o.tests.policyError)}"/></testcase>`,
      );
    for (const r of results) {
      if (!r.case.request) continue;
      const name = xml(caseLabel(o, r));
      const ok = r.passed && !o.suite?.refused;
      if (ok) {
        out.push(`    <testcase classname="${xml(o.tests.name)}" name="${name}"/>`);
        continue;
      }
      const message = o.suite?.refused ?? failureMessage(r);
      out.push(
        `    <testcase classname="${xml(o.tests.name)}" name="${name}"><failure message="${xml(message)}">${xml([message, ...(r.case.source ? [`source: ${r.case.source}`] : [])].join('\n'))}</failure></testcase>`,
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

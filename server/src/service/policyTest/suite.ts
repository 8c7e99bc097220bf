// One test file against one policy: every case, and whether kube-apiserver of the file's
// Kubernetes version would load the policy at all (if it refuses it, no expectation holds).
import { parseKubernetesVersion } from '../catalogue/versions';
import type { PolicyDocument } from '../document';
import { DEFAULT_SETTINGS } from '../settings';
import { validate } from '../validate/validate';
import { runCases } from './run';
import type { CaseResult } from './run';
import type { TestFile } from './testFile';

export interface SuiteResult {
  readonly results: readonly CaseResult[];
  /** Set when kube-apiserver of the file's version refuses the policy: then the file fails. */
  readonly refused?: string;
  readonly passed: number;
  readonly failed: number;
}

export function runSuite(
  file: TestFile,
  policy: PolicyDocument,
  defaultMinor = DEFAULT_SETTINGS.kubernetesMinor,
): SuiteResult {
  const minor =
    (file.kubernetesVersion !== undefined ? parseKubernetesVersion(file.kubernetesVersion) : undefined) ?? defaultMinor;
  const errors = validate(policy, { ...DEFAULT_SETTINGS, kubernetesMinor: minor }, { force: true }).filter(
    (d) => d.severity === 1,
  ).length;
  const refused =
    errors > 0
      ? `kube-apiserver 1.${minor} refuses this policy (${errors} error${errors === 1 ? '' : 's'}; run kube-audit-policy lint), so it records nothing`
      : undefined;
  const results = runCases(policy, file.cases);
  // Cases that cannot be run are the test file's problems, counted there.
  const runnable = results.filter((r) => r.case.request !== undefined);
  const passed = refused ? 0 : runnable.filter((r) => r.passed).length;
  return { results, ...(refused ? { refused } : {}), passed, failed: runnable.length - passed };
}

// One test file against one policy: every case, and whether kube-apiserver of the file's
// Kubernetes version would load the policy at all (if it refuses it, no expectation holds).
import { parseKubernetesVersion } from '../catalogue/versions';
import type { PolicyDocument } from '../document';
import { DEFAULT_SETTINGS } from '../settings';
import type { ServiceSettings } from '../settings';
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

/** The errors kube-apiserver would refuse the policy for. A policy read from a host (a template,
 *  a Terraform object) counts them as lint does, without findings on what the host fills in
 *  (embedded/features.ts refusalCount). */
export type RefusalCount = (settings: ServiceSettings) => number;

export function runSuite(
  file: TestFile,
  policy: PolicyDocument,
  defaultMinor = DEFAULT_SETTINGS.kubernetesMinor,
  refusals: RefusalCount = (settings) =>
    validate(policy, settings, { force: true }).filter((d) => d.severity === 1).length,
): SuiteResult {
  const minor =
    (file.kubernetesVersion !== undefined ? parseKubernetesVersion(file.kubernetesVersion) : undefined) ?? defaultMinor;
  const errors = refusals({ ...DEFAULT_SETTINGS, kubernetesMinor: minor });
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

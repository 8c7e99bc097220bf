// Shared shape of the engine's lint tables: a policy from rule lines, and the findings of one
// code as `{ text, path }` rows (what they underline and the kube-apiserver field path).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { diagnose, settings, yaml } from '../../helpers/fixture';

export interface LintCase {
  readonly name: string;
  /** Lines under `rules:` (or a whole document when `document` is set). */
  readonly rules?: readonly string[];
  readonly document?: string;
  readonly expected: ReadonlyArray<{ text: string; path: string }>;
  readonly minor?: number;
}

export const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages: ["RequestReceived"]'];

export function policy(...rules: string[]): string {
  return yaml(...HEAD, 'rules:', ...rules);
}

export function findingsOf(
  code: string,
  text: string,
  minor = 36,
): Array<{ text: string; path: string; message: string }> {
  return diagnose(text, { settings: settings({ kubernetesMinor: minor }) })
    .filter((d) => d.code === code)
    .map(({ text: t, path, message }) => ({ text: t, path, message }));
}

export function lintTable(code: string, cases: readonly LintCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const text = c.document ?? policy(...(c.rules ?? []));
      assert.deepEqual(
        findingsOf(code, text, c.minor).map(({ text: t, path }) => ({ text: t, path })),
        c.expected,
      );
    });
  }
}

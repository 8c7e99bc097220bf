// The shape of the basic checks' tables: each case is an inline policy and the findings expected,
// asserted by the text they underline and the kube-apiserver field path. Only the codes of the
// basic checks are compared; the engine's lints have their own tables (test/unit/engine).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { diagnose, settings, yaml } from '../../helpers/fixture';

export interface Case {
  readonly name: string;
  readonly input: string;
  readonly expected: ReadonlyArray<{ code: string; text: string; path: string }>;
  readonly minor?: number;
  readonly force?: boolean;
}

export const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy'];
/** A policy with the given lines under `rules:`. */
export const policy = (...ruleLines: string[]): string => yaml(...HEAD, 'rules:', ...ruleLines);

/** The checks of kube-apiserver's loader and validation (server/src/service/checks). */
const BASIC = new Set([
  'yaml-syntax',
  'wrong-type',
  'invalid-api-version',
  'invalid-kind',
  'no-rules',
  'missing-level',
  'invalid-level',
  'invalid-stage',
  'invalid-non-resource-url',
  'mixed-resources-and-urls',
  'invalid-group',
  'resource-names-without-resources',
  'unknown-field',
  'duplicate-key',
  'surrounding-whitespace',
  'ignored-document',
  'deprecated-api-version',
]);

export function checkTable(cases: readonly Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const actual = diagnose(c.input, { settings: settings({ kubernetesMinor: c.minor ?? 36 }), force: c.force })
        .filter((d) => BASIC.has(d.code))
        .map(({ code, text, path }) => ({ code, text, path }));
      assert.deepEqual(actual, c.expected);
    });
  }
}

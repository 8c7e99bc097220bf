// The disagreements docs/FIDELITY.md documents, each recognised by what it looks like. A
// disagreement is excused only when a recogniser claims it AND docs/FIDELITY.md still lists its
// id: deleting the entry from the document (once the project is fixed) makes the suite strict
// about it again, and a disagreement nothing recognises fails the suite.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readsAsJson } from '../../server/src/service/parse/goyaml/load';

export interface LoadDisagreement {
  /** `strict`: both load, and one side sees an unknown or duplicate field the other does not. */
  readonly kind: 'load' | 'strict' | 'yaml-error';
  /** Where the policy comes from: a corpus file, and the mutation applied to it. */
  readonly origin: string;
  readonly policy: string;
  /** The project's first error, or null when it says the policy loads. */
  readonly project: string | null;
  /** kube-apiserver's error, or null when it loads the policy. */
  readonly oracle: string | null;
}

export interface RequestDisagreement {
  readonly kind: 'request';
  readonly policy: string;
  readonly request: unknown;
  readonly project: unknown;
  readonly oracle: unknown;
}

/** The semantic diff (diff.test.ts) or a policy test (policyTests.test.ts) against the oracle. */
export interface DiffDisagreement {
  readonly kind: 'diff' | 'policy-test';
  readonly problem: string;
  readonly old?: string;
  readonly new?: string;
  readonly policy?: string;
  readonly request: unknown;
  /** What the project says: the classes holding the request, or the test run's result. */
  readonly classes?: readonly object[];
  readonly project?: unknown;
  readonly oracle: unknown;
}

export type Disagreement = LoadDisagreement | RequestDisagreement | DiffDisagreement;

interface KnownDifference {
  readonly id: string;
  readonly recognise: (d: Disagreement) => boolean;
}

const FIDELITY = resolve(__dirname, '../../../docs/FIDELITY.md');

/** The ids listed in docs/FIDELITY.md's tables of documented and open differences. */
export function listedIds(text = readFileSync(FIDELITY, 'utf8')): Set<string> {
  return new Set([...text.matchAll(/^\|\s*`((?:open|doc)-[a-z0-9-]+)`\s*\|/gm)].map((m) => m[1]));
}

/** go-yaml's own errors, as sigs.k8s.io/yaml wraps them in 1.20. */

const KNOWN: readonly KnownDifference[] = [
  {
    // A key set again beside a merge key (`<<: *base` then `level: None`) overrides the merged one:
    // that is what merge keys are for, and the policy loads the same on every release. Only the strict
    // decoder that 1.26+ runs first (then logs as a warning) calls it "already set in map"; the project
    // does not warn about the override (checks/structure.ts: merged keys are not duplicates).
    id: 'doc-merge-override-strict',
    recognise: (d) =>
      d.kind === 'strict' && /(^|[\s{,])<<\s*:/m.test(d.policy) && /already set in map/.test(String(d.oracle)),
  },
  {
    // A JSON file's strict hint: 1.20's strict serializer ran YAMLToJSONStrict over any file, JSON
    // included (apimachinery serializer/json/json.go in 1.20), so go-yaml objects to what only YAML
    // forbids (a tab before the `{`). From 1.26, whose strict decoding is the one logged, a JSON
    // file is checked by kjson.UnmarshalStrict alone: unknown and duplicate fields, no YAML. The
    // verdict is the same; the project warns as 1.26+ does.
    id: 'doc-json-strict-through-yaml',
    recognise: (d) =>
      d.kind === 'strict' &&
      d.project === null &&
      readsAsJson(d.policy) &&
      /^yaml: /.test(String(d.oracle)) &&
      !/already set in map/.test(String(d.oracle)),
  },
];

/** The ids the suite knows how to recognise. */
export const KNOWN_IDS: readonly string[] = KNOWN.map((k) => k.id);

export class Differences {
  private readonly active: readonly KnownDifference[];

  constructor(ids = listedIds()) {
    this.active = KNOWN.filter((k) => ids.has(k.id));
  }

  /** The id of the documented difference that explains `d`, if any. */
  explain(d: Disagreement): string | undefined {
    return this.active.find((k) => k.recognise(d))?.id;
  }
}

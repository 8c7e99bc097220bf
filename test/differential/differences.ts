// The disagreements docs/FIDELITY.md documents, each recognised by what it looks like. A
// disagreement is excused only when a recogniser claims it AND docs/FIDELITY.md still lists its
// id: deleting the entry from the document (once the project is fixed) makes the suite strict
// about it again, and a disagreement nothing recognises fails the suite.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface LoadDisagreement {
  /** `strict`: both load, and one side sees an unknown or duplicate field the other does not. */
  readonly kind: 'load' | 'strict';
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

export type Disagreement = LoadDisagreement | RequestDisagreement;

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
const GO_YAML_ERROR = /^(failed decoding: |error converting YAML to JSON: )yaml: /;
const codeOf = (project: string | null): string | undefined => project?.split(':', 1)[0];
const loadCase = (d: Disagreement): LoadDisagreement | undefined => (d.kind === 'load' ? d : undefined);

const KNOWN: readonly KnownDifference[] = [
  {
    // Issue #10 class 1: a null list item or value is the Go zero value ("").
    id: 'open-null-zero-value',
    recognise: (d) => {
      const c = loadCase(d);
      return c?.oracle?.includes('Invalid value: ""') ?? false;
    },
  },
  {
    // Issue #10 classes 2 and 3: go-yaml reads one root node and stops; libyaml is more lenient
    // than the `yaml` package in places (under-indented continuations, lone carriage returns) and
    // stricter in others (tabs, unknown or empty aliases, `%` and `@` where a token starts).
    id: 'open-go-yaml-syntax',
    recognise: (d) => {
      const c = loadCase(d);
      if (!c) return false;
      if (c.oracle === null) return codeOf(c.project) === 'yaml-syntax' || /\r(?!\n)/.test(c.policy);
      return c.project === null && GO_YAML_ERROR.test(c.oracle);
    },
  },
  {
    // Issue #10 class 4: YAML 1.1 merge keys (`<<: *base`) are honoured by go-yaml v2.
    id: 'open-merge-keys',
    recognise: (d) => /(^|[\s{,])<<\s*:/m.test(d.policy),
  },
  {
    // Found by this suite: go-yaml decodes a `!!binary` scalar from base64 (`!!binary aGk=` is the
    // string "hi"); the project reads the base64 text itself.
    id: 'open-binary-tag',
    recognise: (d) => d.policy.includes('!!binary'),
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

// The incremental analysis after an edit must equal a full pass over the new rules: random
// policies built from overlapping rules (so that many rules cover others), random edits.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { analysePolicy, decodeRule, createPolicyDocument } from '../../../server/src/service';
import type { PolicyAnalysis } from '../../../server/src/service';

const SEED = Number(process.env.FUZZ_SEED ?? 42);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

// Small alphabets make coverage frequent: catch-alls, duplicates, pods/* above pods, secrets at Request.
const RULES = [
  '- level: None',
  '- level: Metadata',
  '- level: Request',
  '- level: RequestResponse\n  verbs: [create]',
  '- level: Metadata\n  users: [alice]',
  '- level: None\n  users: [alice, bob]',
  '- level: None\n  userGroups: [system:nodes]',
  '- level: Metadata\n  verbs: [get, list]',
  '- level: None\n  verbs: [get]',
  '- level: Request\n  resources: [{group: ""}]',
  '- level: RequestResponse\n  resources: [{group: "", resources: [secrets]}]',
  '- level: Metadata\n  resources: [{group: "", resources: [secrets, configmaps]}]',
  '- level: None\n  resources: [{group: "", resources: ["pods/*"]}]',
  '- level: None\n  resources: [{group: "", resources: [pods]}]',
  '- level: Request\n  resources: [{group: "", resources: [pods/log]}]',
  '- level: Metadata\n  resources: [{group: "*"}]',
  '- level: RequestResponse\n  resources: [{group: apps, resources: ["*/scale"]}]',
  '- level: None\n  namespaces: [kube-system]',
  '- level: Request\n  namespaces: [kube-system]\n  resources: [{group: "", resources: [secrets]}]',
  '- level: None\n  nonResourceURLs: ["/healthz*"]',
  '- level: None\n  nonResourceURLs: ["/healthz"]',
  '- level: Metadata\n  nonResourceURLs: ["*"]',
  '- level: RequestResponse\n  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]',
  '- level: Request\n  users: 3', // undecodable
];

function compile(indices: readonly number[]): ReturnType<typeof decodeRule>[] {
  // Rules are parsed one by one and compiled per node, as in the service; equal texts share a node.
  const text = `apiVersion: audit.k8s.io/v1\nrules:\n${indices.map((i) => RULES[i]).join('\n')}\n`;
  return createPolicyDocument('file:///analysis.yaml', 1, text).parsed.rules.map((r) => decodeRule(r.node));
}

const policy = fc.array(fc.nat({ max: RULES.length - 1 }), { minLength: 0, maxLength: 25 });
const edit = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), rule: fc.nat({ max: RULES.length - 1 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), rule: fc.nat({ max: RULES.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

function apply(indices: number[], e: { kind: string; at: number; rule?: number }): number[] {
  const out = [...indices];
  const at = out.length === 0 ? 0 : e.at % (out.length + (e.kind === 'insert' ? 1 : 0));
  if (e.kind === 'insert') out.splice(at, 0, e.rule!);
  else if (out.length > 0 && e.kind === 'replace') out[at] = e.rule!;
  else if (out.length > 0) out.splice(at, 1);
  return out;
}

test('after any sequence of edits, the incremental analysis equals a full pass', () => {
  fc.assert(
    fc.property(policy, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
      // Compiled rules are per node; keep nodes of unchanged rules by compiling the same texts once.
      const cache = new Map<number, ReturnType<typeof decodeRule>>();
      const rulesOf = (indices: number[]) => {
        const fresh = compile(indices);
        // Unchanged rules keep their identity across versions, as the parser's rule cache gives them.
        return indices.map((i, k) => {
          if (!cache.has(i)) cache.set(i, fresh[k]);
          return cache.get(i)!;
        });
      };
      let indices = start;
      let analysis: PolicyAnalysis = analysePolicy(rulesOf(indices));
      for (const e of edits) {
        indices = apply(indices, e);
        const rules = rulesOf(indices);
        const incremental = analysePolicy(rules, analysis);
        assert.deepEqual(
          incremental.verdicts,
          analysePolicy(rules).verdicts,
          `${indices.join(',')} after ${JSON.stringify(e)}`,
        );
        analysis = incremental;
      }
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

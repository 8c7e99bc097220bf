// Pairs of policies (OLD, NEW) for the semantic diff's comparison: a corpus policy and a version of
// it a person could commit next. Mostly semantic edits of the rules (reordered, one removed or
// added, a selector value changed, added or dropped, a level or the omitted stages changed), one to
// three at a time; sometimes a mutation of the text (mutations.ts), which may change nothing, change
// the meaning, or break the file (such pairs are skipped by the caller when kube-apiserver refuses
// either side). Beside the corpus, small generated policies whose rules overlap (smallPolicies.ts),
// edited the same way.
import fc from 'fast-check';
import { parseAllDocuments, stringify } from 'yaml';
import { applyMutant, mutantArbitrary } from './mutations';
import type { Mutant } from './mutations';
import { smallPolicy } from './smallPolicies';

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
/** Values an edit writes into a selector, beside the policy's own values and their near misses. */
const FRESH: Readonly<Record<string, readonly string[]>> = {
  users: ['alice', 'system:kube-proxy', 'system:apiserver'],
  userGroups: ['system:authenticated', 'system:nodes', 'system:serviceaccounts'],
  verbs: ['get', 'list', 'watch', 'create', 'delete', 'deletecollection', 'patch', 'update', 'proxy'],
  namespaces: ['default', 'kube-system', ''],
  nonResourceURLs: ['/healthz*', '/metrics', '/logs', '/api*', '*', '/version'],
  resources: ['pods', 'secrets', 'pods/log', 'pods/*', '*/status', '*', 'deployments/scale'],
  resourceNames: ['web', 'kube-dns'],
  group: ['', 'apps', 'rbac.authorization.k8s.io'],
};
const RULE_LISTS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'];
const ENTRY_LISTS = ['resources', 'resourceNames'];

export type Edit = readonly [op: number, a: number, b: number, c: number];

export interface Pair {
  readonly source: number;
  /** OLD when it is not the corpus policy `source`: a small generated policy (smallPolicies.ts). */
  readonly text?: string;
  /** Semantic edits, or a text mutation of mutations.ts. */
  readonly edits?: readonly Edit[];
  readonly mutant?: Mutant;
}

const edit: fc.Arbitrary<Edit> = fc.tuple(fc.nat(9), fc.nat(), fc.nat(), fc.nat());

export function pairArbitrary(sources: number): fc.Arbitrary<Pair> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ source: fc.nat(sources - 1), edits: fc.array(edit, { minLength: 1, maxLength: 3 }) }),
    },
    { weight: 1, arbitrary: mutantArbitrary(sources).map((mutant) => ({ source: mutant.source, mutant })) },
    {
      weight: 3,
      arbitrary: fc.record({
        source: fc.constant(0),
        text: smallPolicy,
        edits: fc.array(edit, { minLength: 1, maxLength: 2 }),
      }),
    },
  );
}

/** OLD's text. */
export function oldText(pair: Pair, sources: readonly string[]): string {
  return pair.text ?? sources[pair.source];
}

/** NEW's text, or undefined when the edits do not apply (OLD is not a mapping with rules). */
export function newText(pair: Pair, sources: readonly string[]): string | undefined {
  if (pair.mutant) return applyMutant(pair.mutant, sources);
  let policy: unknown;
  try {
    policy = parseAllDocuments(oldText(pair, sources), { merge: true })[0]?.toJS({ maxAliasCount: -1 });
  } catch {
    return undefined;
  }
  if (!isMap(policy) || !Array.isArray(policy.rules) || !policy.rules.every(isMap)) return undefined;
  const rules = policy.rules as Array<Record<string, unknown>>;
  for (const e of pair.edits ?? []) applyEdit(policy, rules, e);
  return stringify(policy);
}

type Json = Record<string, unknown>;
const isMap = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];

function applyEdit(policy: Json, rules: Json[], [op, a, b, c]: Edit): void {
  if (rules.length === 0) return void rules.push({ level: pick(LEVELS, a) });
  const i = a % rules.length;
  const j = b % rules.length;
  switch (op) {
    case 0: // two rules swap places
      [rules[i], rules[j]] = [rules[j], rules[i]];
      return;
    case 1: // a rule moves
      rules.splice(j, 0, ...rules.splice(i, 1));
      return;
    case 2: // a rule is removed (kube-apiserver refuses a policy without rules: keep one)
      if (rules.length > 1) rules.splice(i, 1);
      return;
    case 3: // a copy of a rule, at another level, elsewhere
      rules.splice(j, 0, { ...structuredClone(rules[i]), level: pick(LEVELS, c) });
      return;
    case 4: // a narrow new rule
      rules.splice(j, 0, freshRule(rules, c));
      return;
    case 5:
      rules[i].level = pick(LEVELS, c);
      return;
    case 6: // the rule's or the policy's omitted stages
      toggleStage(c % 3 === 0 ? policy : rules[i], pick(STAGES, b));
      return;
    default: // a selector value changed, added or dropped, or a selector dropped
      editSelector(rules, rules[i], b, c, op);
  }
}

function toggleStage(target: Json, stage: string): void {
  const stages = Array.isArray(target.omitStages) ? (target.omitStages as unknown[]) : [];
  target.omitStages = stages.includes(stage) ? stages.filter((s) => s !== stage) : [...stages, stage];
}

/** The rules' own values of a field and their near misses, and a few common ones. */
function valuesOf(rules: readonly Json[], field: string): string[] {
  const own = rules.flatMap((r) => {
    const lists = ENTRY_LISTS.includes(field) || field === 'group' ? entries(r) : [r];
    return lists.flatMap((l) => (field === 'group' ? [l.group] : Array.isArray(l[field]) ? l[field] : []));
  });
  const strings = own.filter((v): v is string => typeof v === 'string');
  const near = strings.flatMap((v) => (v === '' ? ['x'] : [`${v}x`, v.slice(0, -1), v.replace(/\*$/, '')]));
  return [...new Set([...strings, ...near, ...(FRESH[field] ?? [])])];
}

const entries = (rule: Json): Json[] => (Array.isArray(rule.resources) ? rule.resources.filter(isMap) : []);

function freshRule(rules: readonly Json[], n: number): Json {
  const level = pick(LEVELS, n);
  const field = pick([...RULE_LISTS, 'resources'], n >> 2);
  const value = pick(valuesOf(rules, field), n >> 5);
  if (field === 'resources') return { level, resources: [{ group: pick(FRESH.group, n >> 3), resources: [value] }] };
  if (field === 'nonResourceURLs' && !value.startsWith('/') && value !== '*') return { level, users: [value] };
  return { level, [field]: [value] };
}

function editSelector(rules: readonly Json[], rule: Json, b: number, c: number, op: number): void {
  const targets: Array<{ holder: Json; field: string }> = [
    ...RULE_LISTS.filter((f) => Array.isArray(rule[f])).map((field) => ({ holder: rule, field })),
    ...entries(rule).flatMap((e) => [
      ...ENTRY_LISTS.filter((f) => Array.isArray(e[f])).map((field) => ({ holder: e, field })),
      { holder: e, field: 'group' },
    ]),
  ];
  if (targets.length === 0) {
    // A catch-all gains a selector.
    const field = pick(RULE_LISTS, b);
    rule[field] = [pick(valuesOf(rules, field), c)];
    return;
  }
  const { holder, field } = pick(targets, b);
  const replacement = pick(valuesOf(rules, field), c);
  if (field === 'group') return void (holder.group = replacement);
  const list = holder[field] as unknown[];
  const k = c % Math.max(1, list.length);
  if (op === 7 && list.length > 0) list[k] = replacement;
  else if (op === 8) list.push(replacement);
  else if (list.length > 1) list.splice(k, 1);
  else delete holder[field];
}

// The semantic diff of two versions of a policy: every class of requests whose level, omitted
// stages, managed-fields setting or deciding rule changes, each with a request inside it. The
// request space is split by explore.ts into cells where both versions are decided; the evaluator
// itself then answers for one request of each cell, and cells that change the same way are merged
// into readable classes (classes.ts). A class is reported if and only if its requests change.
import { evaluate } from '../engine/evaluate';
import type { CompiledPolicy, Evaluation } from '../engine/evaluate';
import type { RequestAttributes } from '../engine/request';
import { NEWEST_MINOR, VERSION_FACTS } from '../catalogue/versions';
import { formatRequestLine, requestInput } from '../policyTest/requestLine';
import type { Cell } from './cell';
import { mergeCells } from './classes';
import { describeCell } from './describe';
import { explore } from './explore';
import { RuleIdentity } from './ruleIdentity';

export interface Outcome {
  /** 0-based index of the deciding rule; null when no rule matches (level None). */
  readonly rule: number | null;
  readonly level: string;
  readonly omitStages: readonly string[];
  readonly omitManagedFields: boolean;
}

export interface Change {
  readonly description: string;
  /** One request of the class, as a request line (or as attributes in JSON when no line says it). */
  readonly example: string;
  readonly request: RequestAttributes;
  /** The class itself (cellContains says whether a request is in it). */
  readonly cell: Cell;
  readonly old: Outcome;
  readonly new: Outcome;
  /** What differs: `level`, `omitStages`, `omitManagedFields`, `rule`. */
  readonly changed: readonly string[];
}

export interface PolicyDiff {
  readonly changes: readonly Change[];
  /** How many cells the request space was split into (a measure of the work done). */
  readonly cells: number;
}

export interface DiffOptions {
  /** The kube-apiserver version that reads both policies (default: the newest). Below 1.23 it
   *  drops `omitManagedFields` (an unknown field then), so that setting changes nothing. */
  readonly kubernetesMinor?: number;
}

export function diffPolicies(
  oldVersion: CompiledPolicy,
  newVersion: CompiledPolicy,
  options: DiffOptions = {},
): PolicyDiff {
  // Before 1.23 kube-apiserver never reads omitManagedFields: rules that differ only there are the same rule.
  const dropped = (options.kubernetesMinor ?? NEWEST_MINOR) < VERSION_FACTS.omitManagedFieldsMinor;
  const oldPolicy = dropped ? withoutManagedFields(oldVersion) : oldVersion;
  const newPolicy = dropped ? withoutManagedFields(newVersion) : newVersion;
  const identity = new RuleIdentity(oldPolicy.rules, newPolicy.rules);
  const leaves = explore(oldPolicy.rules, newPolicy.rules);
  const changed: Array<{
    cell: (typeof leaves)[number]['cell'];
    item: { key: string; request: RequestAttributes; old: Outcome; new: Outcome; changed: string[] };
  }> = [];
  for (const leaf of leaves) {
    const a = evaluate(oldPolicy, leaf.request);
    const b = evaluate(newPolicy, leaf.request);
    if (a.rule !== leaf.oldRule || b.rule !== leaf.newRule)
      throw new Error('internal error: the request space was split wrongly');
    const what: string[] = [];
    if (a.level !== b.level) what.push('level');
    // Stages matter only to a request that is recorded, managed fields only where bodies are.
    if (a.omitStages.join() !== b.omitStages.join() && (a.level !== 'None' || b.level !== 'None'))
      what.push('omitStages');
    if (a.omitManagedFields !== b.omitManagedFields && hasBodies(a.level) && hasBodies(b.level))
      what.push('omitManagedFields');
    if (!identity.same(a.rule, b.rule)) what.push('rule');
    if (what.length === 0) continue;
    const item = {
      key: JSON.stringify([outcome(a), outcome(b)]),
      request: leaf.request,
      old: outcome(a),
      new: outcome(b),
      changed: what,
    };
    changed.push({ cell: leaf.cell, item });
  }
  const byKey = new Map<string, typeof changed>();
  for (const c of changed) {
    const group = byKey.get(c.item.key);
    if (group) group.push(c);
    else byKey.set(c.item.key, [c]);
  }
  const changes: Change[] = [...byKey.values()]
    .flatMap((group) => mergeCells(group))
    .map(({ cell, item }) => ({
      description: describeCell(cell),
      example: formatRequestLine(item.request) ?? JSON.stringify(requestInput(item.request)),
      request: item.request,
      cell,
      old: item.old,
      new: item.new,
      changed: item.changed,
    }));
  changes.sort((x, y) => order(x) - order(y) || x.description.localeCompare(y.description));
  return { changes, cells: leaves.length };
}

const outcome = (e: Evaluation): Outcome => ({
  rule: e.rule ?? null,
  level: e.level,
  omitStages: [...e.omitStages],
  omitManagedFields: e.omitManagedFields,
});

const withoutManagedFields = (p: CompiledPolicy): CompiledPolicy => ({
  settings: { ...p.settings, omitManagedFields: false },
  rules: p.rules.map((r) => ({ ...r, omitManagedFields: undefined })),
});

const hasBodies = (level: string): boolean => level === 'Request' || level === 'RequestResponse';

const order = (c: Change): number => (c.old.rule ?? 1e9) * 1e4 + (c.new.rule ?? 1e4 - 1);

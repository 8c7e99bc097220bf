// Finds, for each rule, an earlier rule that matches everything it matches (covers.ts), without
// comparing every pair: a 5,000-rule policy would mean 12 million comparisons.
//
// A rule A can cover B only if each selector A has is at least as broad as B's. So if A has users,
// B has users too and all of them are A's; the same holds for userGroups, verbs and namespaces; if
// A lists resources, each of B's resources is matched by some entry of A, filed under that entry's
// group and resource (or under the whole group for `*`, `*/sub` and empty lists).
// Each earlier rule is therefore filed under ONE of its selectors, chosen so that its keys are
// rare in the policy, and B looks, for each selector it has, in the bucket of the one value of its
// own with the fewest entries, plus the rules that have no selector at all. Rules that are
// themselves covered are not filed: whatever they cover, the rule covering them covers too.
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { targetOf } from '../decode/decode';
import { subsumes, patternShape } from './subsumes';

type Dimension = 'users' | 'userGroups' | 'verbs' | 'namespaces' | 'resources' | 'urls' | 'any';

const ALL = '\u0001all';
const NONE: readonly number[] = [];

/** The selectors a rule can be filed under, each with its keys. */
function filingOptions(rule: DecodedRule): Array<{ dimension: Dimension; keys: readonly string[] }> {
  const options: Array<{ dimension: Dimension; keys: readonly string[] }> = [];
  if (rule.users.length > 0) options.push({ dimension: 'users', keys: rule.users });
  if (rule.userGroups.length > 0) options.push({ dimension: 'userGroups', keys: rule.userGroups });
  if (rule.verbs.length > 0) options.push({ dimension: 'verbs', keys: rule.verbs });
  const target = targetOf(rule);
  if (target === 'resource' && rule.namespaces.length > 0)
    options.push({ dimension: 'namespaces', keys: rule.namespaces });
  if (target === 'resource' && rule.resources.length > 0)
    options.push({ dimension: 'resources', keys: rule.resources.flatMap(entryKeys) });
  if (target === 'nonResource') options.push({ dimension: 'urls', keys: [''] });
  if (options.length === 0) options.push({ dimension: 'any', keys: [''] });
  return options;
}

/** Where an entry of a covering rule is filed: by group and base resource. */
function entryKeys(gr: DecodedGroupResources): string[] {
  if (gr.resources.length === 0) return [key(gr.group, ALL)];
  return gr.resources.map((pattern) => key(gr.group, resourceKey(pattern)));
}

function resourceKey(pattern: string): string {
  const shape = patternShape(pattern);
  if (shape.kind === 'exact' || shape.kind === 'anySub') return shape.resource;
  if (shape.kind === 'literal') return `\u0002${pattern}`;
  return ALL; // `*` and `*/sub` span every resource of the group
}

const key = (group: string, resource: string): string => `${group}\u0000${resource}`;

/** For one resource pattern of B: the keys under which any entry covering it is filed. */
function atomLookups(group: string, resource: string): string[] {
  const groups = group === '*' ? ['*'] : [group, '*'];
  const resources = resource === ALL ? [ALL] : [resource, ALL];
  return groups.flatMap((g) => resources.map((r) => key(g, r)));
}

/** What the index needs of a rule. Computed once per index and dropped with it: after an edit the
 *  analysis (analysis.ts) rarely builds an index at all, so keeping these for every rule of a large
 *  policy would cost memory for nothing. */
interface Summary {
  /** Filing options: bucket ids per selector. */
  readonly filings: ReadonlyArray<readonly string[]>;
  /** For each selector of the rule: alternatives, each a union of bucket ids; the smallest is searched. */
  readonly lookups: ReadonlyArray<ReadonlyArray<readonly string[]>>;
}

function summarize(rule: DecodedRule): Summary {
  return {
    filings: filingOptions(rule).map(({ dimension, keys }) => [...new Set(keys)].map((k) => id(dimension, k))),
    lookups: lookupOptions(rule),
  };
}

const id = (dimension: Dimension, k: string): string => `${dimension}\u0003${k}`;

function lookupOptions(rule: DecodedRule): Array<Array<readonly string[]>> {
  const out: Array<Array<readonly string[]>> = [[[id('any', '')]]];
  const each = (dimension: Dimension, values: readonly string[]): void => {
    if (values.length > 0) out.push([...new Set(values)].map((v) => [id(dimension, v)]));
  };
  each('users', rule.users);
  each('userGroups', rule.userGroups);
  each('verbs', rule.verbs);
  const target = targetOf(rule);
  if (target === 'nonResource') out.push([[id('urls', '')]]);
  if (target === 'resource') {
    each('namespaces', rule.namespaces);
    // Every covering rule covers each of B's resources, so any one of them will do.
    if (rule.resources.length > 0) {
      out.push(
        rule.resources
          .flatMap((gr) =>
            gr.resources.length === 0
              ? [atomLookups(gr.group, ALL)]
              : gr.resources.map((p) => atomLookups(gr.group, resourceKey(p))),
          )
          .map((keys) => keys.map((k) => id('resources', k))),
      );
    } else {
      out.push([[id('resources', key('*', ALL))]]); // only `{group: "*"}` covers every resource
    }
  }
  return out;
}

export class SubsumptionIndex {
  private readonly buckets = new Map<string, number[]>();
  private readonly summaries = new Map<DecodedRule, Summary>();
  /** How many rule pairs were compared: the measure of the work, which must grow about linearly. */
  comparisons = 0;
  /** How many rules of the policy could be filed under each key. */
  private readonly frequency = new Map<string, number>();

  constructor(private readonly rules: readonly DecodedRule[]) {
    for (const rule of rules) {
      if (!rule.decodable) continue;
      for (const ids of this.summaryOf(rule).filings)
        for (const k of ids) this.frequency.set(k, (this.frequency.get(k) ?? 0) + 1);
    }
  }

  private summaryOf(rule: DecodedRule): Summary {
    let summary = this.summaries.get(rule);
    if (!summary) this.summaries.set(rule, (summary = summarize(rule)));
    return summary;
  }

  /** Makes rule `index` a candidate for the rules after it (undecodable rules are left out). */
  add(index: number): void {
    const rule = this.rules[index];
    if (!rule.decodable) return;
    let best: readonly string[] | undefined;
    let bestCost = Infinity;
    for (const ids of this.summaryOf(rule).filings) {
      // The selector whose keys are the rarest in the policy: the fewest later rules search them.
      let cost = 0;
      for (const k of ids) cost += this.frequency.get(k) ?? 0;
      if (cost < bestCost) {
        best = ids;
        bestCost = cost;
      }
    }
    for (const k of best ?? []) {
      const bucket = this.buckets.get(k);
      if (bucket) bucket.push(index);
      else this.buckets.set(k, [index]);
    }
  }

  /** The lowest-numbered rule added so far that covers `rule`, if any. */
  coveringRule(rule: DecodedRule): number | undefined {
    let best: number | undefined;
    // For each selector of `rule`, the rules filed under that selector which could cover it (the
    // cheapest of its alternatives); the lowest covering one wins, whatever the order they come in.
    for (const alternatives of this.summaryOf(rule).lookups) {
      const ids = this.smallest(alternatives);
      if (!ids) continue;
      for (const k of ids) {
        for (const i of this.buckets.get(k) ?? NONE) {
          if (best !== undefined && i >= best) continue;
          this.comparisons++;
          if (subsumes(this.rules[i], rule)) best = i;
        }
      }
    }
    return best;
  }

  /** The alternative whose buckets hold the fewest rules, or undefined when one holds none (then
   *  no rule filed under that selector can cover). Nothing is allocated: thousands of look-ups
   *  run at the open of a large policy. */
  private smallest(alternatives: ReadonlyArray<readonly string[]>): readonly string[] | undefined {
    let smallest: readonly string[] | undefined;
    let smallestSize = Infinity;
    for (const ids of alternatives) {
      let size = 0;
      for (const k of ids) size += this.buckets.get(k)?.length ?? 0;
      if (size === 0) return undefined;
      if (size < smallestSize) {
        smallest = ids;
        smallestSize = size;
      }
    }
    return smallest;
  }
}

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
import type { DecodedRule } from '../decode/decode';
import { targetOf } from '../decode/decode';
import { subsumes, patternShape } from './subsumes';

type NamedDimension = 'users' | 'userGroups' | 'verbs' | 'namespaces';

/** Where a resource pattern is filed within its group: the base resource, or every resource. */
const ALL = '\u0001all';
const NONE: readonly number[] = [];
/** The bucket of a key no rule is filed under. */
const EMPTY = -1;

function resourceKey(pattern: string): string {
  const shape = patternShape(pattern);
  if (shape.kind === 'exact' || shape.kind === 'anySub') return shape.resource;
  if (shape.kind === 'literal') return `\u0002${pattern}`;
  return ALL; // `*` and `*/sub` span every resource of the group
}

/**
 * Numbers the buckets rules are filed under, found through one map per selector (and per API group
 * for resources) so that no key string is built: the index of a 5,000-rule policy made 11 MiB of
 * such strings, which lived as long as the index and were then garbage in the old generation.
 */
class BucketIds {
  count = 2;
  readonly any = 0;
  readonly urls = 1;
  private readonly byDimension: Record<NamedDimension, Map<string, number>> = {
    users: new Map(),
    userGroups: new Map(),
    verbs: new Map(),
    namespaces: new Map(),
  };
  private readonly resources = new Map<string, Map<string, number>>();

  /** The bucket of a value of a selector; `create` numbers a new one, otherwise EMPTY. */
  named(dimension: NamedDimension, value: string, create: boolean): number {
    return this.within(this.byDimension[dimension], value, create);
  }

  /** The bucket of a group and resource key (see resourceKey). */
  resource(group: string, key: string, create: boolean): number {
    let byKey = this.resources.get(group);
    if (!byKey) {
      if (!create) return EMPTY;
      this.resources.set(group, (byKey = new Map()));
    }
    return this.within(byKey, key, create);
  }

  private within(map: Map<string, number>, key: string, create: boolean): number {
    const known = map.get(key);
    if (known !== undefined || !create) return known ?? EMPTY;
    map.set(key, this.count);
    return this.count++;
  }
}

/** The selectors a rule can be filed under, each with its buckets (each bucket once). */
function filingOptions(rule: DecodedRule, ids: BucketIds): number[][] {
  const options: number[][] = [];
  const named = (dimension: NamedDimension, values: readonly string[]): void => {
    if (values.length > 0) options.push(distinct(values.map((v) => ids.named(dimension, v, true))));
  };
  named('users', rule.users);
  named('userGroups', rule.userGroups);
  named('verbs', rule.verbs);
  const target = targetOf(rule);
  if (target === 'resource') named('namespaces', rule.namespaces);
  if (target === 'resource' && rule.resources.length > 0) {
    const buckets: number[] = [];
    for (const gr of rule.resources) {
      if (gr.resources.length === 0) buckets.push(ids.resource(gr.group, ALL, true));
      for (const pattern of gr.resources) buckets.push(ids.resource(gr.group, resourceKey(pattern), true));
    }
    options.push(distinct(buckets));
  }
  if (target === 'nonResource') options.push([ids.urls]);
  if (options.length === 0) options.push([ids.any]);
  return options;
}

const distinct = (buckets: number[]): number[] => buckets.filter((b, i) => buckets.indexOf(b) === i);

/** For one resource pattern of B: the buckets in which any entry covering it is filed. */
function atomLookups(ids: BucketIds, group: string, resource: string): number[] {
  const groups = group === '*' ? ['*'] : [group, '*'];
  const resources = resource === ALL ? [ALL] : [resource, ALL];
  return groups.flatMap((g) => resources.map((r) => ids.resource(g, r, false)));
}

/** For each selector of the rule: alternatives, each a union of buckets; the smallest is searched. */
function lookupOptions(rule: DecodedRule, ids: BucketIds): number[][][] {
  const out: number[][][] = [[[ids.any]]];
  const named = (dimension: NamedDimension, values: readonly string[]): void => {
    if (values.length > 0) out.push(values.map((v) => [ids.named(dimension, v, false)]));
  };
  named('users', rule.users);
  named('userGroups', rule.userGroups);
  named('verbs', rule.verbs);
  const target = targetOf(rule);
  if (target === 'nonResource') out.push([[ids.urls]]);
  if (target === 'resource') {
    named('namespaces', rule.namespaces);
    // Every covering rule covers each of B's resources, so any one of them will do.
    if (rule.resources.length > 0) {
      out.push(
        rule.resources.flatMap((gr) =>
          gr.resources.length === 0
            ? [atomLookups(ids, gr.group, ALL)]
            : gr.resources.map((p) => atomLookups(ids, gr.group, resourceKey(p))),
        ),
      );
    } else {
      out.push([[ids.resource('*', ALL, false)]]); // only `{group: "*"}` covers every resource
    }
  }
  return out;
}

export class SubsumptionIndex {
  private readonly ids = new BucketIds();
  /** The rules filed so far, by bucket. */
  private readonly buckets: Array<number[] | undefined> = [];
  /** How many rules of the policy could be filed in each bucket. */
  private readonly frequency: number[] = [];
  /** How many rule pairs were compared: the measure of the work, which must grow about linearly. */
  comparisons = 0;

  // A rule's filing options are worked out again when it is filed rather than kept from here: kept
  // for every rule until the index is dropped, they were 4 MiB of garbage in the old generation.
  constructor(private readonly rules: readonly DecodedRule[]) {
    for (const rule of rules) {
      if (!rule.decodable) continue;
      for (const ids of filingOptions(rule, this.ids))
        for (const b of ids) this.frequency[b] = (this.frequency[b] ?? 0) + 1;
    }
  }

  /** Makes rule `index` a candidate for the rules after it (undecodable rules are left out). */
  add(index: number): void {
    const rule = this.rules[index];
    if (!rule.decodable) return;
    let best: readonly number[] | undefined;
    let bestCost = Infinity;
    for (const ids of filingOptions(rule, this.ids)) {
      // The selector whose keys are the rarest in the policy: the fewest later rules search them.
      let cost = 0;
      for (const b of ids) cost += this.frequency[b] ?? 0;
      if (cost < bestCost) {
        best = ids;
        bestCost = cost;
      }
    }
    for (const b of best ?? NONE) {
      const bucket = this.buckets[b];
      if (bucket) bucket.push(index);
      else this.buckets[b] = [index];
    }
  }

  /** The lowest-numbered rule added so far that covers `rule`, if any. */
  coveringRule(rule: DecodedRule): number | undefined {
    let best: number | undefined;
    // For each selector of `rule`, the rules filed under that selector which could cover it (the
    // cheapest of its alternatives); the lowest covering one wins, whatever the order they come in.
    for (const alternatives of lookupOptions(rule, this.ids)) {
      const ids = this.smallest(alternatives);
      if (!ids) continue;
      for (const b of ids) {
        for (const i of this.bucket(b)) {
          if (best !== undefined && i >= best) continue;
          this.comparisons++;
          if (subsumes(this.rules[i], rule)) best = i;
        }
      }
    }
    return best;
  }

  private bucket(b: number): readonly number[] {
    return (b === EMPTY ? undefined : this.buckets[b]) ?? NONE;
  }

  /** The alternative whose buckets hold the fewest rules, or undefined when one holds none (then
   *  no rule filed under that selector can cover). */
  private smallest(alternatives: ReadonlyArray<readonly number[]>): readonly number[] | undefined {
    let smallest: readonly number[] | undefined;
    let smallestSize = Infinity;
    for (const ids of alternatives) {
      let size = 0;
      for (const b of ids) size += this.bucket(b).length;
      if (size === 0) return undefined;
      if (size < smallestSize) {
        smallest = ids;
        smallestSize = size;
      }
    }
    return smallest;
  }
}

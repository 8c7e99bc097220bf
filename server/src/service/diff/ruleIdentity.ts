// When is the deciding rule of a request "the same rule" in two versions of a policy? Positions
// move when rules are added or reordered, so rules are paired by what they say:
//  1. Rules that say the same thing (the same level, stages and selectors, as sets) are the same
//     rule, paired in order of appearance. Reordering and merging duplicate entries keep them.
//  2. A rule left unpaired on both sides is the same rule as an unpaired rule of the other side
//     with the same level and stages when one provably matches a subset of the other's requests
//     (engine/subsumes.ts): a rule split in two, two rules merged into one, a selector widened or
//     narrowed. A request that moves to a rule that exists, unchanged, in both versions has changed
//     its deciding rule.
import type { DecodedRule } from '../decode/decode';
import { subsumes } from '../engine/subsumes';
import { sorted } from './cell';

function normal(rule: DecodedRule): string {
  return JSON.stringify([
    rule.level,
    sorted(rule.users),
    sorted(rule.userGroups),
    sorted(rule.verbs),
    sorted(rule.namespaces),
    sorted(rule.resources.map((e) => JSON.stringify([e.group, sorted(e.resources), sorted(e.resourceNames)]))),
    sorted(rule.nonResourceURLs),
    sorted(rule.omitStages),
    rule.omitManagedFields ?? null,
  ]);
}

function sameOutcome(a: DecodedRule, b: DecodedRule): boolean {
  return (
    a.level === b.level &&
    sorted(a.omitStages).join() === sorted(b.omitStages).join() &&
    a.omitManagedFields === b.omitManagedFields
  );
}

export class RuleIdentity {
  private readonly oldToNew = new Map<number, number>();
  private readonly newToOld = new Map<number, number>();

  constructor(
    private readonly oldRules: readonly DecodedRule[],
    private readonly newRules: readonly DecodedRule[],
  ) {
    const waiting = new Map<string, number[]>();
    newRules.forEach((rule, i) => {
      const key = normal(rule);
      waiting.set(key, [...(waiting.get(key) ?? []), i]);
    });
    oldRules.forEach((rule, i) => {
      const match = waiting.get(normal(rule))?.shift();
      if (match === undefined) return;
      this.oldToNew.set(i, match);
      this.newToOld.set(match, i);
    });
  }

  /** Whether old rule `o` and new rule `n` (undefined: no rule matched) are the same rule. */
  same(o: number | undefined, n: number | undefined): boolean {
    if (o === undefined || n === undefined) return o === n;
    if (this.oldToNew.has(o) || this.newToOld.has(n)) return this.oldToNew.get(o) === n;
    const a = this.oldRules[o];
    const b = this.newRules[n];
    return sameOutcome(a, b) && (subsumes(a, b) || subsumes(b, a));
  }

  /** The new position of an old rule that is unchanged, for words like "rule #3 (now #5)". */
  pairedNew(o: number): number | undefined {
    return this.oldToNew.get(o);
  }
}

// One pass over the rules in order that answers, for every rule, which earlier rule covers it
// (unreachable-rule) and which earlier rule covers each kind of secret-bearing request it would
// log (sensitive-bodies). Only "filed" rules count as coverers: decodable rules that are not
// themselves covered (whatever a covered rule covers, the rule covering it covers too).
//
// After an edit the pass is not redone from scratch: a typed character changes one rule, and a
// 5,000-rule policy must still answer within a frame. Rules before the change keep their
// verdicts; a rule after it keeps its old coverer unless that coverer is gone, and is compared
// only with the rules that became coverers (the changed ones, and any later rule whose own verdict
// changed). Rules whose coverer is gone are looked up again in a coverage index. The result is
// exactly that of the full pass; a property test compares the two on random edit sequences.
import type { DecodedRule } from '../decode/decode';
import { SubsumptionIndex } from './subsumptionIndex';
import { subsumes } from './subsumes';
import type { Node, ParsedPolicy } from '../parse/model';
import { decodeRule } from '../decode/decode';
import { probesOf } from './sensitive';
import type { CensusSlot } from './census';

export interface RuleVerdict {
  /** The first filed earlier rule that matches every request this rule matches. */
  readonly coveredBy: number | undefined;
  /** Per kind of sensitive request (SENSITIVE in sensitiveBodies.ts): null when this rule does not
   *  log its bodies, else the first filed earlier rule taking all such requests (undefined: none,
   *  so this rule writes them into the log). Empty for a covered rule: it never applies, so it
   *  logs no bodies (and a long-grown policy's thousands of shadowed rules need no look-ups). */
  readonly sensitive: ReadonlyArray<number | undefined | null>;
}

export interface PolicyAnalysis {
  readonly rules: readonly DecodedRule[];
  readonly verdicts: readonly RuleVerdict[];
  /** The parsed rule each decoded rule comes from (policyAnalysis). */
  readonly nodes?: readonly Node[];
}

export function analysePolicy(rules: readonly DecodedRule[], previous?: PolicyAnalysis): PolicyAnalysis {
  return new Pass(rules, previous).run();
}

/** For each rule that can never apply, the first earlier rule that already matches all its requests. */
export function unreachableRules(rules: readonly DecodedRule[]): Array<{ rule: number; coveredBy: number }> {
  return analysePolicy(rules).verdicts.flatMap((v, rule) =>
    v.coveredBy === undefined ? [] : [{ rule, coveredBy: v.coveredBy }],
  );
}

/** Where a document keeps its latest analysis, for the next version to start from. */
export interface AnalysisSlot extends CensusSlot {
  last?: PolicyAnalysis;
}

// Both lints of a version share one pass.
const byVersion = new WeakMap<ParsedPolicy, PolicyAnalysis>();

/** The analysis of this parse of a document, reusing the previous version's through `slot`. */
export function policyAnalysis(parsed: ParsedPolicy, slot?: AnalysisSlot): PolicyAnalysis {
  let analysis = byVersion.get(parsed);
  if (!analysis) {
    const nodes = parsed.rules.map((r) => r.node);
    analysis = { ...analysePolicy(decodedRules(nodes, slot?.last), slot?.last), nodes };
    byVersion.set(parsed, analysis);
    if (slot) slot.last = analysis;
  }
  return analysis;
}

/** The decoded rules, those of unchanged nodes taken from the previous analysis (same place from
 *  the start, or from the end): a keystroke decodes one rule, not 5,000 look-ups. */
function decodedRules(nodes: readonly Node[], previous: PolicyAnalysis | undefined): DecodedRule[] {
  const before = previous?.nodes ?? [];
  const rules = previous?.rules ?? [];
  const fromEnd = before.length - nodes.length;
  return nodes.map((node, i) =>
    before[i] === node ? rules[i] : before[i + fromEnd] === node ? rules[i + fromEnd] : decodeRule(node),
  );
}

const NOTHING: readonly never[] = [];
const UNDECODABLE: RuleVerdict = { coveredBy: undefined, sensitive: NOTHING };

function filed(rule: DecodedRule, verdict: RuleVerdict): boolean {
  return rule.decodable && verdict.coveredBy === undefined;
}

type Coverer = RuleVerdict['sensitive'][number];
type Resolve = (rule: number, oldCoverer: number | undefined, target: DecodedRule) => number | undefined;

/** Rule `i`'s probes' coverers found again from the old ones: the old list itself when none
 *  changed, as after most keystrokes (no list made for each of thousands of rules). */
function resolvedProbes(
  old: ReadonlyArray<Coverer>,
  probes: ReadonlyArray<DecodedRule | null>,
  i: number,
  resolve: Resolve,
): ReadonlyArray<Coverer> {
  let changed: Coverer[] | undefined;
  for (let k = 0; k < old.length; k++) {
    const now = old[k] === null ? null : resolve(i, old[k] as number | undefined, probes[k] as DecodedRule);
    if (now !== old[k] && !changed) changed = old.slice(0, k);
    changed?.push(now);
  }
  return changed ?? old;
}

function sameCoverers(a: ReadonlyArray<Coverer>, b: ReadonlyArray<Coverer>): boolean {
  return a === b || (a.length === b.length && a.every((c, k) => c === b[k]));
}

class Pass {
  private readonly verdicts: RuleVerdict[] = [];
  private index: SubsumptionIndex | undefined;
  /** How many leading rules the index has been given. */
  private indexed = 0;
  /** Comparisons a plain scan may still spend before the index pays for itself: after a small edit
   *  a few look-ups remain, and scanning beats building an index over every rule. */
  private scanBudget: number;

  constructor(
    private readonly rules: readonly DecodedRule[],
    private readonly previous: PolicyAnalysis | undefined,
  ) {
    this.scanBudget = 8 * rules.length;
  }

  run(): PolicyAnalysis {
    const prev = this.previous;
    if (!prev) {
      for (let i = 0; i < this.rules.length; i++) this.verdicts.push(this.fresh(i));
      return { rules: this.rules, verdicts: this.verdicts };
    }
    const n = this.rules.length;
    const m = prev.rules.length;
    let p = 0;
    while (p < n && p < m && this.rules[p] === prev.rules[p]) p++;
    let q = 0;
    while (q < n - p && q < m - p && this.rules[n - 1 - q] === prev.rules[m - 1 - q]) q++;

    for (let i = 0; i < p; i++) this.verdicts.push(prev.verdicts[i]);
    // Coverers that appeared (new indices, ascending) and previous coverers that are gone (old indices).
    const appeared: number[] = [];
    const gone = new Set<number>();
    for (let o = p; o < m - q; o++) if (filed(prev.rules[o], prev.verdicts[o])) gone.add(o);
    for (let i = p; i < n - q; i++) {
      this.verdicts.push(this.fresh(i));
      if (filed(this.rules[i], this.verdicts[i])) appeared.push(i);
    }
    const shift = n - m;
    /** Whether an old verdict's coverer may no longer be its coverer: it changed or stopped covering. */
    const affected = (c: number | null | undefined): boolean =>
      c !== undefined && c !== null && (gone.has(c) || (c >= p && c < m - q));
    /** Whether a coverer (or null: not logged) stays: unaffected, and no new coverer comes before it. */
    const keeps = (c: number | null | undefined): boolean =>
      c === null || (!affected(c) && (appeared.length === 0 || (c !== undefined && c < appeared[0])));
    /** Rule `i`'s coverer of `target` now, given its coverer before the change. */
    const resolve: Resolve = (i, oldCoverer, target) => {
      if (oldCoverer !== undefined && (gone.has(oldCoverer) || (oldCoverer >= p && oldCoverer < m - q)))
        return this.lookUp(i, target);
      let best = oldCoverer === undefined ? undefined : oldCoverer < p ? oldCoverer : oldCoverer + shift;
      for (const j of appeared) {
        if (best !== undefined && j >= best) break;
        if (subsumes(this.rules[j], target)) {
          best = j;
          break;
        }
      }
      return best;
    };
    for (let i = n - q; i < n; i++) {
      const o = i - shift;
      const old = prev.verdicts[o];
      const rule = this.rules[i];
      if (!rule.decodable) {
        this.verdicts.push(UNDECODABLE);
        continue;
      }
      // Most rules after a keystroke keep their verdict as it was: no coverer of theirs changed, and
      // each is before every rule that became a coverer. They are passed on without looking at
      // their selectors.
      if (shift === 0 && keeps(old.coveredBy) && old.sensitive.every(keeps)) {
        this.verdicts.push(old);
        continue;
      }
      const coveredBy = resolve(i, old.coveredBy, rule);
      const sensitive =
        coveredBy !== undefined
          ? NOTHING
          : old.coveredBy !== undefined // it was covered: nothing is known of its probes
            ? this.probeCoverers(i, rule)
            : resolvedProbes(old.sensitive, probesOf(rule), i, resolve);
      // Most verdicts after a keystroke are the old ones: keep the object (and the garbage collector idle).
      const verdict: RuleVerdict =
        coveredBy === old.coveredBy && sameCoverers(sensitive, old.sensitive) ? old : { coveredBy, sensitive };
      this.verdicts.push(verdict);
      // With a transitive `covers` these two updates change no result (a rule covering a newly
      // covered rule covers what it covered); they keep the pass exact without relying on that.
      const wasFiled = filed(prev.rules[o], old);
      const isFiled = filed(rule, verdict);
      if (isFiled && !wasFiled) appeared.push(i);
      if (wasFiled && !isFiled) gone.add(o);
    }
    return { rules: this.rules, verdicts: this.verdicts };
  }

  /** The verdict of rule `i` from the coverage index of all filed rules before it. */
  private fresh(i: number): RuleVerdict {
    const rule = this.rules[i];
    if (!rule.decodable) return UNDECODABLE;
    const coveredBy = this.lookUp(i, rule);
    return { coveredBy, sensitive: coveredBy === undefined ? this.probeCoverers(i, rule) : NOTHING };
  }

  /** For each kind of sensitive request rule `i` logs the bodies of, the first filed rule before it taking them all. */
  private probeCoverers(i: number, rule: DecodedRule): Array<number | undefined | null> {
    return probesOf(rule).map((probe) => (probe === null ? null : this.lookUp(i, probe)));
  }

  /** The first filed rule before `i` that covers `target`. */
  private lookUp(i: number, target: DecodedRule): number | undefined {
    if (!this.index && this.scanBudget >= i) {
      this.scanBudget -= i;
      for (let j = 0; j < i; j++)
        if (filed(this.rules[j], this.verdicts[j]) && subsumes(this.rules[j], target)) return j;
      return undefined;
    }
    if (!this.index) this.index = new SubsumptionIndex(this.rules);
    for (; this.indexed < i; this.indexed++) {
      if (filed(this.rules[this.indexed], this.verdicts[this.indexed])) this.index.add(this.indexed);
    }
    return this.index.coveringRule(target);
  }
}

// The semantic diff against kube-apiserver's checker: pairs of policies (OLD, NEW) both loaded by
// the oracle (pairs.ts), compared by the project's diff as `kube-audit-policy diff
// --kubernetes-version 1.20` compares them. Every reported class's example request must get, from
// the oracle, exactly the old and new rule, level and stages the class states, and they must
// differ. Then requests drawn from both policies' selectors (requests.ts), as attributes and as
// METHOD + URL: a request the oracle decides differently (level, or stages where recorded) must lie
// in a reported class whose outcomes are the oracle's; one it decides the same (by a rule that says
// the same thing, wherever it moved) must lie in none. A request decided by rules that say different
// things at the same level and stages may lie in a class (the diff then names both rules) or in
// none (the diff pairs the two rules as one, docs/DIFF.md): a class it lies in must state the
// oracle's outcomes.
import { strict as assert } from 'node:assert';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { Oracle } from '../helpers/oracle';
import type { OracleAttributes, OracleHttpRequest, OracleRequest, OracleResult } from '../helpers/oracle';
import { cellContains, DiffTooLargeError } from '../../server/src/service';
import type { Change, CompiledPolicy, RequestAttributes } from '../../server/src/service';
import { BUDGET_MS, DIFF_PAIRS, PAIR_FLOOR, SEED } from './budget';
import { corpusPolicies } from './corpus';
import { compiled, projectDiff, requestOfLine } from './diffProject';
import type { Decided } from './diffProject';
import { newText, oldText as pairOld, pairArbitrary } from './pairs';
import { asReceived, attributesOf, oracleAttributes, receivable, resolvedAttributes } from './realRequests';
import { attributeRequests, httpRequests } from './requests';
import { boundaryRequests } from './boundaryRequests';
import { Tally } from './tally';
import { Differences } from './differences';
import type { DiffDisagreement } from './differences';

const oracle = new Oracle();
const differences = new Differences();
/** A disagreement, excused only by a difference docs/FIDELITY.md documents (differences.ts). */
const report = (tally: Tally, d: DiffDisagreement): void => tally.differ(d, differences.explain(d));
after(() => oracle.close());
const corpus = corpusPolicies();
const sources = corpus.map((p) => p.text);
/** Requests drawn from each side's selectors, in each form, per pair. */
const PER_SIDE = 40;
/** Within the suite's budget: the default run of this comparison stays near a minute. */
const BUDGET = Math.min(BUDGET_MS, Number(process.env.DIFF_PAIRS_BUDGET_MS ?? 60_000));

const decided = (r: OracleResult): Decided | undefined =>
  r.requestInfoError !== undefined || r.level === null
    ? undefined
    : { rule: r.matchedRule === -1 ? null : r.matchedRule, level: r.level, omitStages: [...r.omitStages].sort() };

const sameDecided = (a: Decided, b: Decided): boolean =>
  a.rule === b.rule && a.level === b.level && a.omitStages.join() === b.omitStages.join();

/** What the oracle's two answers say about one request: must it be reported, may it be? */
function recordedDifferently(o: Decided, n: Decided): boolean {
  if (o.level !== n.level) return true;
  return o.level !== 'None' && o.omitStages.join() !== n.omitStages.join();
}

interface Side {
  readonly text: string;
  readonly policy: CompiledPolicy;
}

function sameRuleContent(old: Side, next: Side, o: Decided, n: Decided): boolean {
  if (o.rule === null || n.rule === null) return o.rule === n.rule;
  const content = (p: CompiledPolicy, i: number): string => {
    // 1.20 drops omitManagedFields (an unknown field before 1.23).
    const { anchor: _anchor, omitManagedFields: _dropped, ...rule } = p.rules[i];
    return JSON.stringify(rule);
  };
  return content(old.policy, o.rule) === content(next.policy, n.rule);
}

const claim = (c: Change): object => ({
  description: c.description,
  example: c.example,
  changed: c.changed,
  old: { rule: c.old.rule, level: c.old.level, omitStages: [...c.old.omitStages].sort() },
  new: { rule: c.new.rule, level: c.new.level, omitStages: [...c.new.omitStages].sort() },
});

const asDecided = (o: Change['old']): Decided => ({
  rule: o.rule,
  level: o.level,
  omitStages: [...o.omitStages].sort(),
});

interface Judged {
  readonly tally: Tally;
  readonly request: unknown;
  readonly attributes: RequestAttributes;
  readonly o: Decided;
  readonly n: Decided;
}

test(`the semantic diff reports exactly the requests kube-apiserver decides differently (seed ${SEED}, ${DIFF_PAIRS} pairs)`, async () => {
  const examples = new Tally('diff: example requests of reported classes');
  const attributes = new Tally('diff: requests as attributes');
  const http = new Tally('diff: requests as METHOD + URL');
  const edges = new Tally('diff: requests at the edges of reported classes');
  const counts = { pairs: 0, refused: 0, unchanged: 0, tooLarge: 0, classes: 0, outsideDomain: 0, paired: 0 };
  const started = Date.now();

  const judge = (old: Side, next: Side, changes: readonly Change[], j: Judged): void => {
    const holders = changes.filter((c) => cellContains(c.cell, j.attributes));
    const differently = recordedDifferently(j.o, j.n);
    const sameRule = sameRuleContent(old, next, j.o, j.n);
    let problem: string | undefined;
    if (holders.length > 1) problem = `the request lies in ${holders.length} reported classes`;
    else if (holders.length === 0 && differently) problem = 'kube-apiserver records it differently; no class holds it';
    else if (
      holders.length === 1 &&
      !(sameDecided(asDecided(holders[0].old), j.o) && sameDecided(asDecided(holders[0].new), j.n))
    )
      problem = "the class holding it states outcomes other than kube-apiserver's";
    else if (holders.length === 1 && !differently && sameRule)
      problem = 'kube-apiserver decides it the same (same rule), yet a class holds it';
    if (problem === undefined) {
      if (!differently && !sameRule && holders.length === 0) counts.paired++;
      return j.tally.agree();
    }
    report(j.tally, {
      kind: 'diff',
      problem,
      old: old.text,
      new: next.text,
      request: j.request,
      classes: holders.map(claim),
      oracle: { old: j.o, new: j.n },
    });
  };

  for (let batch = 0; counts.pairs < DIFF_PAIRS && Date.now() - started < BUDGET; batch++) {
    const pairs = fc.sample(pairArbitrary(sources.length), { seed: SEED + 2_000_000 + batch, numRuns: 10 });
    for (const pair of pairs) {
      if (counts.pairs >= DIFF_PAIRS || Date.now() - started >= BUDGET) break;
      const oldText = pairOld(pair, sources);
      const next = newText(pair, sources);
      if (next === undefined || next === oldText) continue;
      const loads = await Promise.all([oracle.ask(oldText), oracle.ask(next)]);
      if (loads.some((a) => a.loadError !== null)) {
        counts.refused++;
        continue;
      }
      const old: Side = { text: oldText, policy: compiled(oldText) };
      const neu: Side = { text: next, policy: compiled(next) };
      let changes: readonly Change[];
      try {
        changes = projectDiff(old.policy, neu.policy);
      } catch (error) {
        if (!(error instanceof DiffTooLargeError)) throw error;
        counts.tooLarge++;
        continue;
      }
      counts.pairs++;
      counts.classes += changes.length;
      if (changes.length === 0) counts.unchanged++;

      // Each class's example, as the line (or attributes) it prints and as the request it holds.
      const exampleRequests: Array<{ request: OracleRequest; change: Change }> = changes.flatMap((change) => {
        const line = requestOfLine(change.example);
        const asAttributes = oracleAttributes(change.request);
        return [...(line ? [{ request: line, change }] : []), { request: asAttributes, change }];
      });
      const seed = SEED + 3_000_000 + counts.pairs;
      const drawnAttributes = [old, neu]
        .flatMap((s) => fc.sample(attributeRequests(s.policy), { seed, numRuns: PER_SIDE }).map(asReceived))
        .filter((r) => receivable(r) || (counts.outsideDomain++, false));
      const drawnHttp = [old, neu].flatMap((s) => fc.sample(httpRequests(s.policy), { seed, numRuns: PER_SIDE }));
      const atEdges = boundaryRequests(changes, 2 * PER_SIDE)
        .map(asReceived)
        .filter(receivable);
      const asked: OracleRequest[] = [
        ...exampleRequests.map((e) => e.request),
        ...drawnAttributes,
        ...drawnHttp,
        ...atEdges,
      ];
      const edgesFrom = asked.length - atEdges.length;
      const [a, b] = await Promise.all([oracle.ask(oldText, asked), oracle.ask(next, asked)]);

      asked.forEach((request, i) => {
        const o = decided(a.results[i]);
        const n = decided(b.results[i]);
        if (i < exampleRequests.length) {
          const { change } = exampleRequests[i];
          const ok =
            o !== undefined &&
            n !== undefined &&
            sameDecided(asDecided(change.old), o) &&
            sameDecided(asDecided(change.new), n) &&
            (recordedDifferently(o, n) || !sameRuleContent(old, neu, o, n));
          if (ok) return examples.agree();
          const problem =
            o === undefined || n === undefined
              ? 'kube-apiserver does not audit the example'
              : "the example's outcomes are not kube-apiserver's, or do not differ";
          return report(examples, {
            kind: 'diff',
            problem,
            old: oldText,
            new: next,
            request,
            classes: [claim(change)],
            oracle: { old: o ?? null, new: n ?? null },
          });
        }
        // Requests the real factory could not resolve are never audited, under either policy.
        if (o === undefined || n === undefined) return;
        const isHttp = 'method' in request;
        const attrs = isHttp
          ? resolvedAttributes(request as OracleHttpRequest, a.results[i].requestInfo ?? {})
          : attributesOf(request as OracleAttributes);
        const tally = isHttp ? http : i >= edgesFrom ? edges : attributes;
        judge(old, neu, changes, { tally, request, attributes: attrs, o, n });
      });
    }
  }

  console.log(
    `# differential diff: ${counts.pairs} pairs compared (${counts.unchanged} without a change, ${counts.classes} classes)` +
      `, ${counts.refused} pairs skipped as kube-apiserver refuses a side, ${counts.tooLarge} too large to compare` +
      `; ${counts.outsideDomain} drawn attribute requests no client can send were not asked` +
      `; ${counts.paired} requests decided by different rules at the same level and stages, which the diff pairs`,
  );
  for (const t of [examples, attributes, http, edges]) console.log(t.summary());
  for (const t of [examples, attributes, http, edges]) assert.equal(t.unexplained.length, 0, t.failure(4));
  assert.ok(
    counts.pairs >= PAIR_FLOOR,
    `only ${counts.pairs} pairs compared within ${BUDGET} ms (at least ${PAIR_FLOOR} expected): raise DIFF_BUDGET_MS`,
  );
});

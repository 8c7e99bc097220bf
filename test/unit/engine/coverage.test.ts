// The unreachable-rule analysis must be sound: whenever it says rule A covers rule B, every
// request B matches, A matches too (checked with random rules and requests against the
// evaluator's own matching). And its index must find what comparing every pair finds, without
// comparing every pair: a 5,000-rule policy is analysed in well under a second.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeRule, createPolicyDocument, unreachableRules } from '../../../server/src/service';
import type { DecodedRule, RequestAttributes } from '../../../server/src/service';
import { SubsumptionIndex } from '../../../server/src/service/engine/subsumptionIndex';
import { subsumes } from '../../../server/src/service/engine/subsumes';
import { matches } from '../../../server/src/service/engine/match';
import { generatePolicyText } from './generatedPolicy';

const small = <T>(values: readonly T[]): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 });
const USERS = ['a', 'b', 'c'];
const GROUPS = ['g', 'h'];
const VERBS = ['get', 'list', 'create', 'delete', 'post'];
const NAMESPACES = ['', 'x', 'y'];
const API_GROUPS = ['', 'apps', '*'];
const PATTERNS = [
  '*',
  'pods',
  'pods/log',
  'pods/*',
  '*/log',
  '*/scale',
  'deployments',
  'deployments/scale',
  '*/*',
  'po*',
];
const NAMES = ['', 'n1', 'n2'];
const URLS = ['*', '/healthz', '/healthz*', '/healthz/etcd', '/metrics', '/m*', '/'];

const groupResources = fc.record({
  group: fc.constantFrom(...API_GROUPS),
  resources: small(PATTERNS),
  resourceNames: small(NAMES),
});

const rule: fc.Arbitrary<DecodedRule> = fc
  .record({
    users: small(USERS),
    userGroups: small(GROUPS),
    verbs: small(VERBS),
    namespaces: fc.oneof(fc.constant([] as string[]), small(NAMESPACES)),
    resources: fc.oneof(fc.constant([]), fc.array(groupResources, { maxLength: 2 })),
    nonResourceURLs: fc.oneof(fc.constant([] as string[]), small(URLS)),
  })
  .map((r) => ({
    ...r,
    level: 'None',
    omitStages: [],
    omitManagedFields: undefined,
    decodable: true,
    anchor: { start: 0, end: 0 },
  }));

const request: fc.Arbitrary<RequestAttributes> = fc
  .record({
    user: fc.option(fc.constantFrom(...USERS, 'z'), { nil: undefined }),
    groups: small([...GROUPS, 'other']),
    verb: fc.constantFrom(...VERBS, 'watch'),
    resourceRequest: fc.boolean(),
    namespace: fc.constantFrom(...NAMESPACES, 'w'),
    apiGroup: fc.constantFrom('', 'apps', 'batch'),
    resource: fc.constantFrom('pods', 'deployments', 'secrets', '*'),
    subresource: fc.constantFrom('', 'log', 'scale', '*'),
    name: fc.constantFrom(...NAMES, 'n3'),
    path: fc.constantFrom(...URLS, '/healthzfoo', '/metrics/x', '/logs'),
  })
  .map((r) => {
    const { user, ...rest } = r;
    return {
      ...(user === undefined ? {} : { user }),
      ...rest,
      groups: user === undefined ? [] : rest.groups,
      apiVersion: 'v1',
    };
  });

test('sound: a covering rule matches every request the covered rule matches', () => {
  fc.assert(
    fc.property(rule, rule, fc.array(request, { minLength: 20, maxLength: 40 }), (a, b, requests) => {
      if (!subsumes(a, b)) return;
      for (const req of requests)
        if (matches(b, req))
          assert.ok(
            matches(a, req),
            `subsumes() said yes, but ${JSON.stringify(req)} matches B and not A:\nA=${JSON.stringify(a)}\nB=${JSON.stringify(b)}`,
          );
    }),
    { numRuns: 8000 },
  );
});

/** B drawn inside A (a subset of each of A's lists) or partly from R, so that subsumes() is often true
 *  and its proofs, not only its refusals, meet many requests. */
const nested: fc.Arbitrary<[DecodedRule, DecodedRule]> = fc.tuple(rule, rule, fc.boolean()).map(([a, r, exact]) => {
  const inside = (mine: readonly string[], other: readonly string[]): string[] =>
    mine.length === 0 ? [...other] : exact ? [...mine] : [mine[0], ...other.filter((x) => mine.includes(x))];
  const b: DecodedRule = {
    ...r,
    users: inside(a.users, r.users),
    userGroups: inside(a.userGroups, r.userGroups),
    verbs: inside(a.verbs, r.verbs),
    namespaces: inside(a.namespaces, r.namespaces),
    nonResourceURLs: inside(a.nonResourceURLs, r.nonResourceURLs),
    resources:
      a.resources.length === 0
        ? r.resources
        : a.resources.slice(0, 1).map((gr) => ({
            ...gr,
            resources: inside(gr.resources, r.resources[0]?.resources ?? []),
            resourceNames: inside(gr.resourceNames, []),
          })),
  };
  return [a, b];
});

test('sound on nested rules too, where subsumes() says yes often', () => {
  let proved = 0;
  fc.assert(
    fc.property(nested, fc.array(request, { minLength: 20, maxLength: 40 }), ([a, b], requests) => {
      if (!subsumes(a, b)) return;
      proved++;
      for (const req of requests)
        if (matches(b, req))
          assert.ok(
            matches(a, req),
            `subsumes() said yes, but ${JSON.stringify(req)} matches B and not A:\nA=${JSON.stringify(a)}\nB=${JSON.stringify(b)}`,
          );
    }),
    { numRuns: 4000 },
  );
  assert.ok(proved > 1000, `only ${proved} nested pairs proved`);
});

test('subsumes() is not vacuous: it proves typical cases', () => {
  let proved = 0;
  fc.assert(
    fc.property(rule, rule, (a, b) => {
      if (subsumes(a, b)) proved++;
    }),
    { numRuns: 5000 },
  );
  assert.ok(proved > 100, `only ${proved} of 5000 random pairs proved`);
});

test('the index finds the same covering rule as comparing every earlier rule', () => {
  fc.assert(
    fc.property(fc.array(rule, { maxLength: 25 }), (rules) => {
      const expected = rules.flatMap((r, j) => {
        const by = rules.slice(0, j).findIndex((earlier) => subsumes(earlier, r));
        return by === -1 ? [] : [{ rule: j, coveredBy: by }];
      });
      assert.deepEqual(unreachableRules(rules), expected);
    }),
    { numRuns: 3000 },
  );
});

/** The unreachable-rule loop over the index alone, counting its comparisons. */
function analyse(rules: readonly DecodedRule[]): { found: number; comparisons: number; ms: number } {
  const index = new SubsumptionIndex(rules);
  const start = performance.now();
  let found = 0;
  for (let i = 0; i < rules.length; i++) {
    if (index.coveringRule(rules[i]) !== undefined) found++;
    else index.add(i);
  }
  return { found, comparisons: index.comparisons, ms: performance.now() - start };
}

test('5,000 rules are analysed in near-linear time', () => {
  const rules = createPolicyDocument('file:///bench.yaml', 1, generatePolicyText(5000)).parsed.rules.map((r) =>
    decodeRule(r.node),
  );
  // The work is counted, not timed (tests run in parallel): comparing every pair would be 12.5 million.
  const distinct = analyse(rules);
  assert.equal(distinct.found, 0); // the generated rules are all distinct and reachable
  assert.ok(distinct.comparisons < 20 * rules.length, `${distinct.comparisons} comparisons for ${rules.length} rules`);
  assert.ok(distinct.ms < 5000, `took ${distinct.ms.toFixed(0)} ms`);
  // 5,000 identical rules: each is covered by the first, and a covered rule is not filed.
  const same = analyse(Array.from({ length: 5000 }, () => rules[1]));
  assert.equal(same.found, 4999);
  assert.ok(same.comparisons < 2 * 5000, `${same.comparisons} comparisons`);
});

// The semantic diff against the evaluator itself, on random policies: a rewrite that changes
// nothing reports no change; a random edit of one rule reports exactly the requests that change.
// "Exactly" is checked on sampled real requests: a request lies in a reported class if and only if
// the evaluator decides it differently in the two versions, with the outcomes the class states;
// and the cells the request space was split into are a partition the evaluator agrees with.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { cellContains, diffPolicies, evaluate, explore } from '../../../server/src/service';
import type { CompiledPolicy, DecodedRule, RequestAttributes } from '../../../server/src/service';
import { RuleIdentity } from '../../../server/src/service/diff/ruleIdentity';

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
const USERS = ['a', 'b', 'c'];
const GROUPS = ['g', 'h'];
const VERBS = ['get', 'list', 'watch', 'create', 'delete', 'deletecollection', 'patch', 'post', 'propfind'];
const NAMESPACES = ['', 'x', 'y'];
const API_GROUPS = ['', 'apps', '*'];
const PATTERNS = ['*', 'pods', 'pods/log', 'pods/*', '*/log', '*/scale', 'deployments', 'deployments/scale', '*/*'];
const NAMES = ['n1', 'n2', ''];
const URLS = ['*', '/healthz', '/healthz*', '/healthz/etcd', '/metrics', '/m*', '/', '/api*', '/apis'];

const small = <T>(values: readonly T[]): fc.Arbitrary<T[]> =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: 3 });

const resourceEntry = fc
  .record({ group: fc.constantFrom(...API_GROUPS), resources: small(PATTERNS), resourceNames: small(NAMES) })
  .map((e) => (e.resources.length === 0 ? { ...e, resourceNames: [] } : e));

const rule: fc.Arbitrary<DecodedRule> = fc
  .record({
    level: fc.constantFrom(...LEVELS),
    omitStages: small(STAGES),
    users: small(USERS),
    userGroups: small(GROUPS),
    verbs: small(VERBS),
    target: fc.constantFrom('resource', 'url', 'any'),
    namespaces: small(NAMESPACES),
    resources: fc.array(resourceEntry, { maxLength: 2 }),
    nonResourceURLs: fc.uniqueArray(fc.constantFrom(...URLS), { minLength: 1, maxLength: 3 }),
  })
  .map(({ target, ...r }) => ({
    ...r,
    namespaces: target === 'resource' ? r.namespaces : [],
    resources: target === 'resource' ? r.resources : [],
    nonResourceURLs: target === 'url' ? r.nonResourceURLs : [],
    omitManagedFields: undefined,
    decodable: true,
    anchor: { start: 0, end: 0 },
  }));

const policyOf = (rules: readonly DecodedRule[], omitStages: readonly string[] = []): CompiledPolicy => ({
  settings: { omitStages, omitManagedFields: false },
  rules,
});
const policyRules = fc.array(rule, { minLength: 1, maxLength: 6 });

/** Real requests only: what kube-apiserver's request-info resolver can produce (the diff's domain). */
const resourceRequest: fc.Arbitrary<RequestAttributes> = fc
  .record({
    user: fc.option(fc.constantFrom(...USERS, 'z'), { nil: undefined }),
    groups: small([...GROUPS, 'k']),
    // "": a method RequestInfoFactory's verb switch does not name (OPTIONS, CONNECT...).
    verb: fc.constantFrom(
      'get',
      'list',
      'watch',
      'create',
      'update',
      'patch',
      'delete',
      'deletecollection',
      'proxy',
      '',
    ),
    namespace: fc.constantFrom(...NAMESPACES, 'w'),
    apiGroup: fc.constantFrom('', 'apps', 'batch'),
    resource: fc.constantFrom('pods', 'deployments', 'secrets', '*'),
    subresource: fc.constantFrom('', 'log', 'scale', 'status', '*'),
    name: fc.constantFrom(...NAMES, 'n3'),
  })
  .map((r) => {
    // requestinfo.go: proxy has no subresource; get and delete name an object (without a name they
    // are list, watch or deletecollection), deletecollection none. `/pods//log` is a subresource
    // without a name.
    const subresource = r.verb === 'proxy' ? '' : r.subresource;
    let name = r.name;
    if (r.verb === 'deletecollection') name = '';
    else if ((r.verb === 'get' || r.verb === 'delete') && name === '') name = 'n3';
    return {
      ...r,
      groups: r.user === undefined ? [] : r.groups,
      subresource,
      name,
      resourceRequest: true,
      apiVersion: 'v1',
      path: '/api/v1/x',
    };
  });

const nonResourceRequest: fc.Arbitrary<RequestAttributes> = fc
  .record({
    user: fc.option(fc.constantFrom(...USERS, 'z'), { nil: undefined }),
    groups: small([...GROUPS, 'k']),
    verb: fc.constantFrom('get', 'post', 'put', 'head', 'delete', 'propfind'),
    path: fc.constantFrom(
      '/healthz',
      '/healthz/etcd',
      '/healthzx',
      '/metrics',
      '/m',
      '/mx',
      '/',
      '/x',
      '/api',
      '/apis',
      '/apis/apps',
      '/api/v1',
      '/apiz',
    ),
  })
  .map((r) => ({
    ...r,
    groups: r.user === undefined ? [] : r.groups,
    resourceRequest: false,
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
  }));

const requests = fc.array(fc.oneof(resourceRequest, nonResourceRequest), { minLength: 40, maxLength: 40 });

function changes(a: CompiledPolicy, b: CompiledPolicy, identity: RuleIdentity, r: RequestAttributes): boolean {
  const x = evaluate(a, r);
  const y = evaluate(b, r);
  // Stages matter only to recorded requests (a None request has no events); managed fields only
  // where bodies are recorded (Request, RequestResponse).
  const recorded = x.level !== 'None' || y.level !== 'None';
  const bodies = [x.level, y.level].every((l) => l === 'Request' || l === 'RequestResponse');
  return (
    x.level !== y.level ||
    (recorded && x.omitStages.join() !== y.omitStages.join()) ||
    (bodies && x.omitManagedFields !== y.omitManagedFields) ||
    !identity.same(x.rule, y.rule)
  );
}

/** The diff of a and b is exact on these requests, and its cells partition them as the evaluator does. */
function assertExact(a: CompiledPolicy, b: CompiledPolicy, sample: readonly RequestAttributes[]): void {
  const diff = diffPolicies(a, b);
  const identity = new RuleIdentity(a.rules, b.rules);
  for (const c of diff.changes)
    assert.ok(changes(a, b, identity, c.request), `the example of "${c.description}" does not change`);
  const leaves = explore(a.rules, b.rules);
  for (const r of sample) {
    const containing = diff.changes.filter((c) => cellContains(c.cell, r));
    assert.ok(containing.length <= 1, `classes overlap on ${JSON.stringify(r)}`);
    assert.equal(
      containing.length === 1,
      changes(a, b, identity, r),
      `class membership and change disagree on ${JSON.stringify(r)}`,
    );
    if (containing.length === 1) {
      assert.equal(evaluate(a, r).level, containing[0].old.level);
      assert.equal(evaluate(b, r).level, containing[0].new.level);
    }
    const cells = leaves.filter((l) => cellContains(l.cell, r));
    assert.equal(cells.length, 1, `the request lies in ${cells.length} cells: ${JSON.stringify(r)}`);
    assert.equal(evaluate(a, r).rule, cells[0].oldRule);
    assert.equal(evaluate(b, r).rule, cells[0].newRule);
  }
}

const distinct = (rules: readonly DecodedRule[]): boolean =>
  new Set(rules.map((r) => JSON.stringify({ ...r, anchor: 0 }))).size === rules.length;

test('reordering two rules that never overlap (disjoint users) changes nothing', () => {
  fc.assert(
    fc.property(policyRules, fc.nat(), (rules, at) => {
      if (rules.length < 2) return;
      const i = at % (rules.length - 1);
      const old = rules.map((r, k) => (k === i ? { ...r, users: ['a'] } : k === i + 1 ? { ...r, users: ['b'] } : r));
      if (!distinct(old)) return;
      const swapped = [...old];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1], swapped[i]];
      assert.deepEqual(
        diffPolicies(policyOf(old), policyOf(swapped)).changes.map((c) => c.description),
        [],
      );
    }),
    { numRuns: 50 },
  );
});

test('splitting a rule in two by one of its lists changes nothing', () => {
  const field = fc.constantFrom(
    'users',
    'userGroups',
    'verbs',
    'namespaces',
    'resources',
    'nonResourceURLs',
  ) as fc.Arbitrary<'users' | 'userGroups' | 'verbs' | 'namespaces' | 'resources' | 'nonResourceURLs'>;
  fc.assert(
    fc.property(policyRules, fc.nat(), field, (rules, at, key) => {
      const i = at % rules.length;
      const list = rules[i][key] as readonly unknown[];
      if (list.length < 2 || !distinct(rules)) return;
      const first = { ...rules[i], [key]: list.slice(0, 1) };
      const rest = { ...rules[i], [key]: list.slice(1) };
      const split = [...rules.slice(0, i), first, rest, ...rules.slice(i + 1)];
      assert.deepEqual(
        diffPolicies(policyOf(rules), policyOf(split)).changes.map((c) => c.description),
        [],
      );
    }),
    { numRuns: 50 },
  );
});

test('merging duplicate entries and duplicate rules changes nothing', () => {
  fc.assert(
    fc.property(policyRules, fc.nat(), (rules, at) => {
      const i = at % rules.length;
      const r = rules[i];
      const doubled = {
        ...r,
        verbs: [...r.verbs, ...r.verbs],
        users: [...r.users, ...r.users],
        resources: [...r.resources, ...r.resources],
      };
      const withDuplicates = [...rules.slice(0, i), doubled, r, ...rules.slice(i + 1)];
      assert.deepEqual(
        diffPolicies(policyOf(withDuplicates), policyOf(rules)).changes.map((c) => c.description),
        [],
      );
    }),
    { numRuns: 50 },
  );
});

const edit = fc.oneof(
  fc.record({ kind: fc.constant('level'), level: fc.constantFrom(...LEVELS) }),
  fc.record({ kind: fc.constant('stages'), stages: small(STAGES) }),
  fc.record({ kind: fc.constant('users'), users: small(USERS) }),
  fc.record({ kind: fc.constant('verbs'), verbs: small(VERBS) }),
  fc.record({ kind: fc.constant('groups'), groups: small(GROUPS) }),
  fc.record({ kind: fc.constant('replace'), rule }),
  fc.record({ kind: fc.constant('delete') }),
);

test('a random edit of one rule reports exactly the requests that change', () => {
  fc.assert(
    fc.property(policyRules, fc.nat(), edit, requests, (rules, at, e, sample) => {
      const i = at % rules.length;
      const r = rules[i];
      let edited: DecodedRule[];
      if (e.kind === 'delete') edited = rules.filter((_, k) => k !== i);
      else {
        const changed: DecodedRule =
          e.kind === 'level'
            ? { ...r, level: e.level }
            : e.kind === 'stages'
              ? { ...r, omitStages: e.stages }
              : e.kind === 'users'
                ? { ...r, users: e.users }
                : e.kind === 'verbs'
                  ? { ...r, verbs: e.verbs }
                  : e.kind === 'groups'
                    ? { ...r, userGroups: e.groups }
                    : e.rule;
        edited = rules.map((x, k) => (k === i ? changed : x));
      }
      assertExact(policyOf(rules), policyOf(edited), sample);
    }),
    { numRuns: 40 },
  );
});

test('a change of the policy-wide omitStages is reported for every request it reaches', () => {
  fc.assert(
    fc.property(policyRules, small(STAGES), requests, (rules, stages, sample) => {
      assertExact(policyOf(rules), policyOf(rules, stages), sample);
    }),
    { numRuns: 20 },
  );
});

// A port of kube-apiserver's own checker tests (k8s.io/apiserver pkg/audit/policy/checker_test.go:
// TestChecker, TestCheckerPolicyOmitStages, TestUnionStages, TestOmitManagedFields) as tables.
// The rules are written as YAML and read through our parser, so the port also covers decoding.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { compilePolicy, evaluate, unionStages } from '../../../server/src/service';
import type { RequestAttributes } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

const tim = { user: 'tim@k8s.io', groups: ['humans', 'developers'] };
const resource = {
  resourceRequest: true,
  namespace: '',
  apiGroup: '',
  apiVersion: 'v1',
  resource: '',
  subresource: '',
  name: '',
  path: '',
};

const ATTRS: Record<string, RequestAttributes> = {
  namespaced: {
    ...tim,
    ...resource,
    verb: 'get',
    namespace: 'default',
    resource: 'pods',
    name: 'busybox',
    path: '/api/v1/namespaces/default/pods/busybox',
  },
  cluster: {
    ...tim,
    ...resource,
    verb: 'get',
    apiGroup: 'rbac.authorization.k8s.io',
    apiVersion: 'v1beta1',
    resource: 'clusterroles',
    name: 'edit',
    path: '/apis/rbac.authorization.k8s.io/v1beta1/clusterroles/edit',
  },
  nonResource: { ...tim, ...resource, resourceRequest: false, apiVersion: '', verb: 'get', path: '/logs/kubelet.log' },
  subresource: {
    ...tim,
    ...resource,
    verb: 'get',
    namespace: 'default',
    resource: 'pods',
    subresource: 'log',
    name: 'busybox',
    path: '/api/v1/namespaces/default/pods/busybox',
  },
  Unauthorized: {
    groups: [],
    ...resource,
    verb: 'get',
    namespace: 'default',
    resource: 'pods',
    name: 'busybox',
    path: '/api/v1/namespaces/default/pods/busybox',
  },
};

/** checker_test.go `rules`, as the YAML of one rule item each. */
const RULES: Record<string, string[]> = {
  default: ['- level: Metadata'],
  create: ['- level: Request', '  verbs: ["create"]'],
  tims: ['- level: Metadata', '  users: ["tim@k8s.io"]'],
  humans: ['- level: Metadata', '  userGroups: ["humans"]'],
  serviceAccounts: ['- level: Request', '  userGroups: ["system:serviceaccounts"]'],
  getPods: ['- level: RequestResponse', '  verbs: ["get"]', '  resources: [{resources: ["pods"]}]'],
  getPodLogs: ['- level: Request', '  verbs: ["get"]', '  resources: [{resources: ["pods/log"]}]'],
  getPodWildcardMatching: ['- level: Request', '  verbs: ["get"]', '  resources: [{resources: ["*"]}]'],
  getPodResourceWildcardMatching: ['- level: Request', '  verbs: ["get"]', '  resources: [{resources: ["*/log"]}]'],
  getPodSubResourceWildcardMatching: ['- level: Request', '  verbs: ["get"]', '  resources: [{resources: ["pods/*"]}]'],
  getClusterRoles: [
    '- level: RequestResponse',
    '  verbs: ["get"]',
    '  resources: [{group: rbac.authorization.k8s.io, resources: ["clusterroles"]}]',
    '  namespaces: [""]',
  ],
  getLogs: ['- level: RequestResponse', '  verbs: ["get"]', '  nonResourceURLs: ["/logs*"]'],
  getMetrics: ['- level: Request', '  verbs: ["get"]', '  nonResourceURLs: ["/metrics"]'],
  clusterRoleEdit: [
    '- level: Request',
    '  resources: [{group: rbac.authorization.k8s.io, resources: ["clusterroles"], resourceNames: ["edit"]}]',
  ],
  'omit RequestReceived': ['- level: Request', '  omitStages: ["RequestReceived"]'],
  'only audit panic': ['- level: Request', '  omitStages: ["RequestReceived", "ResponseStarted", "ResponseComplete"]'],
};

function check(
  req: string,
  policyStages: readonly string[],
  ruleNames: readonly string[],
): { level: string; omitStages: readonly string[] } {
  const header = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    ...(policyStages.length > 0 ? [`omitStages: ${JSON.stringify(policyStages)}`] : []),
    'rules:',
  ];
  const text = yaml(...header, ...ruleNames.flatMap((n) => RULES[n]));
  const result = evaluate(compilePolicy(doc(text).parsed), ATTRS[req]);
  return { level: result.level, omitStages: result.omitStages };
}

type Row = [request: string, level: string, ...rules: string[]];

/** testAuditLevel: with these expectations for any policy-wide stages (which then apply unchanged). */
const LEVEL_ROWS: Row[] = [
  ['namespaced', 'Metadata', 'default'],
  ['namespaced', 'None', 'create'],
  ['namespaced', 'Metadata', 'tims'],
  ['namespaced', 'Metadata', 'humans'],
  ['namespaced', 'None', 'serviceAccounts'],
  ['namespaced', 'RequestResponse', 'getPods'],
  ['namespaced', 'None', 'getClusterRoles'],
  ['namespaced', 'None', 'getLogs'],
  ['namespaced', 'None', 'getMetrics'],
  ['namespaced', 'Metadata', 'getMetrics', 'serviceAccounts', 'default'],
  ['namespaced', 'RequestResponse', 'getMetrics', 'getPods', 'default'],
  ['namespaced', 'RequestResponse', 'getPodLogs', 'getPods'],

  ['cluster', 'Metadata', 'default'],
  ['cluster', 'None', 'create'],
  ['cluster', 'Metadata', 'tims'],
  ['cluster', 'Metadata', 'humans'],
  ['cluster', 'None', 'serviceAccounts'],
  ['cluster', 'None', 'getPods'],
  ['cluster', 'RequestResponse', 'getClusterRoles'],
  ['cluster', 'Request', 'clusterRoleEdit', 'getClusterRoles'],
  ['cluster', 'None', 'getLogs'],
  ['cluster', 'None', 'getMetrics'],
  ['cluster', 'Metadata', 'getMetrics', 'serviceAccounts', 'default'],
  ['cluster', 'RequestResponse', 'getMetrics', 'getClusterRoles', 'default'],
  ['cluster', 'None', 'getPodLogs', 'getPods'],

  ['nonResource', 'Metadata', 'default'],
  ['nonResource', 'None', 'create'],
  ['nonResource', 'Metadata', 'tims'],
  ['nonResource', 'Metadata', 'humans'],
  ['nonResource', 'None', 'serviceAccounts'],
  ['nonResource', 'None', 'getPods'],
  ['nonResource', 'None', 'getClusterRoles'],
  ['nonResource', 'RequestResponse', 'getLogs'],
  ['nonResource', 'None', 'getMetrics'],
  ['nonResource', 'Metadata', 'getMetrics', 'serviceAccounts', 'default'],
  ['nonResource', 'RequestResponse', 'getLogs', 'getClusterRoles', 'default'],
  ['nonResource', 'None', 'getPodLogs', 'getPods'],

  ['subresource', 'Request', 'getPodLogs', 'getPods'],
  ['subresource', 'Request', 'getPodWildcardMatching'],
  ['subresource', 'Request', 'getPodResourceWildcardMatching'],
  ['subresource', 'Request', 'getPodSubResourceWildcardMatching'],

  ['Unauthorized', 'None', 'tims'],
  ['Unauthorized', 'Metadata', 'tims', 'default'],
  ['Unauthorized', 'None', 'humans'],
  ['Unauthorized', 'Metadata', 'humans', 'default'],
];

const sorted = (s: readonly string[]): string[] => [...s].sort();

function levelTable(policyStages: string[]): void {
  for (const [req, level, ...rules] of LEVEL_ROWS) {
    test(`${req} with ${rules.join(', ')}: ${level}`, () => {
      const got = check(req, policyStages, rules);
      assert.equal(got.level, level);
      assert.deepEqual(sorted(got.omitStages), sorted(policyStages));
    });
  }
}

type StageRow = [request: string, level: string, stages: string[], ...rules: string[]];

function stageTable(policyStages: string[], rows: StageRow[]): void {
  for (const [req, level, stages, ...rules] of rows) {
    test(`${req} with ${rules.join(', ')}: ${level}, omitting ${stages.join(', ')}`, () => {
      const got = check(req, policyStages, rules);
      assert.equal(got.level, level);
      assert.deepEqual(sorted(got.omitStages), sorted(stages));
    });
  }
}

const RR = 'RequestReceived';
const RS = 'ResponseStarted';
const RC = 'ResponseComplete';

describe('TestChecker', () => {
  levelTable([]);
  stageTable(
    [],
    [
      ['namespaced', 'Request', [RR], 'omit RequestReceived', 'getPods', 'default'],
      ['namespaced', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
      ['cluster', 'Request', [RR], 'omit RequestReceived', 'getPods', 'default'],
      ['cluster', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
      ['nonResource', 'Request', [RR], 'omit RequestReceived', 'getPods', 'default'],
      ['nonResource', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
    ],
  );
});

describe('TestCheckerPolicyOmitStages', () => {
  const policyStages = [RR, RS];
  levelTable(policyStages);
  stageTable(policyStages, [
    ['namespaced', 'Request', [RR, RS], 'omit RequestReceived', 'getPods', 'default'],
    ['namespaced', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
    ['cluster', 'Request', [RR, RS], 'omit RequestReceived', 'getPods', 'default'],
    ['cluster', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
    ['nonResource', 'Metadata', [RR, RS], 'default', 'omit RequestReceived', 'getPods'],
    ['nonResource', 'Request', [RR, RS, RC], 'only audit panic', 'getPods', 'default'],
  ]);
});

describe('TestUnionStages', () => {
  const cases: Array<[string[], string[], string[]]> = [
    [[], [], []],
    [[RR], [], [RR]],
    [[RR], [RR], [RR]],
    [[RR], [RS], [RR, RS]],
    [[RR, RR], [RR, RR], [RR]],
    [
      [RR, RS],
      ['Panic', RR],
      [RR, RS, 'Panic'],
    ],
    [[], [RR], [RR]],
  ];
  for (const [a, b, expected] of cases) {
    test(`${JSON.stringify(a)} ∪ ${JSON.stringify(b)}`, () =>
      assert.deepEqual(sorted(unionStages(a, b)), sorted(expected)));
  }
});

describe('TestOmitManagedFields', () => {
  const get: RequestAttributes = {
    groups: [],
    ...resource,
    resourceRequest: false,
    apiVersion: '',
    verb: 'get',
    path: '/',
  };
  const cases: Array<{ name: string; policy: string; rule: string[]; want: boolean }> = [
    { name: 'global policy default is false, rule does not override', policy: 'false', rule: [], want: false },
    { name: 'global policy default is true, rule does not override', policy: 'true', rule: [], want: true },
    {
      name: 'global policy default is true, rule overrides to false',
      policy: 'true',
      rule: ['  omitManagedFields: false'],
      want: false,
    },
    {
      name: 'global policy default is false, rule overrides to true',
      policy: 'false',
      rule: ['  omitManagedFields: true'],
      want: true,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const text = yaml(
        'apiVersion: audit.k8s.io/v1',
        'kind: Policy',
        `omitManagedFields: ${c.policy}`,
        'rules:',
        '- level: RequestResponse',
        '  verbs: ["get"]',
        ...c.rule,
      );
      assert.equal(evaluate(compilePolicy(doc(text).parsed), get).omitManagedFields, c.want);
    });
  }
  test('no matching rule: the policy value', () => {
    const text = yaml(
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitManagedFields: true',
      'rules:',
      '- level: RequestResponse',
      '  verbs: ["list"]',
      '  omitManagedFields: false',
    );
    const result = evaluate(compilePolicy(doc(text).parsed), get);
    assert.deepEqual([result.rule, result.level, result.omitManagedFields], [undefined, 'None', true]);
  });
});

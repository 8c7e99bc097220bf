// The evaluator on what the checker tests leave out: lenient decoding (kube-apiserver's fallback
// decoder in pkg/audit/policy/reader.go) and the matching rules of checker.go spelled out in the
// spec (§d), each as a policy and the rule that decides a request line.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { explain, parseRequestLine } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

interface Case {
  readonly name: string;
  readonly rules: readonly string[];
  readonly request: string;
  /** 0-based index of the deciding rule, or null for none. */
  readonly rule: number | null;
}

function run(cases: readonly Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const d = doc(yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', ...c.rules));
      assert.equal(explain(d, parseRequestLine(c.request)).rule, c.rule);
    });
  }
}

describe('lenient decoding', () => {
  run([
    {
      name: 'an unknown field is dropped: the entry is the whole core group',
      rules: ['- level: None', '  resources: [{username: bob}]'],
      request: 'alice GET /api/v1/namespaces/x/secrets/s',
      rule: 0,
    },
    {
      name: 'an unknown rule field is dropped: the rule matches more',
      rules: ['- level: None', '  stages: [ResponseComplete]'],
      request: 'alice GET /healthz',
      rule: 0,
    },
    {
      name: 'field names are case-sensitive: Verbs is unknown and dropped',
      rules: ['- level: None', '  Verbs: [list]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p',
      rule: 0,
    },
    {
      name: 'the last duplicate key wins',
      rules: ['- level: None', '  verbs: [get]', '  verbs: [list]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p',
      rule: null,
    },
    {
      name: 'a null list item is "": cluster-scoped requests',
      rules: ['- level: None', '  namespaces: [~]'],
      request: 'alice GET /api/v1/nodes/n1',
      rule: 0,
    },
    {
      name: 'a null resources entry is {}: the whole core group',
      rules: ['- level: None', '  resources: [~]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p',
      rule: 0,
    },
    {
      name: 'a null list is an empty list: every user',
      rules: ['- level: None', '  users:'],
      request: 'GET /healthz',
      rule: 0,
    },
  ]);
});

describe('matching (checker.go)', () => {
  run([
    { name: 'first match wins', rules: ['- level: None', '- level: Metadata'], request: 'alice GET /healthz', rule: 0 },
    {
      name: 'no user: rules with users never match',
      rules: ['- level: None', '  users: [alice]'],
      request: 'GET /healthz',
      rule: null,
    },
    {
      name: "userGroups: any of the user's groups",
      rules: ['- level: None', '  userGroups: [b, c]'],
      request: 'alice groups=a,c GET /healthz',
      rule: 0,
    },
    {
      name: 'namespaces "" is the all-namespaces list',
      rules: ['- level: None', '  namespaces: [""]'],
      request: 'alice GET /api/v1/pods',
      rule: 0,
    },
    {
      name: 'a Namespace object by name has its own namespace',
      rules: ['- level: None', '  namespaces: [""]'],
      request: 'alice GET /api/v1/namespaces/foo',
      rule: null,
    },
    {
      name: 'namespaces make a rule resource-only',
      rules: ['- level: None', '  namespaces: [""]'],
      request: 'alice GET /metrics',
      rule: null,
    },
    {
      name: 'pods/* matches plain pods',
      rules: ['- level: None', '  resources: [{resources: ["pods/*"]}]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p',
      rule: 0,
    },
    {
      name: 'pods does not match pods/log',
      rules: ['- level: None', '  resources: [{resources: [pods]}]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p/log',
      rule: null,
    },
    {
      name: '*/scale needs a subresource',
      rules: ['- level: None', '  resources: [{group: apps, resources: ["*/scale"]}]'],
      request: 'alice GET /apis/apps/v1/namespaces/x/deployments/d',
      rule: null,
    },
    {
      name: '*/scale matches deployments/scale',
      rules: ['- level: None', '  resources: [{group: apps, resources: ["*/scale"]}]'],
      request: 'alice PUT /apis/apps/v1/namespaces/x/deployments/d/scale',
      rule: 0,
    },
    {
      name: 'po* is compared literally',
      rules: ['- level: None', '  resources: [{resources: ["po*"]}]'],
      request: 'alice GET /api/v1/namespaces/x/pods/p',
      rule: null,
    },
    {
      name: 'group "*" matches every group',
      rules: ['- level: None', '  resources: [{group: "*", resources: [deployments]}]'],
      request: 'alice GET /apis/apps/v1/namespaces/x/deployments/d',
      rule: 0,
    },
    {
      name: 'group "" is only the core group',
      rules: ['- level: None', '  resources: [{resources: [deployments]}]'],
      request: 'alice GET /apis/apps/v1/namespaces/x/deployments/d',
      rule: null,
    },
    {
      name: 'resourceNames: a list has no name',
      rules: ['- level: None', '  resources: [{resources: [pods], resourceNames: [p]}]'],
      request: 'alice GET /api/v1/namespaces/x/pods',
      rule: null,
    },
    {
      name: 'resourceNames: a field selector names the object',
      rules: ['- level: None', '  resources: [{resources: [pods], resourceNames: [p]}]'],
      request: 'alice GET /api/v1/namespaces/x/pods?watch=1&fieldSelector=metadata.name%3Dp',
      rule: 0,
    },
    {
      name: 'resourceNames: a create has no name',
      rules: ['- level: None', '  resources: [{resources: [pods], resourceNames: [p]}]'],
      request: 'alice POST /api/v1/namespaces/x/pods',
      rule: null,
    },
    {
      name: 'a URL prefix is a plain string prefix',
      rules: ['- level: None', '  nonResourceURLs: ["/healthz*"]'],
      request: 'alice GET /healthzfoo',
      rule: 0,
    },
    {
      name: 'URLs make a rule non-resource-only',
      rules: ['- level: None', '  nonResourceURLs: ["*"]'],
      request: 'alice GET /api/v1/pods',
      rule: null,
    },
    {
      name: '/api/v1 alone is a non-resource request',
      rules: ['- level: None', '  nonResourceURLs: ["/api*"]'],
      request: 'alice GET /api/v1',
      rule: 0,
    },
    {
      name: 'a non-resource verb is the lower-cased method',
      rules: ['- level: None', '  verbs: [post]'],
      request: 'alice POST /logs',
      rule: 0,
    },
  ]);
});

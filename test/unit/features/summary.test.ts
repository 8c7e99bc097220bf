// What a rule does, in words (hover) and in a line (outline), as a table of rules.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeRule, shortSummary } from '../../../server/src/service/features/summary';
import { doc, yaml } from '../../helpers/fixture';

const ROWS: Array<{ rule: string[]; stages?: string[]; sentence: string; line: string }> = [
  {
    rule: [
      '- namespaces: ["prod-namespace"]',
      '  verbs: ["delete"]',
      '  resources:',
      '  - group: ""',
      '    resources: ["pods"]',
      '    resourceNames: ["webapp-pod "]',
      '  level: RequestResponse',
    ],
    stages: ['RequestReceived'],
    // The name is "webapp-pod " as decoded: the oracle matches a delete of "webapp-pod " to this
    // rule and a delete of "webapp-pod" to no rule (level None).
    sentence:
      'Records request and response bodies of delete requests for the pod "webapp-pod " in namespace prod-namespace; no event at stage RequestReceived; "webapp-pod " never matches (compared exactly, white space included)',
    line: 'RequestResponse: delete "pods/webapp-pod " in prod-namespace',
  },
  // The last of two equal keys wins (oracle: a list request matches this rule, a get request none).
  {
    rule: ['- verbs: [get]', '  verbs: [list]', '  level: Request'],
    sentence: 'Records the metadata and request bodies of list requests',
    line: 'Request: list',
  },
  // A null item is the string "" (oracle: a request by the user "" matches this rule).
  {
    rule: ['- users: [~, alice]', '  level: Metadata'],
    sentence: 'Records the metadata of all requests by "" and alice',
    line: 'Metadata: by "", alice',
  },
  // A null rule is an empty rule (oracle: rules[0].level: Required value).
  {
    rule: ['-'],
    sentence: 'Has no valid level, so kube-apiserver refuses the policy; it would match all requests',
    line: '(no level): everything',
  },
  { rule: ['- level: Metadata'], sentence: 'Records the metadata of all requests', line: 'Metadata: everything' },
  {
    rule: [
      '- level: Request',
      '  verbs: [create, update, patch]',
      '  resources:',
      '  - group: apps',
      '    resources: [deployments, deployments/scale]',
      '  omitStages: [RequestReceived, ResponseStarted]',
    ],
    sentence:
      'Records the metadata and request bodies of create, update and patch requests for deployments and deployments/scale in group apps; no event at stages RequestReceived and ResponseStarted',
    line: 'Request: create, update, patch deployments (apps), deployments/scale (apps)',
  },
  {
    rule: ['- level: None', '  userGroups: ["system:nodes"]', '  namespaces: [""]'],
    sentence: 'Does not record all requests in no namespace (cluster-scoped) by members of system:nodes',
    line: 'None: in "" by system:nodes',
  },
  {
    rule: ['- level: Metadata', '  resources:', '  - group: "*"', '  omitManagedFields: true'],
    sentence: 'Records the metadata of all requests for every resource of every API group; managed fields are dropped',
    line: 'Metadata: * (*)',
  },
  {
    rule: ['- level: Loud', '  users: [alice, bob]'],
    sentence: 'Has no valid level, so kube-apiserver refuses the policy; it would match all requests by alice and bob',
    line: 'Loud: by alice, bob',
  },
];

for (const row of ROWS) {
  test(`summary: ${row.line}`, () => {
    const d = doc(yaml('apiVersion: audit.k8s.io/v1', 'rules:', ...row.rule));
    const node = d.parsed.rules[0].node;
    assert.equal(describeRule(node, row.stages ?? []), row.sentence);
    assert.equal(shortSummary(node), row.line);
  });
}

// Completion as a table: the cursor is `$0`; each row names what must be offered (`exactly` or
// `includes`), what must not, and the text after accepting one item.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { doComplete } from '../../../server/src/service';
import { docAt, settings, yaml } from '../../helpers/fixture';
import { applyEdits } from './apply';

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
const RESOURCE_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'proxy'];
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const RULE_KEYS = [
  'level',
  'users',
  'userGroups',
  'verbs',
  'resources',
  'namespaces',
  'nonResourceURLs',
  'omitStages',
  'omitManagedFields',
];

interface Row {
  readonly name: string;
  readonly input: string;
  readonly exactly?: readonly string[];
  readonly includes?: readonly string[];
  readonly excludes?: readonly string[];
  /** Accept this label and compare the whole text. */
  readonly accept?: { readonly label: string; readonly result: string };
  readonly minor?: number;
}

const ROWS: Row[] = [
  // levels
  { name: 'level value, block', input: yaml(...HEAD, '  - level: $0'), exactly: LEVELS },
  {
    name: 'level value, typed in the middle of a word',
    input: yaml(...HEAD, '  - level: Meta$0dat # note'),
    exactly: LEVELS,
    accept: { label: 'Metadata', result: yaml(...HEAD, '  - level: Metadata # note') },
  },
  {
    name: 'level value, double-quoted',
    input: yaml(...HEAD, '  - level: "Req$0"'),
    exactly: LEVELS,
    accept: { label: 'RequestResponse', result: yaml(...HEAD, '  - level: "RequestResponse"') },
  },
  {
    name: 'level value, single-quoted and unclosed',
    input: yaml(...HEAD, "  - level: 'N$0"),
    exactly: LEVELS,
    accept: { label: 'None', result: yaml(...HEAD, "  - level: 'None'") },
  },
  { name: 'level value in a flow rule', input: yaml(...HEAD, '  - {level: $0}'), exactly: LEVELS },
  // keys
  {
    name: 'policy keys at the top, without the present ones',
    input: yaml('apiVersion: audit.k8s.io/v1', '$0'),
    exactly: ['kind', 'metadata', 'rules', 'omitStages', 'omitManagedFields'],
  },
  {
    name: 'rule keys on a new line of a rule, without the present ones',
    input: yaml(...HEAD, '  - level: None', '    verbs: [get]', '    $0'),
    exactly: RULE_KEYS.filter((k) => k !== 'level' && k !== 'verbs'),
  },
  {
    name: 'rule keys while typing a key',
    input: yaml(...HEAD, '  - level: None', '    ver$0'),
    includes: ['verbs'],
    accept: { label: 'verbs', result: yaml(...HEAD, '  - level: None', '    verbs: [$1]') },
  },
  {
    name: 'renaming a key in place keeps its value',
    input: yaml(...HEAD, '  - level: None', '    ver$0b: [get]'),
    includes: ['verbs'],
    accept: { label: 'verbs', result: yaml(...HEAD, '  - level: None', '    verbs: [get]') },
  },
  {
    name: 'rule keys after a fresh `- `, with the rule snippets',
    input: yaml(...HEAD, '  - level: None', '  - $0'),
    includes: [
      ...RULE_KEYS,
      'rule',
      'rule: None for health checks',
      'rule: catch-all',
      'rule: Metadata for secrets, configmaps and tokenreviews',
      'rule: RequestResponse for deletes of one pod in one namespace',
    ],
  },
  {
    name: 'first key of a new rule while typing it',
    input: yaml(...HEAD, '  - lev$0'),
    includes: ['level'],
    accept: { label: 'level', result: yaml(...HEAD, '  - level: ') },
  },
  {
    name: 'rule snippets on an empty line of the rules list',
    input: yaml(...HEAD, '  - level: None', '  $0'),
    includes: ['rule: catch-all'],
    excludes: ['level'],
    accept: {
      label: 'rule: catch-all',
      result: yaml(
        ...HEAD,
        '  - level: None',
        '  - level: ${1|Metadata,None,Request,RequestResponse|}',
        '    omitStages: ["RequestReceived"]',
      ),
    },
  },
  {
    name: 'resources entry keys',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: apps', '      $0'),
    exactly: ['resources', 'resourceNames'],
  },
  {
    name: 'resources entry keys in a flow mapping',
    input: yaml(...HEAD, '  - level: None', '    resources: [{group: apps, $0}]'),
    exactly: ['resources', 'resourceNames'],
  },
  {
    name: 'first key of a resources entry',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - $0'),
    exactly: ['group', 'resources', 'resourceNames'],
  },
  {
    name: 'omitManagedFields is not offered before Kubernetes 1.23',
    input: yaml(...HEAD, '  - level: None', '    $0'),
    excludes: ['omitManagedFields'],
    minor: 22,
  },
  {
    name: 'rule keys when rule items sit at column 0',
    input: yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None', '  $0'),
    includes: ['verbs'],
    excludes: ['level', 'kind'],
  },
  {
    name: 'policy keys after a rules list at column 0',
    input: yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None', '$0'),
    includes: ['kind', 'omitStages'],
    excludes: ['rules', 'verbs'],
  },
  {
    name: 'keys of a JSON policy',
    input: '{"apiVersion": "audit.k8s.io/v1", "rules": [{"level": "None", "$0"}]}\n',
    includes: ['verbs', 'users'],
    excludes: ['level'],
  },
  {
    name: 'a quoted key in a JSON policy',
    input: '{"apiVersion": "audit.k8s.io/v1", "rules": [{"level": "None", "ver$0"}]}\n',
    includes: ['verbs'],
    accept: { label: 'verbs', result: '{"apiVersion": "audit.k8s.io/v1", "rules": [{"level": "None", "verbs": }]}\n' },
  },
  {
    name: 'a quoted block key keeps its quotes and value',
    input: yaml(...HEAD, '  - "lev$0": None'),
    includes: ['level'],
    accept: { label: 'level', result: yaml(...HEAD, '  - "level": None') },
  },
  {
    name: 'values in a JSON policy keep the double quotes',
    input: '{"apiVersion": "audit.k8s.io/v1", "rules": [{"level": "Meta$0"}]}\n',
    exactly: LEVELS,
    accept: { label: 'Metadata', result: '{"apiVersion": "audit.k8s.io/v1", "rules": [{"level": "Metadata"}]}\n' },
  },
  // stages
  {
    name: 'policy omitStages, flow',
    input: yaml('apiVersion: audit.k8s.io/v1', 'omitStages: [$0]', 'rules:', '- level: None'),
    exactly: STAGES,
  },
  {
    name: 'rule omitStages, block item',
    input: yaml(...HEAD, '  - level: None', '    omitStages:', '    - Resp$0'),
    exactly: STAGES,
  },
  // verbs
  {
    name: 'verbs in a flow list after an item, without the listed ones',
    input: yaml(...HEAD, '  - level: None', '    verbs: [get, $0]'),
    exactly: RESOURCE_VERBS.filter((v) => v !== 'get'),
  },
  {
    name: 'the verb being replaced is offered, the others listed are not',
    input: yaml(...HEAD, '  - level: None', '    verbs: ["li$0st", "watch"]'),
    exactly: RESOURCE_VERBS.filter((v) => v !== 'watch'),
    accept: { label: 'get', result: yaml(...HEAD, '  - level: None', '    verbs: ["get", "watch"]') },
  },
  {
    name: 'verbs in a block list, without the listed ones',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    verbs:',
      '    - get',
      '    - $0',
      '    - "list" # reads',
      '    resources: []',
    ),
    exactly: RESOURCE_VERBS.filter((v) => v !== 'get' && v !== 'list'),
  },
  {
    name: 'verbs of a rule with nonResourceURLs are HTTP methods',
    input: yaml(...HEAD, '  - level: None', '    nonResourceURLs: ["/healthz*"]', '    verbs: ["$0"]'),
    exactly: HTTP_VERBS,
    accept: {
      label: 'post',
      result: yaml(...HEAD, '  - level: None', '    nonResourceURLs: ["/healthz*"]', '    verbs: ["post"]'),
    },
  },
  {
    name: 'verbs in a multi-line flow list',
    input: yaml(...HEAD, '  - level: None', '    verbs: [get,', '      $0]'),
    exactly: RESOURCE_VERBS.filter((v) => v !== 'get'),
  },
  {
    name: 'right after `verbs: ` an item starts a flow list',
    input: yaml(...HEAD, '  - level: None', '    verbs: wa$0'),
    exactly: RESOURCE_VERBS,
    accept: { label: 'watch', result: yaml(...HEAD, '  - level: None', '    verbs: [watch]') },
  },
  {
    name: 'right after `omitStages: `',
    input: yaml('apiVersion: audit.k8s.io/v1', 'omitStages: $0', 'rules:', '- level: None'),
    exactly: STAGES,
    accept: {
      label: 'RequestReceived',
      result: yaml('apiVersion: audit.k8s.io/v1', 'omitStages: [RequestReceived]', 'rules:', '- level: None'),
    },
  },
  // groups and resources
  {
    name: 'API groups, the core group shown as ""',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0'),
    includes: ['"" (core)', 'apps', 'batch', 'rbac.authorization.k8s.io', '*'],
    accept: { label: '"" (core)', result: yaml(...HEAD, '  - level: None', '    resources:', '    - group: ""') },
  },
  {
    name: 'no group "*" before Kubernetes 1.36',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0'),
    excludes: ['*'],
    minor: 35,
  },
  {
    name: 'resources of the core group (no group key)',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: [$0]'),
    includes: ['pods', 'pods/log', 'pods/exec', 'pods/portforward', 'secrets', 'configmaps', '*', 'pods/*', '*/status'],
    excludes: ['deployments'],
  },
  {
    name: 'resources of apps only',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    resources:',
      '    - group: "apps"',
      '      resources:',
      '      - dep$0',
    ),
    includes: ['deployments', 'deployments/scale', 'deployments/*', '*/scale', '*'],
    excludes: ['pods'],
  },
  // What each version serves comes from its published API data (data/kubernetes-api): apps/v1 has no
  // deployments/rollback (1.20's swagger.json); apps/v1beta1 still had it in 1.16.
  {
    name: 'apps on 1.36 does not offer deployments/rollback',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: apps', '      resources: ["$0"]'),
    includes: ['deployments/scale', 'deployments/status'],
    excludes: ['deployments/rollback'],
  },
  {
    name: 'apps on 1.16 still offers deployments/rollback',
    minor: 16,
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: apps', '      resources: ["$0"]'),
    includes: ['deployments/rollback'],
  },
  {
    name: 'groups on 1.22 no longer offer extensions',
    minor: 22,
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0'),
    includes: ['apps', 'networking.k8s.io'],
    excludes: ['extensions', 'settings.k8s.io'],
  },
  {
    name: "resources in a flow entry read the entry's group",
    input: yaml(...HEAD, '  - level: None', '    resources: [{group: apps, resources: ["$0"]}]'),
    includes: ['deployments'],
    excludes: ['pods'],
  },
  {
    name: 'a wildcard is quoted where YAML needs it',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: [$0]'),
    accept: { label: '*', result: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: ["*"]') },
  },
  // users, groups, URLs, namespaces
  {
    name: 'well-known users',
    input: yaml(...HEAD, '  - level: None', '    users: [$0]'),
    includes: ['system:kube-proxy', 'system:kube-scheduler'],
    accept: {
      label: 'system:kube-proxy',
      result: yaml(...HEAD, '  - level: None', '    users: ["system:kube-proxy"]'),
    },
  },
  {
    name: 'well-known groups in a block list stay plain',
    input: yaml(...HEAD, '  - level: None', '    userGroups:', '    - system:$0'),
    includes: ['system:nodes', 'system:serviceaccounts', 'system:unauthenticated'],
    accept: {
      label: 'system:nodes',
      result: yaml(...HEAD, '  - level: None', '    userGroups:', '    - system:nodes'),
    },
  },
  {
    name: 'usual non-resource URLs',
    input: yaml(...HEAD, '  - level: None', '    nonResourceURLs: ["/$0"]'),
    includes: ['/healthz*', '/livez*', '/readyz*', '/version', '/metrics', '/api*'],
  },
  {
    name: 'namespaces used elsewhere in the file',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    namespaces: ["prod-namespace"]',
      '  - level: Metadata',
      '    namespaces: [$0]',
    ),
    includes: ['prod-namespace', 'kube-system', '"" (cluster-scoped)'],
  },
  // top level values
  { name: 'apiVersion', input: yaml('apiVersion: $0'), exactly: ['audit.k8s.io/v1'] },
  { name: 'nothing inside metadata', input: yaml('apiVersion: audit.k8s.io/v1', 'metadata:', '  $0'), exactly: [] },
  { name: 'nothing inside a comment', input: yaml(...HEAD, '  - level: None # $0'), exactly: [] },
];

function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

for (const row of ROWS) {
  test(`completion: ${row.name}`, () => {
    const { doc, position } = docAt(row.input);
    const items = doComplete(doc, position, settings(row.minor ? { kubernetesMinor: row.minor } : {})).items;
    const got = labels(items);
    if (row.exactly) assert.deepEqual(got, [...row.exactly]);
    for (const label of row.includes ?? []) assert.ok(got.includes(label), `${label} missing from ${got.join(' | ')}`);
    for (const label of row.excludes ?? [])
      assert.ok(!got.includes(label), `${label} should not be in ${got.join(' | ')}`);
    for (const item of items) assert.ok(item.documentation, `${item.label} has documentation`);
    if (row.accept) {
      const item = items.find((i) => i.label === row.accept!.label);
      assert.ok(item, `${row.accept.label} offered`);
      assert.equal(applyEdits(doc, [item.textEdit as TextEdit]), row.accept.result);
    }
  });
}

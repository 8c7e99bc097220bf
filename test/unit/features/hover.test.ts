// Hover as a table: `$0` is where the mouse is; the Markdown must match every pattern, and the
// hover range must cover the word.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { doHover } from '../../../server/src/service';
import { docAt, rangeText, settings, yaml } from '../../helpers/fixture';
import { seedAt } from './seed';

const SEED = seedAt;

interface Row {
  readonly name: string;
  readonly input: string;
  readonly matches: readonly RegExp[];
  readonly word?: string;
}

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];

const ROWS: Row[] = [
  {
    name: 'the key level: meaning, type, default and version',
    input: SEED('level:'),
    word: 'level',
    matches: [
      /\*\*level\*\*/,
      /Level: None \| Metadata \| Request \| RequestResponse/,
      /Default: none: required/,
      /Since: Kubernetes 1\.12/,
    ],
  },
  {
    name: 'a key with a version: omitManagedFields',
    input: yaml(...HEAD, '  - level: None', '    $0omitManagedFields: true'),
    matches: [/Since: Kubernetes 1\.23/, /Type: boolean/],
  },
  {
    name: 'the policy key omitStages',
    input: SEED('omitStages'),
    matches: [/for every request/, /Since: Kubernetes 1\.9/],
  },
  {
    name: 'a level value, with what the rule does',
    input: SEED('RequestResponse'),
    word: 'RequestResponse',
    matches: [/\(audit level\)/, /response body/, /This rule: Records request and response bodies/],
  },
  {
    name: 'a stage',
    input: SEED('"RequestReceived"'),
    word: '"RequestReceived"',
    matches: [/\(stage\)/, /receives the request/],
  },
  { name: 'a verb', input: SEED('"delete"'), matches: [/\*\*delete\*\* \(verb\)/, /HTTP DELETE/] },
  {
    name: 'a non-resource verb',
    input: yaml(...HEAD, '  - level: None', '    nonResourceURLs: [/metrics]', '    verbs: [$0head]'),
    matches: [/non-resource verb/, /HTTP HEAD/],
  },
  {
    name: 'a group: what it holds',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0apps'),
    matches: [/\*\*apps\*\* \(API group\)/, /`deployments`/],
  },
  {
    name: 'the core group',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0""'),
    matches: [/core/, /`pods`/],
  },
  {
    name: 'a custom group',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0example.com'),
    matches: [/Not a built-in group/],
  },
  {
    name: 'a resource: its group and whether it is namespaced',
    input: SEED('"pods"'),
    matches: [/\*\*pods\*\* \(Pod, API group "" \(core\)\)/, /Namespaced/, /pods\/log/],
  },
  {
    name: 'a cluster-scoped resource',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: [$0nodes]'),
    matches: [/Cluster-scoped/],
  },
  {
    name: 'a subresource',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: [$0pods/exec]'),
    matches: [/the `exec` subresource of Pod/],
  },
  // 1.20's swagger.json and the later snapshot: pods/exec serves get and create, tokenreviews only create.
  {
    name: 'a subresource: the verbs it serves',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - resources: [$0pods/exec]'),
    matches: [/Verbs served: `get`, `create`/],
  },
  {
    name: 'a create-only resource',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    resources:',
      '    - group: authentication.k8s.io',
      '      resources: [$0tokenreviews]',
    ),
    matches: [/Verbs served: `create` \(API versions v1\)/],
  },
  {
    name: 'a group the version no longer serves',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: $0extensions'),
    matches: [/Not served by Kubernetes 1\.36 \(last served in 1\.21\)/],
  },
  {
    name: 'a wildcard resource',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - group: apps', '      resources: ["$0*/scale"]'),
    matches: [/`scale` subresource of every resource of the group apps/],
  },
  {
    name: 'a well-known user',
    input: yaml(...HEAD, '  - level: None', '    users: [$0system:kube-proxy]'),
    matches: [/kube-proxy on every node/],
  },
  {
    name: 'a well-known group',
    input: yaml(...HEAD, '  - level: None', '    userGroups: ["$0system:nodes"]'),
    matches: [/Kubelets/],
  },
  {
    name: 'a usual URL',
    input: yaml(...HEAD, '  - level: None', '    nonResourceURLs: [$0/healthz*]'),
    matches: [/health check/],
  },
  { name: 'a namespace', input: SEED('prod-namespace'), matches: [/requests in this namespace/] },
  {
    name: 'an unknown key: what it probably means',
    input: SEED('groups'),
    word: 'groups',
    matches: [/unknown field/, /Did you mean `group`\?/],
  },
  {
    name: 'the rule itself: a plain-English summary',
    input: SEED('- namespaces'),
    word: '-',
    matches: [
      /Rule #1/,
      /Records request and response bodies of delete requests for the pod "webapp-pod " in namespace prod-namespace; no event at stage RequestReceived; "webapp-pod " never matches/,
    ],
  },
  {
    name: 'a catch-all rule',
    input: yaml(...HEAD, '  - level: None', '    users: [system:kube-proxy]', '  $0- level: Metadata'),
    matches: [/Rule #2/, /Records the metadata of all requests\./],
  },
  // The decoded name keeps its white space (oracle: a request for "webapp-pod" matches no rule).
  {
    name: 'a name with white space around it',
    input: SEED('"webapp-pod "'),
    word: '"webapp-pod "',
    matches: [/\*\*"webapp-pod "\*\* \(resourceNames item\)/, /never matches/],
  },
  // Verbs are read from the decoded rule: the last `nonResourceURLs` wins, and here it is empty, so
  // the rule is not a URL rule (oracle: GET /metrics and GET /api/v1/pods/x both match rule 0).
  {
    name: 'a verb of a rule whose URLs a later key empties',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    nonResourceURLs: [/metrics]',
      '    nonResourceURLs: []',
      '    verbs: [$0get]',
    ),
    matches: [/\*\*get\*\* \(verb\)/],
  },
  // The policy's omitStages as decoded: the last of two keys (oracle: any request gets omitStages
  // ["ResponseStarted"]).
  {
    name: 'a rule with the policy-wide stages',
    input: yaml(
      'apiVersion: audit.k8s.io/v1',
      'omitStages: [Panic]',
      'omitStages: [ResponseStarted]',
      'rules:',
      '  $0- level: Metadata',
    ),
    matches: [/no event at stage ResponseStarted\./],
  },
  {
    name: 'a rule for URLs and groups',
    input: yaml(
      ...HEAD,
      '  $0- level: None',
      '    userGroups: [system:monitoring]',
      '    verbs: [get]',
      '    nonResourceURLs: [/healthz*, /metrics]',
    ),
    matches: [/Does not record get requests to \/healthz\* and \/metrics by members of system:monitoring\./],
  },
];

for (const row of ROWS) {
  test(`hover: ${row.name}`, () => {
    const { doc, position } = docAt(row.input);
    const hover = doHover(doc, position, settings());
    assert.ok(hover, 'a hover');
    const value = (hover.contents as MarkupContent).value;
    for (const pattern of row.matches) assert.match(value, pattern);
    if (row.word) assert.equal(rangeText(doc, hover.range!), row.word);
  });
}

test('hover: nothing on white space between rules, nor in other YAML', () => {
  for (const input of [
    yaml(...HEAD, '  - level: None', '$0', '  - level: None'),
    yaml('apiVersion: apps/v1', 'kind: Deployment', 'spec: {$0replicas: 1}'),
  ]) {
    const { doc, position } = docAt(input);
    const hover = doHover(doc, position, settings());
    assert.ok(!hover || !/PolicyRule/.test((hover.contents as MarkupContent).value));
  }
});

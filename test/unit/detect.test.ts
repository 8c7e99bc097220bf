// Which YAML is an audit policy: what says so, and what has a policy's shape without saying so
// (kube-apiserver refuses those, so they must be checked, not skipped).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, detectPolicy } from '../../server/src/service';
import { mayBePolicy } from '../../server/src/service/decode/detect';
import { fixtureCorpus } from '../helpers/corpus';
import { doc, yaml } from '../helpers/fixture';

const CASES: ReadonlyArray<readonly [string, string, 'policy' | 'later-policy' | 'other']> = [
  ['declared v1', yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None'), 'policy'],
  ['declared, no kind', yaml('apiVersion: audit.k8s.io/v1beta1', 'rules: []'), 'policy'],
  ['an audit Event is not a policy', yaml('apiVersion: audit.k8s.io/v1', 'kind: Event'), 'other'],
  // A KCSA lab's "corrupted" policy: kube-apiserver 1.20 refuses it with `no kind "AuditPolicy" is
  // registered for version "audit.k8s.io/v1alpha1"` (the oracle), so it must be checked.
  [
    'a wrong kind of the audit group with rules that say level',
    yaml('apiVersion: audit.k8s.io/v1alpha1', 'kind: AuditPolicy', 'rules:', '- level: Full'),
    'policy',
  ],
  [
    'an EventList of the audit group (items, no rules)',
    yaml('apiVersion: audit.k8s.io/v1', 'kind: EventList', 'items:', '- level: Metadata'),
    'other',
  ],
  ['kind: Policy without apiVersion', yaml('kind: Policy', 'rules: []'), 'policy'],
  ['kind: Policy with a null apiVersion', yaml('apiVersion:', 'kind: Policy'), 'policy'],
  ['rules whose items have a level, nothing else', yaml('rules:', '- level: Metadata'), 'policy'],
  [
    'rules with a level, a mistyped apiVersion',
    yaml('apiVersion: audit.k8s.io', 'rules:', '- users: [a]', '- level: None'),
    'policy',
  ],
  ['rules in flow style', yaml('rules: [{level: None}]'), 'policy'],
  ['rules without any level', yaml('rules:', '- alert: X'), 'other'],
  [
    'a Kyverno Policy (its own apiVersion, rules under spec)',
    yaml('apiVersion: kyverno.io/v1', 'kind: Policy', 'spec:', '  rules: []'),
    'other',
  ],
  ['another kind with rules and levels', yaml('apiVersion: v1', 'kind: ConfigMap', 'rules:', '- level: x'), 'other'],
  ['a shaped policy in a later document', yaml('a: 1', '---', 'rules:', '- level: None'), 'later-policy'],
  ['a list', yaml('- level: None'), 'other'],
];

for (const [name, text, expected] of CASES) {
  test(`${name}: ${expected}`, () => assert.equal(detectPolicy(doc(text).parsed), expected));
}

// mayBePolicy spares the parse of other YAML and JSON: it must say yes to every text detectPolicy
// says anything but 'other' of, including ones whose letters only an escape or a tag writes.
const SPELT_OTHERWISE: ReadonlyArray<readonly [string, string]> = [
  ['kind by a hex escape', yaml('kind: "\\x50olicy"', 'rules: []')],
  ['kind by a JSON escape', '{"kind": "\\u0050olicy", "rules": []}'],
  ['kind by an 8-digit escape', yaml('kind: "\\U00000050olicy"')],
  ['kind joined by an escaped line break', yaml('kind: "Pol\\', '  icy"')],
  ['apiVersion by an escape', yaml('apiVersion: "\\x61udit.k8s.io/v1"', 'rules: []')],
  ['level by an escape', yaml('rules:', '- "\\x6cevel": None')],
  ['rules by an escape', yaml('"\\x72ules":', '- level: None')],
  ['kind as !!binary', yaml('kind: !!binary UG9saWN5', 'rules: []')],
  ['rules as an explicit key', yaml('? rules', ': [{level: None}]')],
  ['level as an explicit key on the next line', yaml('rules:', '- ?', '    level', '  : None')],
  ['level by an anchored key', yaml('a: &k level', 'rules:', '- *k : None')],
  ['rules by an anchored, tagged key', yaml('a: !!str &k', '  rules', '*k :', '- level: None')],
  ['a JSON key before a line break', '{"rules"\n  : [{"level"\n: "None"}]}'],
];

for (const [name, text] of [...CASES.map(([n, t]) => [n, t] as const), ...SPELT_OTHERWISE]) {
  test(`mayBePolicy does not miss what detectPolicy finds: ${name}`, () => {
    if (detectPolicy(doc(text).parsed) !== 'other') assert.equal(mayBePolicy(text), true);
  });
}

test('the texts above do spell a policy (else they test nothing)', () => {
  // `!!binary` too: go-yaml decodes it to the text its bytes are, as sigs.k8s.io/yaml hands it on.
  for (const [name, text] of SPELT_OTHERWISE) assert.notEqual(detectPolicy(doc(text).parsed), 'other', name);
});

test('mayBePolicy says yes to every real policy', () => {
  for (const file of fixtureCorpus()) assert.equal(mayBePolicy(file.text), true, file.name);
});

const OTHER_KUBERNETES_YAML: ReadonlyArray<readonly [string, string]> = [
  [
    'a Deployment (imagePullPolicy, restartPolicy)',
    yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: Always',
      '      containers:',
      '      - image: x',
      '        imagePullPolicy: IfNotPresent',
    ),
  ],
  [
    'a ClusterRole (rules without a level)',
    yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'rules:', '- verbs: [get]'),
  ],
  ['a NetworkPolicy', yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'spec: {}')],
  [
    'an OpenAPI document whose prose says rules and level',
    yaml('paths:', '  /x:', '    description: a list of cgroup rules to apply', '    summary: Low-level details'),
  ],
  ['a lock file', '{"name": "x", "lockfileVersion": 3, "packages": {"": {"dependencies": {"yaml": "^2"}}}}'],
];

for (const [name, text] of OTHER_KUBERNETES_YAML) {
  test(`other YAML is told from its text: ${name}`, () => {
    assert.equal(mayBePolicy(text), false);
    assert.equal(createHostDocument('file:///x.yaml', 1, text).kind, 'none');
  });
}

// Which YAML is an audit policy: what says so, and what has a policy's shape without saying so
// (kube-apiserver refuses those, so they must be checked, not skipped).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { detectPolicy } from '../../server/src/service';
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

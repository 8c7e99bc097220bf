// invalid-kind (checks/invalidKind.ts): a kind other than Policy.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, settings, yaml } from '../../helpers/fixture';
import { checkTable } from './table';

describe('invalid-kind', () => {
  checkTable([
    {
      name: 'an unknown kind (file named explicitly)',
      force: true,
      input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Polcy', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-kind', text: 'Polcy', path: 'kind' }],
    },
    {
      name: 'another kind of the group is not a policy, so not checked',
      input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Event', 'level: Metadata'),
      expected: [],
    },
    {
      // The shape of a KCSA lab's deliberately broken policy, found without being named.
      name: "a kind of its own with a policy's rules is checked, found or named",
      input: yaml('apiVersion: audit.k8s.io/v1', 'kind: AuditPolicy', 'rules:', '- level: Metadata'),
      expected: [{ code: 'invalid-kind', text: 'AuditPolicy', path: 'kind' }],
    },
  ]);

  test('the message names the version the policy declares, as the scheme does', () => {
    // Oracle (kube-apiserver 1.20): failed decoding: no kind "AuditPolicy" is registered for
    // version "audit.k8s.io/v1beta1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:32".
    const found = diagnose(yaml('apiVersion: audit.k8s.io/v1beta1', 'kind: AuditPolicy', 'rules:', '- level: None'), {
      settings: settings({ kubernetesMinor: 20 }),
    }).find((d) => d.code === 'invalid-kind');
    assert.match(found?.message ?? '', /no kind "AuditPolicy" is registered for version "audit\.k8s\.io\/v1beta1"/);
  });
});

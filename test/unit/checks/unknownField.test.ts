// unknown-field (checks/unknownField.ts): fields kube-apiserver drops.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('unknown-field', () => {
  checkTable([
    {
      name: 'groups for group',
      input: policy('- level: None', '  resources:', '  - groups: ""'),
      expected: [{ code: 'unknown-field', text: 'groups', path: 'rules[0].resources[0].groups' }],
    },
    {
      name: 'resource for resources',
      input: policy('- level: None', '  resources:', '  - resource: ["pods"]'),
      expected: [{ code: 'unknown-field', text: 'resource', path: 'rules[0].resources[0].resource' }],
    },
    {
      name: 'verbs nested under a resources entry',
      input: policy('- level: None', '  resources:', '  - group: ""', '    verbs: ["get"]'),
      expected: [{ code: 'unknown-field', text: 'verbs', path: 'rules[0].resources[0].verbs' }],
    },
    {
      name: 'a top-level typo',
      input: yaml(...HEAD, 'omitStage: [Panic]', 'rules:', '- level: None'),
      expected: [{ code: 'unknown-field', text: 'omitStage', path: 'omitStage' }],
    },
    {
      name: 'omitManagedFields before 1.23',
      minor: 22,
      input: policy('- level: None', '  omitManagedFields: true'),
      expected: [{ code: 'unknown-field', text: 'omitManagedFields', path: 'rules[0].omitManagedFields' }],
    },
    {
      name: 'an unknown metadata field',
      input: yaml(...HEAD, 'metadata: {nmae: x}', 'rules:', '- level: None'),
      expected: [{ code: 'unknown-field', text: 'nmae', path: 'metadata.nmae' }],
    },
  ]);
  test('suggests the field and where it belongs', () => {
    const [groups] = diagnose(policy('- level: None', '  resources:', '  - groups: ""')).filter(
      (d) => d.code === 'unknown-field',
    );
    assert.match(groups.message, /Did you mean `group`\?/);
    const [verbs] = diagnose(policy('- level: None', '  resources:', '  - group: ""', '    verbs: ["get"]')).filter(
      (d) => d.code === 'unknown-field',
    );
    assert.match(verbs.message, /`verbs` belongs in a rule/);
  });
});

// invalid-kind (checks/invalidKind.ts): a kind other than Policy.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
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
  ]);
});

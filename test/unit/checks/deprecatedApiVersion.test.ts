// deprecated-api-version (checks/deprecatedApiVersion.ts): v1beta1 and v1alpha1 between 1.21 and 1.23.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable } from './table';

describe('deprecated-api-version', () => {
  checkTable([
    {
      name: 'v1beta1 loads with a warning on 1.22',
      minor: 22,
      input: yaml('apiVersion: audit.k8s.io/v1beta1', 'rules:', '- level: None'),
      expected: [{ code: 'deprecated-api-version', text: 'audit.k8s.io/v1beta1', path: 'apiVersion' }],
    },
    {
      name: 'v1beta1 is fine on 1.20',
      minor: 20,
      input: yaml('apiVersion: audit.k8s.io/v1beta1', 'rules:', '- level: None'),
      expected: [],
    },
  ]);
});

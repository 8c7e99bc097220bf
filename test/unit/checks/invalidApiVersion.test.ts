// invalid-api-version (checks/invalidApiVersion.ts): a group version kube-apiserver does not decode.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable } from './table';

describe('invalid-api-version', () => {
  checkTable([
    {
      name: 'v1beta1 is removed in 1.24',
      input: yaml('apiVersion: audit.k8s.io/v1beta1', 'kind: Policy', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v1beta1', path: 'apiVersion' }],
    },
    {
      name: 'v1alpha1 too',
      input: yaml('apiVersion: audit.k8s.io/v1alpha1', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v1alpha1', path: 'apiVersion' }],
    },
    {
      name: 'missing apiVersion (file named explicitly)',
      force: true,
      input: yaml('kind: Policy', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-api-version', text: 'kind', path: 'apiVersion' }],
    },
    {
      name: 'another group version (file named explicitly)',
      force: true,
      input: yaml('apiVersion: audit.k8s.io/v2', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v2', path: 'apiVersion' }],
    },
    {
      name: 'an empty file named explicitly',
      force: true,
      input: '',
      expected: [{ code: 'invalid-api-version', text: '', path: 'apiVersion' }],
    },
  ]);
});

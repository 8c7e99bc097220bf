// no-rules (checks/noRules.ts): a policy with 0 rules.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable, HEAD } from './table';

describe('no-rules', () => {
  checkTable([
    {
      name: 'rules missing',
      input: yaml(...HEAD),
      expected: [{ code: 'no-rules', text: 'apiVersion', path: 'rules' }],
    },
    {
      name: 'rules empty',
      input: yaml(...HEAD, 'rules: []'),
      expected: [{ code: 'no-rules', text: 'rules', path: 'rules' }],
    },
    {
      name: 'rules null',
      input: yaml(...HEAD, 'rules:'),
      expected: [{ code: 'no-rules', text: 'rules', path: 'rules' }],
    },
  ]);
});

// wrong-type (checks/wrongType.ts): a value the decoder cannot put into its field.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('wrong-type', () => {
  checkTable([
    {
      name: 'a scalar where a list is expected',
      input: policy('- level: None', '  users: tim'),
      expected: [{ code: 'wrong-type', text: 'tim', path: 'rules[0].users' }],
    },
    {
      name: 'a quoted boolean',
      input: policy('- level: None', '  omitManagedFields: "yes"'),
      expected: [{ code: 'wrong-type', text: '"yes"', path: 'rules[0].omitManagedFields' }],
    },
    {
      name: 'a number for the level',
      input: policy('- level: 3'),
      expected: [{ code: 'wrong-type', text: '3', path: 'rules[0].level' }],
    },
    {
      name: 'YAML 1.1 boolean in a string list',
      input: policy('- level: None', '  namespaces: [on, "off"]'),
      expected: [{ code: 'wrong-type', text: 'on', path: 'rules[0].namespaces[0]' }],
    },
    {
      name: 'a mapping where a list is expected',
      input: policy('- level: None', '  verbs: {get: true}'),
      expected: [{ code: 'wrong-type', text: '{get: true}', path: 'rules[0].verbs' }],
    },
    {
      name: 'a rule that is a scalar',
      input: policy('- level: None', '- Metadata'),
      expected: [{ code: 'wrong-type', text: 'Metadata', path: 'rules[1]' }],
    },
    {
      name: 'rules as a scalar',
      input: yaml(...HEAD, 'rules: all'),
      expected: [{ code: 'wrong-type', text: 'all', path: 'rules' }],
    },
  ]);
});

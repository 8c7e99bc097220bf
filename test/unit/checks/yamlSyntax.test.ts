// yaml-syntax (checks/yamlSyntax.ts): the file is not valid YAML.
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('yaml-syntax', () => {
  checkTable([
    {
      name: 'an unclosed flow list',
      input: policy('- level: None', '  verbs: [get, list'),
      expected: [{ code: 'yaml-syntax', text: '', path: '' }],
    },
  ]);
});

// surrounding-whitespace (checks/surroundingWhitespace.ts): names that can never match.
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('surrounding-whitespace', () => {
  checkTable([
    {
      name: 'a trailing space in a resource name',
      input: policy('- level: None', '  resources:', '  - resources: ["pods"]', '    resourceNames: ["webapp-pod "]'),
      expected: [
        { code: 'surrounding-whitespace', text: '"webapp-pod "', path: 'rules[0].resources[0].resourceNames[0]' },
      ],
    },
    {
      name: 'a leading space in a user',
      input: policy('- level: None', "  users: [' alice']"),
      expected: [{ code: 'surrounding-whitespace', text: "' alice'", path: 'rules[0].users[0]' }],
    },
    {
      name: 'a plain scalar has no trailing space',
      input: policy('- level: Metadata ', '  users: [alice ]'),
      expected: [],
    },
  ]);
});

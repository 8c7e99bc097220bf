// invalid-group (checks/invalidGroup.ts): a group that is not a DNS-1123 subdomain.
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('invalid-group', () => {
  checkTable([
    {
      name: 'a group with its version',
      input: policy('- level: None', '  resources:', '  - group: apps/v1'),
      expected: [{ code: 'invalid-group', text: 'apps/v1', path: 'rules[0].resources[0].group' }],
    },
    {
      name: 'upper case',
      input: policy('- level: None', '  resources:', '  - group: Apps'),
      expected: [{ code: 'invalid-group', text: 'Apps', path: 'rules[0].resources[0].group' }],
    },
    {
      name: '"*" before 1.36',
      minor: 35,
      input: policy('- level: None', '  resources:', '  - group: "*"'),
      expected: [{ code: 'invalid-group', text: '"*"', path: 'rules[0].resources[0].group' }],
    },
  ]);
});

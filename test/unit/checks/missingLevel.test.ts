// missing-level (checks/missingLevel.ts): a rule without a level.
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('missing-level', () => {
  checkTable([
    {
      name: 'no level',
      input: policy('- verbs: ["get"]'),
      expected: [{ code: 'missing-level', text: 'verbs', path: 'rules[0].level' }],
    },
    {
      name: 'an empty level',
      input: policy('- level: ""'),
      expected: [{ code: 'missing-level', text: 'level', path: 'rules[0].level' }],
    },
    {
      name: 'Level with a capital is an unknown field, so the level is missing',
      input: policy('- Level: None'),
      expected: [
        { code: 'unknown-field', text: 'Level', path: 'rules[0].Level' },
        { code: 'missing-level', text: 'Level', path: 'rules[0].level' },
      ],
    },
  ]);
});

// invalid-level (checks/invalidLevel.ts): a level that is not one of the four.
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('invalid-level', () => {
  checkTable([
    {
      name: 'a typo',
      input: policy('- level: Metdata'),
      expected: [{ code: 'invalid-level', text: 'Metdata', path: 'rules[0].level' }],
    },
    {
      name: 'the wrong case',
      input: policy('- level: requestresponse'),
      expected: [{ code: 'invalid-level', text: 'requestresponse', path: 'rules[0].level' }],
    },
  ]);
});

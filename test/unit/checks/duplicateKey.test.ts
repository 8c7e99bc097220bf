// duplicate-key (checks/duplicateKey.ts): the earlier of two equal keys is ignored.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose } from '../../helpers/fixture';
import { checkTable, policy } from './table';

describe('duplicate-key', () => {
  checkTable([
    {
      name: 'the first of two levels is ignored',
      input: policy('- level: None', '  level: Metadata'),
      expected: [{ code: 'duplicate-key', text: 'level', path: 'rules[0].level' }],
    },
    {
      name: 'an ignored duplicate is not checked further',
      input: policy('- level: Bogus', '  level: Metadata'),
      expected: [{ code: 'duplicate-key', text: 'level', path: 'rules[0].level' }],
    },
  ]);
  test('names the value that wins', () => {
    const [dup] = diagnose(policy('- level: None', '  level: Metadata')).filter((d) => d.code === 'duplicate-key');
    assert.match(dup.message, /uses the last \(`Metadata`\)/);
  });
});

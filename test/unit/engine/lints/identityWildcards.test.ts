// literal-wildcard in users and userGroups: kube-apiserver compares them exactly (checker.go
// ruleMatches, hasString). Oracle (1.20): `users: ["system:node:*"]` does not match the user
// system:node:worker-1 but matches a user literally named "system:node:*"; `userGroups:
// ["system:serviceaccounts:*"]` does not match a kube-system service account.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from '../lintTable';

describe('literal-wildcard in users and userGroups', () => {
  lintTable('literal-wildcard', [
    {
      name: 'system:node:* never matches a node',
      rules: ['- level: None', '  users: ["system:node:*"]'],
      expected: [{ text: '"system:node:*"', path: 'rules[0].users[0]' }],
    },
    {
      name: 'a star in userGroups',
      rules: ['- level: None', '  userGroups: ["system:serviceaccounts:*", "*"]'],
      expected: [
        { text: '"system:serviceaccounts:*"', path: 'rules[0].userGroups[0]' },
        { text: '"*"', path: 'rules[0].userGroups[1]' },
      ],
    },
    {
      name: 'exact names are fine',
      rules: ['- level: None', '  users: ["system:node:worker-1"]', '  userGroups: [system:nodes]'],
      expected: [],
    },
  ]);
  test('points at the group that holds every node', () => {
    const [f] = findingsOf('literal-wildcard', policy('- level: None', '  users: ["system:node:*"]'));
    assert.match(f.message, /compared exactly/);
    assert.match(f.message, /system:nodes/);
  });
  test('a service account wildcard points at its namespace group', () => {
    const [f] = findingsOf(
      'literal-wildcard',
      policy('- level: None', '  users: ["system:serviceaccount:kube-system:*"]'),
    );
    assert.match(f.message, /system:serviceaccounts:kube-system/);
  });
});

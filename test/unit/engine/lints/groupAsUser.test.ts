// group-as-user: a group name of the authenticators in `users`. The oracle (kube-apiserver 1.20's
// checker) matches `users: ["system:masters", "system:serviceaccounts:kube-system"]` against a member
// of system:masters and a kube-system service account: neither matches (matchedRule is the next rule).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from '../lintTable';

describe('group-as-user', () => {
  lintTable('group-as-user', [
    {
      name: 'system:masters in users',
      rules: ['- level: RequestResponse', '  users: ["system:masters"]'],
      expected: [{ text: '"system:masters"', path: 'rules[0].users[0]' }],
    },
    {
      name: 'the service accounts of a namespace',
      rules: ['- level: None', '  users: [alice, "system:serviceaccounts:kube-system"]'],
      expected: [{ text: '"system:serviceaccounts:kube-system"', path: 'rules[0].users[1]' }],
    },
    {
      name: 'every well-known group',
      rules: [
        '- level: None',
        '  users: [system:authenticated, system:unauthenticated, system:nodes, system:serviceaccounts, system:monitoring, system:bootstrappers, "system:bootstrappers:kubeadm:default-node-token"]',
      ],
      expected: [
        { text: 'system:authenticated', path: 'rules[0].users[0]' },
        { text: 'system:unauthenticated', path: 'rules[0].users[1]' },
        { text: 'system:nodes', path: 'rules[0].users[2]' },
        { text: 'system:serviceaccounts', path: 'rules[0].users[3]' },
        { text: 'system:monitoring', path: 'rules[0].users[4]' },
        { text: 'system:bootstrappers', path: 'rules[0].users[5]' },
        { text: '"system:bootstrappers:kubeadm:default-node-token"', path: 'rules[0].users[6]' },
      ],
    },
    {
      name: 'user names of the same families are fine',
      rules: [
        '- level: None',
        '  users: ["system:serviceaccount:kube-system:default", "system:node:worker-1", system:anonymous, system:kube-proxy, "system:bootstrap:abcdef"]',
      ],
      expected: [],
    },
    {
      name: 'the groups in userGroups are fine',
      rules: ['- level: None', '  userGroups: ["system:masters", "system:serviceaccounts:kube-system", system:nodes]'],
      expected: [],
    },
    {
      name: 'a prefix alone is not a group',
      rules: ['- level: None', '  users: ["system:serviceaccounts:", "system:masters "]'],
      expected: [],
    },
  ]);
  test('says where the name belongs and where it is defined', () => {
    const [f] = findingsOf('group-as-user', policy('- level: None', '  users: ["system:masters"]'));
    assert.match(f.message, /Did you mean `userGroups`\?/);
    assert.match(f.message, /user\.go/);
  });
});

// group-not-served: a group the target version does not serve, from the generated catalogue.
// Oracle (1.20): a request to /apis/extensions/v1beta1/namespaces/x/ingresses resolves to the group
// `extensions` and matches a rule naming it (matchedRule 0): such requests are audited with the
// group from the URL, whatever the server answers. What each version serves comes from the data
// (data/kubernetes-api): 1.20's swagger.json has no auditregistration.k8s.io or settings.k8s.io; the
// migration guide has extensions/v1beta1 Ingress removed in 1.22, its last resource there.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from '../lintTable';

const entry = (group: string): string[] => ['- level: None', `  resources: [{group: ${group}, resources: [x]}]`];

describe('group-not-served', () => {
  lintTable('group-not-served', [
    {
      name: 'extensions from 1.22',
      rules: entry('extensions'),
      minor: 22,
      expected: [{ text: 'extensions', path: 'rules[0].resources[0].group' }],
    },
    {
      name: 'extensions on 1.36',
      rules: entry('extensions'),
      minor: 36,
      expected: [{ text: 'extensions', path: 'rules[0].resources[0].group' }],
    },
    { name: 'extensions is still served by 1.21', rules: entry('extensions'), minor: 21, expected: [] },
    {
      name: 'auditregistration.k8s.io on 1.20',
      rules: entry('auditregistration.k8s.io'),
      minor: 20,
      expected: [{ text: 'auditregistration.k8s.io', path: 'rules[0].resources[0].group' }],
    },
    {
      name: 'settings.k8s.io on 1.30',
      rules: entry('"settings.k8s.io"'),
      minor: 30,
      expected: [{ text: '"settings.k8s.io"', path: 'rules[0].resources[0].group' }],
    },
    {
      name: 'auditregistration.k8s.io was served by 1.16',
      rules: entry('auditregistration.k8s.io'),
      minor: 16,
      expected: [],
    },
    {
      name: 'between 1.16 and 1.20 the data cannot date the removal',
      rules: entry('auditregistration.k8s.io'),
      minor: 18,
      expected: [],
    },
    {
      name: 'a group that came later is not served by 1.20',
      rules: entry('resource.k8s.io'),
      minor: 20,
      expected: [{ text: 'resource.k8s.io', path: 'rules[0].resources[0].group' }],
    },
    { name: 'a group whose start the data cannot date', rules: entry('resource.k8s.io'), minor: 30, expected: [] },
    {
      name: 'served groups, the core group and CRD groups',
      rules: [
        '- level: None',
        '  resources: [{group: apps}, {group: ""}, {}, {group: cert-manager.io}, {group: metrics.k8s.io}]',
      ],
      expected: [],
    },
  ]);
  test('says what the server does with such requests', () => {
    const [f] = findingsOf('group-not-served', policy(...entry('extensions')), 36);
    assert.match(f.message, /last served in 1\.21/);
    assert.match(f.message, /matches only requests the server refuses/);
    assert.match(f.message, /audited all the same/);
  });
});

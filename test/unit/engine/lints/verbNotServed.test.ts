// verb-not-served: a verb that none of the rule's resources serves, from the verbs each release
// publishes (data/kubernetes-api; 1.20's swagger.json: tokenreviews only create, pods/exec get and
// create, pods/log get). Oracle (1.20): `GET .../tokenreviews?watch=true` resolves to verb watch and
// matches a rule with `verbs: [watch]` (audited, then refused by the server); pods/exec requests
// carry get (GET), create (POST) or watch (the /watch/ prefix), never list: `GET .../pods/exec`
// without a pod name is the pod named "exec" with verb get.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from '../lintTable';

describe('verb-not-served', () => {
  lintTable('verb-not-served', [
    {
      name: 'watch on tokenreviews',
      rules: [
        '- level: None',
        '  verbs: [create, watch]',
        '  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]',
      ],
      expected: [{ text: 'watch', path: 'rules[0].verbs[1]' }],
    },
    {
      name: 'list on pods/exec',
      rules: ['- level: None', '  verbs: [get, list, create]', '  resources: [{resources: ["pods/exec"]}]'],
      expected: [{ text: 'list', path: 'rules[0].verbs[1]' }],
    },
    {
      name: 'create on pods/log, exact on 1.20',
      minor: 20,
      rules: ['- level: None', '  verbs: [create]', '  resources: [{resources: ["pods/log"]}]'],
      expected: [{ text: 'create', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'a verb one of the resources serves',
      rules: [
        '- level: None',
        '  verbs: [watch]',
        '  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}, {resources: [pods]}]',
      ],
      expected: [],
    },
    {
      name: 'wildcards are not judged',
      rules: ['- level: None', '  verbs: [list]', '  resources: [{resources: ["pods/*", "*/exec"]}]'],
      expected: [],
    },
    {
      name: 'a whole group is not judged',
      rules: ['- level: None', '  verbs: [watch]', '  resources: [{group: authentication.k8s.io}]'],
      expected: [],
    },
    {
      name: 'no verbs: every verb',
      rules: ['- level: None', '  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]'],
      expected: [],
    },
    {
      name: 'CRD resources are not judged',
      rules: ['- level: None', '  verbs: [watch]', '  resources: [{group: example.com, resources: [widgets]}]'],
      expected: [],
    },
    {
      name: 'deletecollection on services is not known for 1.30',
      minor: 30,
      rules: ['- level: None', '  verbs: [deletecollection]', '  resources: [{resources: [services]}]'],
      expected: [],
    },
    {
      name: 'deletecollection on services was not served by 1.20',
      minor: 20,
      rules: ['- level: None', '  verbs: [deletecollection]', '  resources: [{resources: [services]}]'],
      expected: [{ text: 'deletecollection', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'watch on a subresource is a refused request, not an impossible one',
      rules: ['- level: None', '  verbs: [watch]', '  resources: [{resources: ["pods/exec"]}]'],
      expected: [{ text: 'watch', path: 'rules[0].verbs[0]' }],
    },
  ]);
  test('watch on tokenreviews matches only refused requests', () => {
    const [f] = findingsOf(
      'verb-not-served',
      policy(
        '- level: None',
        '  verbs: [watch]',
        '  resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]',
      ),
    );
    assert.match(f.message, /matches only requests the server refuses/);
    assert.match(f.message, /tokenreviews: create/);
  });
  test('list on a subresource matches nothing', () => {
    const [f] = findingsOf(
      'verb-not-served',
      policy('- level: None', '  verbs: [list]', '  resources: [{resources: ["pods/exec"]}]'),
    );
    assert.match(f.message, /never matches/);
  });
});

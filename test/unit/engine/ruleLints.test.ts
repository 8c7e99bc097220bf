// The lints that read one rule: cases that must be reported and cases that must not.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from './lintTable';

describe('unknown-verb', () => {
  lintTable('unknown-verb', [
    {
      name: 'all resource verbs are fine',
      rules: [
        '- level: None',
        '  verbs: [get, list, watch, create, update, patch, delete, deletecollection, proxy]',
        '  resources: [{group: ""}]',
      ],
      expected: [],
    },
    {
      name: 'the HTTP methods are fine for URLs',
      rules: [
        '- level: None',
        '  verbs: [get, post, put, patch, delete, head, options]',
        '  nonResourceURLs: ["/healthz*"]',
      ],
      expected: [],
    },
    { name: 'both kinds are fine without selectors', rules: ['- level: None', '  verbs: [list, post]'], expected: [] },
    {
      name: 'the wrong case',
      rules: ['- level: None', '  verbs: [Delete]'],
      expected: [{ text: 'Delete', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'list never matches a non-resource request',
      rules: ['- level: None', '  verbs: [get, list]', '  nonResourceURLs: ["/metrics"]'],
      expected: [{ text: 'list', path: 'rules[0].verbs[1]' }],
    },
    {
      name: 'post is not a resource verb',
      rules: ['- level: None', '  verbs: ["post"]', '  resources: [{resources: [pods]}]'],
      expected: [{ text: '"post"', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'authorization-only verbs',
      rules: ['- level: None', '  verbs: [impersonate, escalate]'],
      expected: [
        { text: 'impersonate', path: 'rules[0].verbs[0]' },
        { text: 'escalate', path: 'rules[0].verbs[1]' },
      ],
    },
    {
      name: 'no verb wildcard',
      rules: ['- level: None', '  verbs: ["*"]'],
      expected: [{ text: '"*"', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'connect is not a resource verb',
      rules: ['- level: None', '  verbs: [connect]', '  resources: [{resources: [pods/exec]}]'],
      expected: [{ text: 'connect', path: 'rules[0].verbs[0]' }],
    },
  ]);
  test('suggests the verb', () => {
    const [f] = findingsOf('unknown-verb', policy('- level: None', '  verbs: [Delete]'));
    assert.match(f.message, /Did you mean `delete`\?/);
  }); // Oracle (1.20.2): `FOO /healthz`, `BIND /metrics`, `LIST /version` and `* /version` carry the
  // verbs foo, bind, list and * and are matched by `verbs: [foo, bind, list, "*"]`; `LIST /api/v1/pods`
  // carries no verb (requestinfo.go fixes the verbs of resource requests).
  test('a word a non-resource request may carry matches only that HTTP method; for resource requests, never', () => {
    const said = (rule: string[]): string[] =>
      findingsOf('unknown-verb', policy('- level: None', ...rule)).map((f) => f.message);
    for (const [verb, method] of [
      ['foo', 'FOO'],
      ['bind', 'BIND'],
      ['"*"', '*'],
    ]) {
      const [message] = said([`  verbs: [${verb}]`]);
      assert.ok(
        message.includes(`matches only a non-resource request sent with the HTTP method \`${method}\``),
        message,
      );
    }
    assert.match(said(['  verbs: [list]', '  nonResourceURLs: [/version]'])[0], /HTTP method `LIST`/);
    assert.match(said(['  verbs: [foo]', '  resources: [{resources: [pods]}]'])[0], /, so it never matches\.$/);
    assert.match(said(['  verbs: [Foo]'])[0], /, so it never matches\./);
    assert.match(said(['  verbs: ["get pods"]'])[0], /, so it never matches\./);
  });
});

test('a resource verb on a non-resource rule: the method such a request is sent with is suggested', () => {
  // requestinfo.go gives a non-resource request its lower-cased method: the oracle (1.20.2) resolves
  // `GET /healthz?watch=true` to verb get, which `verbs: [watch]` never matches and `[get]` does.
  const said = (verb: string): string =>
    findingsOf('unknown-verb', policy('- level: None', `  verbs: [${verb}]`, '  nonResourceURLs: ["/healthz"]'))[0]
      .message;
  for (const [verb, method] of [
    ['watch', 'get'],
    ['list', 'get'],
    ['create', 'post'],
    ['update', 'put'],
    ['deletecollection', 'delete'],
  ])
    assert.match(
      said(verb),
      new RegExp(`Did you mean \`${method}\`, the method such a request is sent with\\?$`),
      verb,
    );
  assert.doesNotMatch(said('proxy'), /Did you mean/);
  // A rule for every kind of request: watch is a resource verb there, and fine.
  assert.deepEqual(findingsOf('unknown-verb', policy('- level: None', '  verbs: [watch]')), []);
});

describe('resource-not-in-group', () => {
  lintTable('resource-not-in-group', [
    {
      name: 'deployments in the core group',
      rules: ['- level: None', '  resources:', '  - group: ""', '    resources: [pods, deployments]'],
      expected: [{ text: 'deployments', path: 'rules[0].resources[0].resources[1]' }],
    },
    {
      name: 'pods in apps',
      rules: ['- level: None', '  resources: [{group: apps, resources: ["pods/log"]}]'],
      expected: [{ text: '"pods/log"', path: 'rules[0].resources[0].resources[0]' }],
    },
    {
      name: 'a name the exhaustive core group does not have',
      rules: ['- level: None', '  resources: [{resources: [Pods]}]'],
      expected: [{ text: 'Pods', path: 'rules[0].resources[0].resources[0]' }],
    },
    {
      name: 'podsecuritypolicies after their removal in 1.25',
      rules: ['- level: None', '  resources: [{group: policy, resources: [podsecuritypolicies]}]'],
      minor: 25,
      expected: [{ text: 'podsecuritypolicies', path: 'rules[0].resources[0].resources[0]' }],
    },
    {
      name: 'podsecuritypolicies before their removal',
      rules: ['- level: None', '  resources: [{group: policy, resources: [podsecuritypolicies]}]'],
      minor: 24,
      expected: [],
    },
    {
      name: 'right groups',
      rules: [
        '- level: None',
        '  resources:',
        '  - group: apps',
        '    resources: [deployments, "deployments/scale", "statefulsets/*"]',
        '  - group: ""',
        '    resources: [pods, secrets]',
      ],
      expected: [],
    },
    {
      name: 'CRD groups are not judged',
      rules: ['- level: None', '  resources: [{group: cert-manager.io, resources: [pods]}]'],
      expected: [],
    },
    {
      name: 'aggregated groups are not judged',
      rules: ['- level: None', '  resources: [{group: metrics.k8s.io, resources: [nodes, pods]}]'],
      expected: [],
    },
    {
      name: 'removed groups are not judged',
      rules: ['- level: None', '  resources: [{group: extensions, resources: [deployments]}]'],
      expected: [],
    },
    {
      name: 'unknown names in non-exhaustive groups are not judged',
      rules: ['- level: None', '  resources: [{group: networking.k8s.io, resources: [gateways]}]'],
      expected: [],
    },
    {
      name: 'wildcards are not judged',
      rules: ['- level: None', '  resources: [{group: "*", resources: [deployments]}, {resources: ["*", "*/scale"]}]'],
      expected: [],
    },
  ]);
  test('says where the resource lives', () => {
    const [f] = findingsOf(
      'resource-not-in-group',
      policy('- level: None', '  resources: [{resources: [deployments]}]'),
    );
    assert.match(f.message, /served by group "apps"/);
  });
});

describe('unknown-subresource', () => {
  lintTable('unknown-subresource', [
    // 1.20's swagger.json lists the subresources of pods and nodes (data/kubernetes-api/1.20.json).
    {
      name: 'pods/logs',
      minor: 20,
      rules: ['- level: None', '  resources: [{resources: ["pods/logs"]}]'],
      expected: [{ text: '"pods/logs"', path: 'rules[0].resources[0].resources[0]' }],
    },
    {
      name: 'nodes/metrics is a kubelet check, not a request',
      minor: 20,
      rules: ['- level: None', '  resources: [{resources: ["nodes/metrics"]}]'],
      expected: [{ text: '"nodes/metrics"', path: 'rules[0].resources[0].resources[0]' }],
    },
    // The subresources of deployments are the same in 1.20 and in the later snapshot: rollback is gone.
    {
      name: 'deployments/rollback in apps on 1.36',
      rules: ['- level: None', '  resources: [{group: apps, resources: ["deployments/rollback"]}]'],
      expected: [{ text: '"deployments/rollback"', path: 'rules[0].resources[0].resources[0]' }],
    },
    {
      name: 'deployments/rollback in apps/v1beta1 on 1.16',
      minor: 16,
      rules: ['- level: None', '  resources: [{group: apps, resources: ["deployments/rollback"]}]'],
      expected: [],
    },
    // pods gained subresources after 1.20 that the data does not date: a name it has not seen is not judged.
    {
      name: 'pods/resize on 1.36 is not judged',
      rules: ['- level: None', '  resources: [{resources: ["pods/resize", "pods/logs"]}]'],
      expected: [],
    },
    {
      name: 'known subresources',
      rules: [
        '- level: None',
        '  resources: [{resources: ["pods/log", "pods/exec", "serviceaccounts/token", "namespaces/finalize"]}, {group: apps, resources: ["deployments/scale"]}]',
      ],
      expected: [],
    },
    {
      name: 'wildcards and unknown groups',
      rules: [
        '- level: None',
        '  resources: [{resources: ["pods/*", "*/logs"]}, {group: example.com, resources: ["widgets/logs"]}]',
      ],
      expected: [],
    },
  ]);
  test('suggests pods/log', () => {
    const [f] = findingsOf(
      'unknown-subresource',
      policy('- level: None', '  resources: [{resources: ["pods/logs"]}]'),
      20,
    );
    assert.match(f.message, /Did you mean `pods\/log`\?/);
  });
});

describe('literal-wildcard', () => {
  lintTable('literal-wildcard', [
    {
      name: 'po* and */*',
      rules: ['- level: None', '  resources: [{resources: ["po*", "*/*", "pods/l*"]}]'],
      expected: [
        { text: '"po*"', path: 'rules[0].resources[0].resources[0]' },
        { text: '"*/*"', path: 'rules[0].resources[0].resources[1]' },
        { text: '"pods/l*"', path: 'rules[0].resources[0].resources[2]' },
      ],
    },
    {
      name: 'namespaces with *',
      rules: ['- level: None', '  namespaces: ["kube-*"]'],
      expected: [{ text: '"kube-*"', path: 'rules[0].namespaces[0]' }],
    },
    {
      name: 'the forms kube-apiserver understands',
      rules: ['- level: None', '  resources: [{resources: ["*", "pods/*", "*/scale"]}, {group: "*"}]'],
      expected: [],
    },
    {
      name: 'URL wildcards are for validation to judge',
      rules: ['- level: None', '  nonResourceURLs: ["/healthz*", "*"]'],
      expected: [],
    },
  ]);
});

describe('resource-names-never-match', () => {
  lintTable('resource-names-never-match', [
    {
      name: 'create and deletecollection carry no name',
      rules: [
        '- level: None',
        '  verbs: [create, deletecollection]',
        '  resources: [{resources: [configmaps], resourceNames: [cfg]}]',
      ],
      expected: [{ text: 'resourceNames', path: 'rules[0].resources[0].resourceNames' }],
    },
    {
      name: 'list and watch can name the object with a field selector',
      rules: [
        '- level: None',
        '  verbs: [list, watch]',
        '  resources: [{resources: [configmaps], resourceNames: [cfg]}]',
      ],
      expected: [],
    },
    {
      name: 'create on a subresource names the parent',
      rules: ['- level: None', '  verbs: [create]', '  resources: [{resources: ["pods/exec"], resourceNames: [web]}]'],
      expected: [],
    },
    {
      name: 'a verb that carries a name',
      rules: [
        '- level: None',
        '  verbs: [create, get]',
        '  resources: [{resources: [configmaps], resourceNames: [cfg]}]',
      ],
      expected: [],
    },
    {
      name: 'no verbs: every verb',
      rules: ['- level: None', '  resources: [{resources: [configmaps], resourceNames: [cfg]}]'],
      expected: [],
    },
    {
      name: 'an empty name matches nameless requests',
      rules: ['- level: None', '  verbs: [create]', '  resources: [{resources: [configmaps], resourceNames: [""]}]'],
      expected: [],
    },
  ]);
});

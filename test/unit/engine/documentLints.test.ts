// The lints that compare rules: unreachable-rule (with the rule that covers it), sensitive-bodies,
// no-catch-all and request-received-logged. Cases that must be reported and cases that must not.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { validate } from '../../../server/src/service';
import { doc, settings, yaml } from '../../helpers/fixture';
import { findingsOf, lintTable, policy } from './lintTable';

const at = (rule: number): { text: string; path: string } => ({ text: 'level: None', path: `rules[${rule}]` });
const none = (...lines: string[]): string[] => ['- level: None', ...lines.map((l) => `  ${l}`)];

describe('unreachable-rule: reported', () => {
  lintTable('unreachable-rule', [
    { name: 'after a catch-all', rules: [...none(), ...none('resources: [{resources: [pods]}]')], expected: [at(1)] },
    {
      name: 'an exact duplicate',
      rules: [...none('users: [a]', 'verbs: [get]'), ...none('users: [a]', 'verbs: [get]')],
      expected: [at(1)],
    },
    {
      name: 'pods/* above pods',
      rules: [...none('resources: [{resources: ["pods/*"]}]'), ...none('resources: [{resources: [pods, "pods/log"]}]')],
      expected: [at(1)],
    },
    {
      name: 'a whole group above one of its resources',
      rules: [...none('resources: [{group: apps}]'), ...none('resources: [{group: apps, resources: [deployments]}]')],
      expected: [at(1)],
    },
    {
      name: 'group "*" above a group',
      rules: [...none('resources: [{group: "*"}]'), ...none('namespaces: [x]', 'resources: [{group: apps}]')],
      expected: [at(1)],
    },
    {
      name: 'broader verbs, users and groups',
      rules: [
        ...none('users: [a, b]', 'userGroups: [g, h]', 'verbs: [get, list]'),
        ...none('users: [a]', 'userGroups: [g]', 'verbs: [get]', 'namespaces: [x]'),
      ],
      expected: [at(1)],
    },
    {
      name: 'namespaces',
      rules: [...none('namespaces: [a, b]'), ...none('namespaces: [b]', 'resources: [{resources: [pods]}]')],
      expected: [at(1)],
    },
    {
      name: '*/scale above deployments/scale',
      rules: [
        ...none('resources: [{group: apps, resources: ["*/scale"]}]'),
        ...none('resources: [{group: apps, resources: ["deployments/scale"]}]'),
      ],
      expected: [at(1)],
    },
    {
      name: 'resourceNames: a subset',
      rules: [
        ...none('resources: [{resources: [pods], resourceNames: [a, b]}]'),
        ...none('resources: [{resources: [pods], resourceNames: [a]}]'),
      ],
      expected: [at(1)],
    },
    {
      name: 'URL prefixes',
      rules: [
        ...none('nonResourceURLs: ["/healthz*"]'),
        ...none('nonResourceURLs: ["/healthz", "/healthz/etcd", "/healthzx*"]'),
      ],
      expected: [at(1)],
    },
    {
      name: 'the URL *',
      rules: [...none('nonResourceURLs: ["*"]'), ...none('verbs: [get]', 'nonResourceURLs: ["/metrics"]')],
      expected: [at(1)],
    },
    {
      name: 'entries of a rule are covered by different entries',
      rules: [
        ...none('resources: [{resources: [pods]}, {group: apps}]'),
        ...none('resources: [{group: apps, resources: [deployments]}, {resources: [pods]}]'),
      ],
      expected: [at(1)],
    },
    {
      name: 'lenient decoding: an entry whose only key is unknown is the whole core group',
      rules: [...none('resources: [{username: x}]'), ...none('resources: [{resources: [pods]}]')],
      expected: [at(1)],
    },
    {
      name: 'the last duplicate key wins',
      rules: [...none('verbs: [get]', 'verbs: [get, list]'), ...none('verbs: [list]')],
      expected: [at(1)],
    },
    {
      name: 'a later rule is found by its covering rule, not the first one',
      rules: [
        ...none('users: [x]'),
        ...none('users: [a]', 'verbs: [get]'),
        ...none('users: [a]', 'verbs: [get]', 'namespaces: [prod]'),
      ],
      expected: [at(2)],
    },
  ]);
  test('points at the covering rule', () => {
    const d = doc(policy(...none('userGroups: [g]'), ...none('userGroups: [g]', 'verbs: [get]')));
    const [diagnostic] = validate(d, settings()).filter((x) => x.code === 'unreachable-rule');
    assert.equal(diagnostic.relatedInformation?.length, 1);
    assert.equal(diagnostic.relatedInformation![0].location.range.start.line, 4);
    assert.match(String(diagnostic.message), /rules\[0\] above matches every request this one matches/);
  });
});

describe('unreachable-rule: not reported', () => {
  lintTable('unreachable-rule', [
    {
      name: 'group membership is unknown: users do not prove userGroups',
      rules: [...none('userGroups: [system:masters]'), ...none('users: [admin]')],
      expected: [],
    },
    {
      name: 'a rule with users does not cover a rule without',
      rules: [...none('users: [a]'), ...none()],
      expected: [],
    },
    {
      name: 'pods does not cover pods/log',
      rules: [...none('resources: [{resources: [pods]}]'), ...none('resources: [{resources: ["pods/log"]}]')],
      expected: [],
    },
    {
      name: '*/log does not cover pods/*',
      rules: [...none('resources: [{resources: ["*/log"]}]'), ...none('resources: [{resources: ["pods/*"]}]')],
      expected: [],
    },
    {
      name: 'a resource rule does not cover a rule without selectors',
      rules: [...none('resources: [{group: "*"}]'), ...none()],
      expected: [],
    },
    {
      name: 'a URL rule does not cover resource requests',
      rules: [...none('nonResourceURLs: ["*"]'), ...none('verbs: [get]')],
      expected: [],
    },
    {
      name: 'namespaces are resource-only',
      rules: [...none('namespaces: [""]'), ...none('nonResourceURLs: ["/metrics"]')],
      expected: [],
    },
    {
      name: 'named entries do not cover unnamed ones',
      rules: [
        ...none('resources: [{resources: [pods], resourceNames: [a]}]'),
        ...none('resources: [{resources: [pods]}]'),
      ],
      expected: [],
    },
    {
      name: 'a different group',
      rules: [...none('resources: [{group: apps}]'), ...none('resources: [{group: batch}]')],
      expected: [],
    },
    {
      name: 'only some entries covered',
      rules: [...none('resources: [{resources: [pods]}]'), ...none('resources: [{resources: [pods]}, {group: apps}]')],
      expected: [],
    },
    {
      name: 'a union of rules is not claimed',
      rules: [...none('verbs: [get]'), ...none('verbs: [list]'), ...none('verbs: [get, list]')],
      expected: [],
    },
    {
      name: 'URL prefixes that do not nest',
      rules: [...none('nonResourceURLs: ["/healthz/*"]'), ...none('nonResourceURLs: ["/healthz*"]')],
      expected: [],
    },
    {
      name: 'literal patterns are only covered by themselves or *',
      rules: [...none('resources: [{resources: ["*/*"]}]'), ...none('resources: [{resources: ["pods/log"]}]')],
      expected: [],
    },
    {
      name: 'an undecodable rule covers nothing',
      rules: [...none('verbs: get'), ...none('verbs: [get]')],
      expected: [],
    },
    { name: 'earlier rules only', rules: [...none('verbs: [get]'), ...none()], expected: [] },
  ]);
});

describe('sensitive-bodies', () => {
  const level = (l: string, ...lines: string[]): string[] => [`- level: ${l}`, ...lines.map((x) => `  ${x}`)];
  const atLevel = (rule: number, l: string): { text: string; path: string } => ({
    text: `level: ${l}`,
    path: `rules[${rule}].level`,
  });
  lintTable('sensitive-bodies', [
    { name: 'a catch-all Request', rules: level('Request'), expected: [atLevel(0, 'Request')] },
    {
      name: 'secrets at RequestResponse',
      rules: level('RequestResponse', 'resources: [{resources: [secrets]}]'),
      expected: [atLevel(0, 'RequestResponse')],
    },
    {
      name: 'serviceaccounts/token through */token',
      rules: level('RequestResponse', 'resources: [{resources: ["*/token"]}]'),
      expected: [atLevel(0, 'RequestResponse')],
    },
    {
      name: 'tokenreviews through group *',
      rules: level('Request', 'resources: [{group: "*"}]'),
      expected: [atLevel(0, 'Request')],
    },
    {
      name: 'a Metadata rule above takes them all',
      rules: [
        ...level(
          'Metadata',
          'resources: [{resources: [secrets, configmaps, "serviceaccounts/token"]}, {group: authentication.k8s.io, resources: [tokenreviews]}]',
        ),
        ...level('RequestResponse'),
      ],
      expected: [],
    },
    {
      name: 'a Metadata rule above takes only some',
      rules: [...level('Metadata', 'resources: [{resources: [secrets, configmaps]}]'), ...level('RequestResponse')],
      expected: [atLevel(1, 'RequestResponse')],
    },
    { name: 'reads at Request carry no body', rules: level('Request', 'verbs: [get, list, watch]'), expected: [] },
    {
      // Oracle: admin's POST tokenreviews and POST serviceaccounts/token match rules[0] (None), the
      // only verb those resources serve; PUT secrets reaches rules[1]. The finding names secrets and
      // configmaps only.
      name: 'an earlier rule for every create takes every TokenReview and token request',
      rules: [...level('None', 'verbs: [create]'), ...level('Request', 'users: [admin]'), ...level('Metadata')],
      expected: [atLevel(1, 'Request')],
    },
    {
      name: 'a rule for reads of tokenreviews logs no body',
      rules: level(
        'RequestResponse',
        'verbs: [get, list]',
        'resources: [{group: authentication.k8s.io, resources: [tokenreviews]}]',
      ),
      expected: [],
    },
    {
      // An Ansible role's per-namespace Request rules, after a Metadata rule for secrets and
      // configmaps: tokenreviews are cluster-scoped, so a rule for namespace "prod" never sees one
      // (the oracle resolves POST /apis/authentication.k8s.io/v1/tokenreviews to namespace "" and
      // the catch-all, not this rule, decides it).
      name: 'a rule for some namespaces never sees a TokenReview',
      rules: [
        ...level('Metadata', 'resources: [{resources: [secrets, configmaps]}]'),
        ...level('Request', 'namespaces: [prod]'),
      ],
      expected: [],
    },
    {
      name: 'a rule that lists "" among its namespaces still does',
      rules: [
        ...level('Metadata', 'resources: [{resources: [secrets, configmaps]}]'),
        ...level('Request', 'namespaces: ["", prod]'),
      ],
      expected: [atLevel(1, 'Request')],
    },
    {
      name: 'other resources',
      rules: level('RequestResponse', 'resources: [{resources: [pods]}, {group: apps}]'),
      expected: [],
    },
    { name: 'non-resource rules', rules: level('RequestResponse', 'nonResourceURLs: ["*"]'), expected: [] },
    { name: 'Metadata', rules: level('Metadata'), expected: [] },
  ]);
  test('names what is exposed', () => {
    const [f] = findingsOf('sensitive-bodies', policy('- level: Request'));
    assert.match(f.message, /secrets, configmaps, tokenreviews/);
    assert.doesNotMatch(f.message, /serviceaccounts\/token/); // its secret is in the response only
  });
});

describe('no-catch-all', () => {
  lintTable('no-catch-all', [
    {
      name: 'None rules and no default',
      rules: [
        '- level: None',
        '  users: [system:kube-proxy]',
        '- level: Metadata',
        '  resources: [{resources: [pods]}]',
      ],
      expected: [{ text: 'rules', path: 'rules' }],
    },
    {
      name: 'a final catch-all',
      rules: ['- level: None', '  users: [system:kube-proxy]', '- level: Metadata'],
      expected: [],
    },
    {
      name: 'a final None catch-all says it',
      rules: ['- level: Metadata', '  resources: [{resources: [pods]}]', '- level: None'],
      expected: [],
    },
    {
      name: 'every resource request and every URL',
      rules: [
        '- level: None',
        '  users: [a]',
        '- level: Metadata',
        '  resources: [{group: "*"}]',
        '- level: Metadata',
        '  nonResourceURLs: ["*"]',
      ],
      expected: [],
    },
    {
      name: 'only recording rules: logging just these is the intent',
      rules: ['- level: RequestResponse', '  resources: [{group: example.com}]'],
      expected: [],
    },
  ]);
});

describe('request-received-logged', () => {
  const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy'];
  lintTable('request-received-logged', [
    {
      name: 'nothing omits it',
      document: yaml(...HEAD, 'rules:', '- level: Metadata'),
      expected: [{ text: 'rules', path: 'rules' }],
    },
    {
      name: 'policy omitStages without it',
      document: yaml(...HEAD, 'omitStages: [Panic]', 'rules:', '- level: Metadata'),
      expected: [{ text: 'omitStages', path: 'omitStages' }],
    },
    {
      name: 'the policy omits it',
      document: yaml(...HEAD, 'omitStages: [RequestReceived]', 'rules:', '- level: Metadata'),
      expected: [],
    },
    {
      name: 'every recording rule omits it',
      document: yaml(...HEAD, 'rules:', '- level: Metadata', '  omitStages: [RequestReceived]', '- level: None'),
      expected: [],
    },
    { name: 'level None records nothing', document: yaml(...HEAD, 'rules:', '- level: None'), expected: [] },
    {
      // Oracle: omitStages [ResponseComplete, ResponseStarted]: each request is logged once, as it
      // arrives; omitting RequestReceived too would leave only Panic events.
      name: 'a rule that omits the completion records arrivals once',
      document: yaml(...HEAD, 'rules:', '- level: Metadata', '  omitStages: ["ResponseStarted", "ResponseComplete"]'),
      expected: [],
    },
    {
      // Oracle: omitStages [ResponseComplete]: each request is logged as it arrives, not again
      name: 'the policy omits the completion',
      document: yaml(...HEAD, 'omitStages: [ResponseComplete]', 'rules:', '- level: Metadata'),
      expected: [],
    },
    {
      // Oracle: every request matches rules[0], which omits RequestReceived
      name: 'rules no request reaches record nothing',
      document: yaml(
        ...HEAD,
        'rules:',
        '- level: Metadata',
        '  omitStages: ["RequestReceived"]',
        '- level: RequestResponse',
        '  resources: [{group: "", resources: ["secrets"]}]',
        '- level: Metadata',
      ),
      expected: [],
    },
    {
      name: 'a reachable rule after them still counts',
      document: yaml(
        ...HEAD,
        'rules:',
        '- level: Metadata',
        '  omitStages: ["RequestReceived"]',
        '  users: ["alice"]',
        '- level: RequestResponse',
        '  users: ["alice"]',
        '- level: Metadata',
      ),
      expected: [{ text: 'rules', path: 'rules' }],
    },
  ]);
});

test('sensitive-bodies names only what reaches the rule: no tokenreviews behind an earlier rule for every create', () => {
  const text = yaml(
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: None',
    '  verbs: ["create"]',
    '- level: Request',
    '  users: ["admin"]',
    '- level: Metadata',
  );
  const found = validate(doc(text), settings({})).filter((d) => d.code === 'sensitive-bodies');
  assert.equal(found.length, 1);
  assert.deepEqual((found[0].data as { resources: string[] }).resources, ['secrets', 'configmaps']);
});

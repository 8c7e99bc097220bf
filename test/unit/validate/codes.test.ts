// One table per diagnostic code of the foundation: each case is an inline policy and the
// findings expected, asserted by the text they underline and the kube-apiserver field path.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, settings, yaml } from '../../helpers/fixture';

interface Case {
  readonly name: string;
  readonly input: string;
  readonly expected: ReadonlyArray<{ code: string; text: string; path: string }>;
  readonly minor?: number;
  readonly force?: boolean;
}

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy'];
/** A policy with the given lines under `rules:`. */
const policy = (...ruleLines: string[]): string => yaml(...HEAD, 'rules:', ...ruleLines);

/** The checks of kube-apiserver's loader and validation; the engine's lints have their own tests. */
const FOUNDATION = new Set([
  'yaml-syntax', 'wrong-type', 'invalid-api-version', 'invalid-kind', 'no-rules', 'missing-level', 'invalid-level', 'invalid-stage',
  'invalid-non-resource-url', 'mixed-resources-and-urls', 'invalid-group', 'resource-names-without-resources',
  'unknown-field', 'duplicate-key', 'surrounding-whitespace', 'ignored-document', 'deprecated-api-version',
]);

function run(cases: readonly Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const actual = diagnose(c.input, { settings: settings({ kubernetesMinor: c.minor ?? 36 }), force: c.force })
        .filter((d) => FOUNDATION.has(d.code))
        .map(({ code, text, path }) => ({ code, text, path }));
      assert.deepEqual(actual, c.expected);
    });
  }
}

describe('clean policies give nothing', () => {
  run([
    { name: 'minimal', input: policy('- level: Metadata'), expected: [] },
    { name: 'kind may be left out with v1', input: yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None'), expected: [] },
    { name: 'flow style, trailing comma', input: policy('- {level: None, users: [a, b,], verbs: ["get"]}'), expected: [] },
    { name: 'namespaces [""] without URLs', input: policy('- level: None', '  namespaces: [""]'), expected: [] },
    { name: '- {} group entry', input: policy('- level: None', '  resources:', '  - {}'), expected: [] },
    { name: 'the single URL * is allowed', input: policy('- level: None', '  nonResourceURLs: ["*", "/healthz*"]'), expected: [] },
    { name: 'group "*" from 1.36', input: policy('- level: None', '  resources:', '  - group: "*"'), expected: [] },
    { name: 'omitManagedFields from 1.23', input: yaml(...HEAD, 'omitManagedFields: true', 'rules:', '- level: None', '  omitManagedFields: false'), expected: [] },
    { name: 'a leading document marker', input: yaml('---', ...HEAD, 'rules:', '- level: None'), expected: [] },
    { name: 'the whole document indented', input: '    apiVersion: audit.k8s.io/v1\n    kind: Policy\n    rules:\n    - level: None\n', expected: [] },
    { name: 'unquoted YAML 1.1 boolean for a bool field', input: policy('- level: None', '  omitManagedFields: yes'), expected: [] },
  ]);
});

describe('yaml-syntax', () => {
  run([
    { name: 'an unclosed flow list', input: policy('- level: None', '  verbs: [get, list'), expected: [{ code: 'yaml-syntax', text: '', path: '' }] },
  ].map((c) => ({ ...c, expected: c.expected })));
});

describe('wrong-type', () => {
  run([
    { name: 'a scalar where a list is expected', input: policy('- level: None', '  users: tim'), expected: [{ code: 'wrong-type', text: 'tim', path: 'rules[0].users' }] },
    { name: 'a quoted boolean', input: policy('- level: None', '  omitManagedFields: "yes"'), expected: [{ code: 'wrong-type', text: '"yes"', path: 'rules[0].omitManagedFields' }] },
    { name: 'a number for the level', input: policy('- level: 3'), expected: [{ code: 'wrong-type', text: '3', path: 'rules[0].level' }] },
    { name: 'YAML 1.1 boolean in a string list', input: policy('- level: None', '  namespaces: [on, "off"]'), expected: [{ code: 'wrong-type', text: 'on', path: 'rules[0].namespaces[0]' }] },
    { name: 'a mapping where a list is expected', input: policy('- level: None', '  verbs: {get: true}'), expected: [{ code: 'wrong-type', text: '{get: true}', path: 'rules[0].verbs' }] },
    { name: 'a rule that is a scalar', input: policy('- level: None', '- Metadata'), expected: [{ code: 'wrong-type', text: 'Metadata', path: 'rules[1]' }] },
    { name: 'rules as a scalar', input: yaml(...HEAD, 'rules: all'), expected: [{ code: 'wrong-type', text: 'all', path: 'rules' }] },
  ]);
});

describe('invalid-api-version and deprecated-api-version', () => {
  run([
    { name: 'v1beta1 is removed in 1.24', input: yaml('apiVersion: audit.k8s.io/v1beta1', 'kind: Policy', 'rules:', '- level: None'), expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v1beta1', path: 'apiVersion' }] },
    { name: 'v1alpha1 too', input: yaml('apiVersion: audit.k8s.io/v1alpha1', 'rules:', '- level: None'), expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v1alpha1', path: 'apiVersion' }] },
    { name: 'v1beta1 loads with a warning on 1.22', minor: 22, input: yaml('apiVersion: audit.k8s.io/v1beta1', 'rules:', '- level: None'), expected: [{ code: 'deprecated-api-version', text: 'audit.k8s.io/v1beta1', path: 'apiVersion' }] },
    { name: 'v1beta1 is fine on 1.20', minor: 20, input: yaml('apiVersion: audit.k8s.io/v1beta1', 'rules:', '- level: None'), expected: [] },
    { name: 'missing apiVersion (file named explicitly)', force: true, input: yaml('kind: Policy', 'rules:', '- level: None'), expected: [{ code: 'invalid-api-version', text: 'kind', path: 'apiVersion' }] },
    { name: 'another group version (file named explicitly)', force: true, input: yaml('apiVersion: audit.k8s.io/v2', 'rules:', '- level: None'), expected: [{ code: 'invalid-api-version', text: 'audit.k8s.io/v2', path: 'apiVersion' }] },
    { name: 'an empty file named explicitly', force: true, input: '', expected: [{ code: 'invalid-api-version', text: '', path: 'apiVersion' }] },
  ]);
});

describe('invalid-kind', () => {
  run([
    { name: 'an unknown kind (file named explicitly)', force: true, input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Polcy', 'rules:', '- level: None'), expected: [{ code: 'invalid-kind', text: 'Polcy', path: 'kind' }] },
    { name: 'another kind of the group is not a policy, so not checked', input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Event', 'level: Metadata'), expected: [] },
  ]);
});

describe('no-rules', () => {
  run([
    { name: 'rules missing', input: yaml(...HEAD), expected: [{ code: 'no-rules', text: 'apiVersion', path: 'rules' }] },
    { name: 'rules empty', input: yaml(...HEAD, 'rules: []'), expected: [{ code: 'no-rules', text: 'rules', path: 'rules' }] },
    { name: 'rules null', input: yaml(...HEAD, 'rules:'), expected: [{ code: 'no-rules', text: 'rules', path: 'rules' }] },
  ]);
});

describe('missing-level and invalid-level', () => {
  run([
    { name: 'no level', input: policy('- verbs: ["get"]'), expected: [{ code: 'missing-level', text: 'verbs', path: 'rules[0].level' }] },
    { name: 'an empty level', input: policy('- level: ""'), expected: [{ code: 'missing-level', text: 'level', path: 'rules[0].level' }] },
    { name: 'Level with a capital is an unknown field, so the level is missing', input: policy('- Level: None'), expected: [{ code: 'unknown-field', text: 'Level', path: 'rules[0].Level' }, { code: 'missing-level', text: 'Level', path: 'rules[0].level' }] },
    { name: 'a typo', input: policy('- level: Metdata'), expected: [{ code: 'invalid-level', text: 'Metdata', path: 'rules[0].level' }] },
    { name: 'the wrong case', input: policy('- level: requestresponse'), expected: [{ code: 'invalid-level', text: 'requestresponse', path: 'rules[0].level' }] },
  ]);
});

describe('invalid-stage', () => {
  run([
    { name: 'policy omitStages', input: yaml(...HEAD, 'omitStages: [RequestRecieved]', 'rules:', '- level: None'), expected: [{ code: 'invalid-stage', text: 'RequestRecieved', path: 'omitStages[0]' }] },
    { name: 'rule omitStages', input: policy('- level: None', '  omitStages: ["Panic", "panic"]'), expected: [{ code: 'invalid-stage', text: '"panic"', path: 'rules[0].omitStages[1]' }] },
  ]);
});

describe('invalid-non-resource-url', () => {
  run([
    { name: 'no leading slash', input: policy('- level: None', '  nonResourceURLs: ["healthz"]'), expected: [{ code: 'invalid-non-resource-url', text: '"healthz"', path: 'rules[0].nonResourceURLs[0]' }] },
    { name: 'a star before the end', input: policy('- level: None', '  nonResourceURLs: ["/logs*x", "/ok*"]'), expected: [{ code: 'invalid-non-resource-url', text: '"/logs*x"', path: 'rules[0].nonResourceURLs[0]' }] },
    { name: 'an empty URL', input: policy('- level: None', '  nonResourceURLs: [""]'), expected: [{ code: 'invalid-non-resource-url', text: '""', path: 'rules[0].nonResourceURLs[0]' }] },
  ]);
});

describe('mixed-resources-and-urls', () => {
  run([
    { name: 'URLs with resources', input: policy('- level: None', '  resources: [{group: ""}]', '  nonResourceURLs: ["/healthz"]'), expected: [{ code: 'mixed-resources-and-urls', text: 'nonResourceURLs', path: 'rules[0].nonResourceURLs' }] },
    { name: 'URLs with namespaces [""]', input: policy('- level: None', '  namespaces: [""]', '  nonResourceURLs: ["/healthz"]'), expected: [{ code: 'mixed-resources-and-urls', text: 'nonResourceURLs', path: 'rules[0].nonResourceURLs' }] },
    { name: 'empty lists do not count', input: policy('- level: None', '  namespaces: []', '  nonResourceURLs: ["/healthz"]'), expected: [] },
  ]);
});

describe('invalid-group', () => {
  run([
    { name: 'a group with its version', input: policy('- level: None', '  resources:', '  - group: apps/v1'), expected: [{ code: 'invalid-group', text: 'apps/v1', path: 'rules[0].resources[0].group' }] },
    { name: 'upper case', input: policy('- level: None', '  resources:', '  - group: Apps'), expected: [{ code: 'invalid-group', text: 'Apps', path: 'rules[0].resources[0].group' }] },
    { name: '"*" before 1.36', minor: 35, input: policy('- level: None', '  resources:', '  - group: "*"'), expected: [{ code: 'invalid-group', text: '"*"', path: 'rules[0].resources[0].group' }] },
  ]);
});

describe('resource-names-without-resources', () => {
  run([
    { name: 'names but no resources', input: policy('- level: None', '  resources:', '  - group: ""', '    resourceNames: ["x"]'), expected: [{ code: 'resource-names-without-resources', text: 'resourceNames', path: 'rules[0].resources[0].resourceNames' }] },
  ]);
});

describe('unknown-field', () => {
  run([
    { name: 'groups for group', input: policy('- level: None', '  resources:', '  - groups: ""'), expected: [{ code: 'unknown-field', text: 'groups', path: 'rules[0].resources[0].groups' }] },
    { name: 'resource for resources', input: policy('- level: None', '  resources:', '  - resource: ["pods"]'), expected: [{ code: 'unknown-field', text: 'resource', path: 'rules[0].resources[0].resource' }] },
    { name: 'verbs nested under a resources entry', input: policy('- level: None', '  resources:', '  - group: ""', '    verbs: ["get"]'), expected: [{ code: 'unknown-field', text: 'verbs', path: 'rules[0].resources[0].verbs' }] },
    { name: 'a top-level typo', input: yaml(...HEAD, 'omitStage: [Panic]', 'rules:', '- level: None'), expected: [{ code: 'unknown-field', text: 'omitStage', path: 'omitStage' }] },
    { name: 'omitManagedFields before 1.23', minor: 22, input: policy('- level: None', '  omitManagedFields: true'), expected: [{ code: 'unknown-field', text: 'omitManagedFields', path: 'rules[0].omitManagedFields' }] },
    { name: 'an unknown metadata field', input: yaml(...HEAD, 'metadata: {nmae: x}', 'rules:', '- level: None'), expected: [{ code: 'unknown-field', text: 'nmae', path: 'metadata.nmae' }] },
  ]);
  test('suggests the field and where it belongs', () => {
    const [groups] = diagnose(policy('- level: None', '  resources:', '  - groups: ""')).filter((d) => d.code === 'unknown-field');
    assert.match(groups.message, /Did you mean `group`\?/);
    const [verbs] = diagnose(policy('- level: None', '  resources:', '  - group: ""', '    verbs: ["get"]')).filter((d) => d.code === 'unknown-field');
    assert.match(verbs.message, /`verbs` belongs in a rule/);
  });
});

describe('duplicate-key', () => {
  run([
    { name: 'the first of two levels is ignored', input: policy('- level: None', '  level: Metadata'), expected: [{ code: 'duplicate-key', text: 'level', path: 'rules[0].level' }] },
    { name: 'an ignored duplicate is not checked further', input: policy('- level: Bogus', '  level: Metadata'), expected: [{ code: 'duplicate-key', text: 'level', path: 'rules[0].level' }] },
  ]);
  test('names the value that wins', () => {
    const [dup] = diagnose(policy('- level: None', '  level: Metadata')).filter((d) => d.code === 'duplicate-key');
    assert.match(dup.message, /uses the last \(`Metadata`\)/);
  });
});

describe('surrounding-whitespace', () => {
  run([
    { name: 'a trailing space in a resource name', input: policy('- level: None', '  resources:', '  - resources: ["pods"]', '    resourceNames: ["webapp-pod "]'), expected: [{ code: 'surrounding-whitespace', text: '"webapp-pod "', path: 'rules[0].resources[0].resourceNames[0]' }] },
    { name: 'a leading space in a user', input: policy('- level: None', "  users: [' alice']"), expected: [{ code: 'surrounding-whitespace', text: "' alice'", path: 'rules[0].users[0]' }] },
    { name: 'a plain scalar has no trailing space', input: policy('- level: Metadata ', '  users: [alice ]'), expected: [] },
  ]);
});

describe('ignored-document', () => {
  run([
    { name: 'a second policy', input: policy('- level: None') + yaml('---', ...HEAD, 'rules:', '- level: Metadata'), expected: [{ code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', path: '' }] },
    { name: 'a comment-only later document is nothing', input: policy('- level: None') + '---\n# nothing\n', expected: [] },
  ]);
});

describe('the seed policy', () => {
  test('gives exactly the two warnings', () => {
    const input = yaml(...HEAD, 'omitStages: ["RequestReceived"]', 'rules:', '  - namespaces: ["prod-namespace"]', '    verbs: ["delete"]', '    resources:', '    - groups: ""', '      resources: ["pods"]', '      resourceNames: ["webapp-pod "]', '    level: RequestResponse');
    assert.deepEqual(
      diagnose(input).filter((d) => d.severity !== 'information').map(({ code, text, severity }) => ({ code, text, severity })),
      [
        { code: 'unknown-field', text: 'groups', severity: 'warning' },
        { code: 'surrounding-whitespace', text: '"webapp-pod "', severity: 'warning' },
      ],
    );
  });
});

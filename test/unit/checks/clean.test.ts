// Policies the basic checks have nothing to say about, and the seed policy's exact findings.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('clean policies give nothing', () => {
  checkTable([
    { name: 'minimal', input: policy('- level: Metadata'), expected: [] },
    {
      name: 'kind may be left out with v1',
      input: yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None'),
      expected: [],
    },
    {
      name: 'flow style, trailing comma',
      input: policy('- {level: None, users: [a, b,], verbs: ["get"]}'),
      expected: [],
    },
    { name: 'namespaces [""] without URLs', input: policy('- level: None', '  namespaces: [""]'), expected: [] },
    { name: '- {} group entry', input: policy('- level: None', '  resources:', '  - {}'), expected: [] },
    {
      name: 'the single URL * is allowed',
      input: policy('- level: None', '  nonResourceURLs: ["*", "/healthz*"]'),
      expected: [],
    },
    { name: 'group "*" from 1.36', input: policy('- level: None', '  resources:', '  - group: "*"'), expected: [] },
    {
      name: 'omitManagedFields from 1.23',
      input: yaml(...HEAD, 'omitManagedFields: true', 'rules:', '- level: None', '  omitManagedFields: false'),
      expected: [],
    },
    { name: 'a leading document marker', input: yaml('---', ...HEAD, 'rules:', '- level: None'), expected: [] },
    {
      name: 'the whole document indented',
      input: '    apiVersion: audit.k8s.io/v1\n    kind: Policy\n    rules:\n    - level: None\n',
      expected: [],
    },
    {
      name: 'unquoted YAML 1.1 boolean for a bool field',
      input: policy('- level: None', '  omitManagedFields: yes'),
      expected: [],
    },
  ]);
});

describe('the seed policy', () => {
  test('gives exactly the two warnings', () => {
    const input = yaml(
      ...HEAD,
      'omitStages: ["RequestReceived"]',
      'rules:',
      '  - namespaces: ["prod-namespace"]',
      '    verbs: ["delete"]',
      '    resources:',
      '    - groups: ""',
      '      resources: ["pods"]',
      '      resourceNames: ["webapp-pod "]',
      '    level: RequestResponse',
    );
    assert.deepEqual(
      diagnose(input)
        .filter((d) => d.severity !== 'information')
        .map(({ code, text, severity }) => ({ code, text, severity })),
      [
        { code: 'unknown-field', text: 'groups', severity: 'warning' },
        { code: 'surrounding-whitespace', text: '"webapp-pod "', severity: 'warning' },
      ],
    );
  });
});

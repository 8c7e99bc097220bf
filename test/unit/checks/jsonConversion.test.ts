// wrong-type (checks/jsonConversion.ts): what has no JSON form fails sigs.k8s.io/yaml's conversion,
// anywhere in the first document. The oracle's verdict (kube-apiserver 1.20.2's loader) beside each.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('wrong-type: no JSON form', () => {
  checkTable([
    // oracle: Unsupported map key of type: %!s(<nil>), key: <nil>, value: 1
    {
      name: 'a null key at the top',
      input: yaml(...HEAD, '~: 1', 'rules:', '- level: None'),
      expected: [{ code: 'wrong-type', text: '~', path: '' }],
    },
    {
      name: 'a key written null',
      input: yaml(...HEAD, 'null: 1', 'rules:', '- level: None'),
      expected: [{ code: 'wrong-type', text: 'null', path: '' }],
    },
    // oracle: the same, value: []interface {}{"pods"}
    {
      name: 'a null key in a rule',
      input: policy('- level: None', '  ~: [pods]'),
      expected: [{ code: 'wrong-type', text: '~', path: 'rules[0]' }],
    },
    // oracle: the same, value: "a" (in a field kube-apiserver otherwise never reads)
    {
      name: 'a null key among labels',
      input: yaml(...HEAD, 'metadata:', '  labels: {~: a}', 'rules:', '- level: None'),
      expected: [{ code: 'wrong-type', text: '~', path: 'metadata.labels' }],
    },
    // oracle: the same, value: "b": the last of the two is the one converted
    {
      name: 'two null keys',
      input: policy('- level: None', '  ~: a', '  ~: b'),
      expected: [{ code: 'wrong-type', text: '~', path: 'rules[0]' }],
    },
    // oracle: json: unsupported value: +Inf
    {
      name: '.inf in a known field',
      input: yaml(...HEAD, 'omitManagedFields: .inf', 'rules:', '- level: None'),
      expected: [{ code: 'wrong-type', text: '.inf', path: 'omitManagedFields' }],
    },
    // oracle: json: unsupported value: -Inf
    {
      name: '-.Inf in a dropped field',
      input: policy('- level: None', '  x: -.Inf'),
      expected: [
        { code: 'unknown-field', text: 'x', path: 'rules[0].x' },
        { code: 'wrong-type', text: '-.Inf', path: 'rules[0].x' },
      ],
    },
    // oracle: json: unsupported value: NaN
    {
      name: '.nan in a list',
      input: policy('- level: None', '  users: [.nan]'),
      expected: [{ code: 'wrong-type', text: '.nan', path: 'rules[0].users[0]' }],
    },
    // oracle: loads
    { name: '".inf" quoted is a string', input: policy('- level: None', '  users: [".inf"]'), expected: [] },
    // oracle: loads (only the first document is converted)
    {
      name: '.inf in a later document',
      input: yaml(...HEAD, 'rules:', '- level: None', '---', 'x: .inf'),
      expected: [{ code: 'ignored-document', text: 'x: .inf', path: '' }],
    },
    // oracle: loads (the later key replaces the value before the conversion)
    {
      name: '.inf replaced by a later key',
      input: yaml(...HEAD, 'x: .inf', 'x: 1', 'rules:', '- level: None'),
      expected: [
        { code: 'duplicate-key', text: 'x', path: 'x' },
        { code: 'unknown-field', text: 'x', path: 'x' },
      ],
    },
    // oracle: loads (a float key becomes the string "+Inf")
    {
      name: '.inf as a key',
      input: yaml(...HEAD, '.inf: 1', 'rules:', '- level: None'),
      expected: [{ code: 'unknown-field', text: '.inf', path: 'Infinity' }],
    },
  ]);
});

// Found by the differential campaign: a policy written as JSON is decoded by json-iterator, never by
// go-yaml, so a number too large for a float64 stays a number (go-yaml would keep it as text).
describe('wrong-type: a JSON number too large for a float64', () => {
  const json = (extra: string): string =>
    `{"apiVersion":"audit.k8s.io/v1","kind":"Policy",${extra}"rules":[{"level":"None"}]}`;
  const digits = `1${'0'.repeat(400)}`;
  checkTable([
    // oracle: failed decoding: v1.Policy.Rules: []v1.PolicyRule: readNumberAsString: invalid number
    {
      name: 'with an exponent, in a field kube-apiserver skips',
      input: json('"x":1e999,'),
      expected: [
        { code: 'unknown-field', text: '"x"', path: 'x' },
        { code: 'wrong-type', text: '1e999', path: 'x' },
      ],
    },
    // oracle: the same, inside metadata
    {
      name: 'negative, with an exponent, in metadata',
      input: json('"metadata":{"zz":-1E400},'),
      expected: [
        { code: 'unknown-field', text: '"zz"', path: 'metadata.zz' },
        { code: 'wrong-type', text: '-1E400', path: 'metadata.zz' },
      ],
    },
    // oracle: loads (rules 1): skipNumber passes plain digits without reading them
    {
      name: 'plain digits, in a field kube-apiserver skips',
      input: json(`"x":-${digits}.5,`),
      expected: [{ code: 'unknown-field', text: '"x"', path: 'x' }],
    },
    // oracle: loads (rules 1): in YAML, go-yaml keeps 1e999 as the string "1e999"
    {
      name: 'in a YAML file the same number is text',
      input: yaml(...HEAD, 'x: 1e999', 'rules:', '- level: None'),
      expected: [{ code: 'unknown-field', text: 'x', path: 'x' }],
    },
  ]);
});

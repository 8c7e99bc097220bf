// Nesting deeper than the project's tree holds (parse/verdict.ts): go-yaml's verdict stands, and
// nested-too-deeply says what goes unchecked; the JSON kube-apiserver makes of the file is read by
// encoding/json, which stops at 10,000 levels. Each case notes the oracle's answer (Kubernetes
// 1.20.2's LoadPolicyFromBytes): its loadError, or null.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, settings } from '../../helpers/fixture';

const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
const RULES = 'rules:\n- level: None\n';
const flow = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const block = (depth: number): string =>
  `x:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')} 1\n`;
const json = (x: string): string =>
  `{"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "x": ${x}, "rules": [{"level": "None"}]}`;

const codes = (text: string): string[] =>
  diagnose(text, { settings: settings({ kubernetesMinor: 20 }), force: true })
    .filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.severity} ${d.code}`);

describe('deep nesting kube-apiserver reads', () => {
  // Lines ended by a lone CR (a classic Mac file), NEL, LS or PS, which go-yaml reads as line breaks
  // and the `yaml` package does not; 9,000 levels are too deep for either tree, so the rules come
  // from the `yaml` package's reading with go-yaml's line breaks. Before, they were lost (no-rules).
  for (const [name, lineEnd] of [
    ['a lone CR', '\r'],
    ['NEL', '\u0085'],
    ['LS', '\u2028'],
    ['PS', '\u2029'],
  ]) {
    // loadError: null
    test(`9,000 levels in a file whose lines end with ${name}: its rules load`, () =>
      assert.deepEqual(codes(`${HEAD}x: ${flow(9000)}\n${RULES}`.replace(/\n/g, lineEnd)), [
        'warning unknown-field',
        'warning nested-too-deeply',
      ]));
    // loadError: rules[0].level: Unsupported value: "Bogus": supported values: "None", ...
    test(`9,000 levels in a file whose lines end with ${name}: its rules are checked`, () =>
      assert.deepEqual(codes(`${HEAD}x: ${flow(9000)}\nrules:\n- level: Bogus\n`.replace(/\n/g, lineEnd)).sort(), [
        'error invalid-level',
        'warning nested-too-deeply',
        'warning unknown-field',
      ]));
  }
  // loadError: null
  test('5,000 levels under a field it drops: a warning, no error', () =>
    assert.deepEqual(codes(`${HEAD}x: ${flow(5000)}\n${RULES}`), [
      'warning unknown-field',
      'warning nested-too-deeply',
    ]));
  // loadError: null (strictDecodeError: unknown field x)
  test('a 7,000-deep block mapping: read by go-yaml, beyond our tree', () =>
    assert.deepEqual(codes(`${HEAD}${block(7000)}${RULES}`), ['warning unknown-field', 'warning nested-too-deeply']));
  // loadError: null
  test('5,000 levels in fieldsV1, which holds any JSON', () =>
    assert.deepEqual(codes(`${HEAD}metadata:\n  managedFields:\n  - fieldsV1: ${flow(5000)}\n${RULES}`), [
      'warning nested-too-deeply',
    ]));
  // loadError: rules[0].level: Unsupported value: "Bogus": ...
  test('the rules around a deep value are still checked', () =>
    assert.deepEqual(codes(`${HEAD}rules:\n- level: Bogus\n  x: ${flow(5000)}\n`), [
      'error invalid-level',
      'warning unknown-field',
      'warning nested-too-deeply',
    ]));
  // loadError: null (JSON depth 10,000: the root and 9,999 lists)
  test('JSON 10,000 levels deep', () =>
    assert.deepEqual(codes(json(flow(9999))), ['warning unknown-field', 'warning nested-too-deeply']));
  // loadError: null (merged keys land in the root: 10,000 levels)
  test('a merged value 9,999 lists deep', () =>
    assert.deepEqual(codes(`${HEAD}<<: {x: ${flow(9999)}}\n${RULES}`), [
      'warning unknown-field',
      'warning nested-too-deeply',
    ]));
  // loadError: null (the later `x: 1` replaces the deep value before the JSON is written)
  test('a value 10,001 levels deep replaced by a later key', () =>
    assert.deepEqual(codes(`${HEAD}x: ${flow(10000)}\nx: 1\n${RULES}`), [
      'warning duplicate-key',
      'warning nested-too-deeply',
      'warning unknown-field',
    ]));
});

describe('merge keys in a policy too deep for our tree', () => {
  const errors = (text: string): string[] =>
    diagnose(text, { settings: settings({ kubernetesMinor: 20 }), force: true })
      .filter((d) => d.severity === 'error')
      .map((d) => d.message);
  const deep = `${HEAD}x: ${flow(3000)}\n`;
  // loadError: null (rules[1] is rules[0] merged, level and all). Before, the tree of a file this
  // deep was the `yaml` package's, which applies no merge key: rules[1] had no level (an error).
  test('a rule merged from an anchor gets its level', () => {
    const text = `${deep}rules:\n- &r0\n  level: RequestResponse\n  resources:\n  - group: "a"\n- <<: *r0\n`;
    assert.deepEqual(errors(text), []);
    assert.ok(codes(text).includes('warning nested-too-deeply'));
  });
  // loadError: rules[0].level: Required value
  test('what the merge does not bring is still missing', () =>
    assert.deepEqual(errors(`${deep}rules:\n- &r0\n  resources:\n  - group: "a"\n- <<: *r0\n  level: None\n`), [
      'kube-apiserver will refuse to start: rules[0].level: Required value. Every rule needs a level: None, Metadata, Request or RequestResponse.',
    ]));
  // loadError: rules[0].level: Unsupported value: "Bogus": ... (the key set beside the merge wins in rules[1])
  test('a key set beside the merge key overrides the merged one', () => {
    const [refusal, ...others] = errors(`${deep}rules:\n- &r0\n  level: Bogus\n- <<: *r0\n  level: None\n`);
    assert.match(refusal, /^kube-apiserver will refuse to start: rules\[0\]\.level: Unsupported value: "Bogus"/);
    assert.deepEqual(others, []);
  });
});

describe('deeper than encoding/json reads', () => {
  const refusal = (text: string): string[] =>
    diagnose(text, { settings: settings({ kubernetesMinor: 20 }), force: true })
      .filter((d) => d.severity === 'error')
      .map((d) => d.message);
  // loadError: failed decoding: couldn't get version/kind; json parse error: invalid character '['
  // exceeded max depth
  test('YAML whose JSON is 10,001 levels deep', () => {
    const [message, ...rest] = refusal(`${HEAD}x: ${flow(10000)}\n${RULES}`);
    assert.deepEqual(rest, []);
    assert.match(message, /json parse error: invalid character '\[' exceeded max depth/);
  });
  // loadError: the same
  test('JSON 10,001 levels deep', () =>
    assert.match(refusal(json(flow(10000)))[0], /json parse error: invalid character '\[' exceeded max depth/));
  // loadError: failed decoding: yaml: line 3: exceeded max depth of 10000
  test('go-yaml refuses 10,001 flow levels first', () =>
    assert.match(refusal(`${HEAD}<<: {x: ${flow(10000)}}\n${RULES}`)[0], /yaml: line 3: exceeded max depth of 10000/));
});

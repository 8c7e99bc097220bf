// `metadata` is an ObjectMeta: each value below was given to kube-apiserver 1.20.2's own loader
// (the oracle of test/differential) under `metadata:` in a valid policy; its verdict is noted
// beside the case. Refused means a wrong-type error at the value; loads means no error at all.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, settings, yaml } from '../../helpers/fixture';

/** [metadata line, oracle verdict, the text the error underlines when refused]. */
type Case = readonly [string, 'loads' | 'refused', string?];

const CASES: readonly Case[] = [
  // creationTimestamp: metav1.Time, time.Parse(time.RFC3339, ...) or null.
  ['creationTimestamp: yesterday', 'refused', 'yesterday'], // parsing time "yesterday" as "2006-01-02T15:04:05Z07:00"
  ['creationTimestamp: 2024-01-02', 'refused', '2024-01-02'], // cannot parse "" as "T"
  ['creationTimestamp: 2024-01-02T03:04:05Z', 'loads'],
  ['creationTimestamp: "2024-01-02T03:04:05Z"', 'loads'],
  ['creationTimestamp: 2024-01-02T03:04:05.123456789+01:00', 'loads'],
  ['creationTimestamp: 2024-01-02T03:04:05,5Z', 'loads'],
  ['creationTimestamp: 2024-01-02T3:04:05Z', 'loads'],
  ['creationTimestamp: 2024-01-02T03:04:05+25:00', 'loads'],
  ['creationTimestamp: 0000-01-02T03:04:05Z', 'loads'],
  ['creationTimestamp: 2024-01-02t03:04:05z', 'refused', '2024-01-02t03:04:05z'],
  ['creationTimestamp: 2024-01-02T03:04:05z', 'refused', '2024-01-02T03:04:05z'],
  ['creationTimestamp: 2024-01-02 03:04:05Z', 'refused', '2024-01-02 03:04:05Z'],
  ['creationTimestamp: 2024-13-02T03:04:05Z', 'refused', '2024-13-02T03:04:05Z'], // month out of range
  ['creationTimestamp: 2024-02-30T03:04:05Z', 'refused', '2024-02-30T03:04:05Z'], // day out of range
  ['creationTimestamp: 2024-01-02T24:04:05Z', 'refused', '2024-01-02T24:04:05Z'], // hour out of range
  ['creationTimestamp: 2024-01-02T03:04:60Z', 'refused', '2024-01-02T03:04:60Z'], // second out of range
  ['creationTimestamp: 2024-01-02T03:04:05+0100', 'refused', '2024-01-02T03:04:05+0100'],
  ['creationTimestamp: 10000-01-02T03:04:05Z', 'refused', '10000-01-02T03:04:05Z'],
  ['creationTimestamp: 2024-01-02T03:04:05.Z', 'refused', '2024-01-02T03:04:05.Z'],
  ['creationTimestamp: ""', 'refused', '""'],
  ['creationTimestamp: 1', 'refused', '1'], // json: cannot unmarshal number into Go value of type string
  ['creationTimestamp: true', 'refused', 'true'],
  ['creationTimestamp: []', 'refused', '[]'],
  ['creationTimestamp: {}', 'refused', '{}'],
  ['creationTimestamp: ~', 'loads'],
  ['creationTimestamp:', 'loads'],
  ['deletionTimestamp: x', 'refused', 'x'],
  ['deletionTimestamp: ~', 'loads'],
  ['deletionTimestamp: 2024-01-02T03:04:05Z', 'loads'],
  // labels and annotations: map[string]string.
  ['labels: {a: 1}', 'refused', '1'], // ReadString: expects " or n, but found 1
  ['labels: {a: "1"}', 'loads'],
  ['labels: {a: ~}', 'loads'],
  ['labels: {a: true}', 'refused', 'true'],
  ['labels: {1: a}', 'loads'],
  ['labels: {a: [x]}', 'refused', '[x]'],
  ['labels: []', 'refused', '[]'], // ReadMapCB: expect { or n, but found [
  ['labels: x', 'refused', 'x'],
  ['labels: ~', 'loads'],
  ['annotations: {a: 1.5}', 'refused', '1.5'],
  ['annotations: {a: b}', 'loads'],
  // Strings: name, generateName, namespace, selfLink, uid, resourceVersion, clusterName (1.20).
  ['name: 1', 'refused', '1'],
  ['name: yes', 'refused', 'yes'], // YAML 1.1: a boolean
  ['name: [a]', 'refused', '[a]'],
  ['name: {}', 'refused', '{}'],
  ['name: ~', 'loads'],
  ['uid: 5', 'refused', '5'],
  ['uid: abc', 'loads'],
  ['namespace: 1', 'refused', '1'],
  ['generateName: false', 'refused', 'false'],
  ['selfLink: 2', 'refused', '2'],
  ['resourceVersion: 12', 'refused', '12'],
  ['clusterName: 1', 'refused', '1'],
  // Integers: generation, deletionGracePeriodSeconds (int64).
  ['generation: 1', 'loads'],
  ['generation: "1"', 'refused', '"1"'], // readUint64: unexpected character
  ['generation: 1.5', 'refused', '1.5'], // assertInteger: can not decode float as int
  ['generation: 1e3', 'loads'],
  ['generation: 1.0', 'loads'],
  ['generation: -3', 'loads'],
  ['generation: 0x1F', 'loads'],
  ['generation: 9223372036854775808', 'refused', '9223372036854775808'], // ReadInt64: overflow
  ['generation: true', 'refused', 'true'],
  ['generation: ~', 'loads'],
  ['deletionGracePeriodSeconds: "5"', 'refused', '"5"'],
  ['deletionGracePeriodSeconds: 5', 'loads'],
  // Lists: finalizers []string, ownerReferences []OwnerReference, managedFields []ManagedFieldsEntry.
  ['finalizers: [a, 1]', 'refused', '1'],
  ['finalizers: a', 'refused', 'a'], // decode slice: expect [ or n
  ['finalizers: [~]', 'loads'],
  ['ownerReferences: [{name: 1}]', 'refused', '1'],
  ['ownerReferences: [{name: a, controller: "true"}]', 'refused', '"true"'], // ReadBool
  ['ownerReferences: [{name: a, controller: true, blockOwnerDeletion: 1}]', 'refused', '1'],
  ['ownerReferences: {}', 'refused', '{}'],
  ['ownerReferences: [a]', 'refused', 'a'], // readObjectStart: expect { or n
  ['ownerReferences: [~]', 'loads'],
  ['ownerReferences: [{uid: 3, foo: 1}]', 'refused', '3'],
  ['managedFields: [{manager: 1}]', 'refused', '1'],
  ['managedFields: [{time: x}]', 'refused', 'x'],
  ['managedFields: [{time: 2024-01-02T03:04:05Z, fieldsV1: 3}]', 'loads'], // FieldsV1 keeps any JSON
  ['managedFields: [{fieldsV1: {a: 1}, fieldsType: 1}]', 'refused', '1'],
  ['managedFields: [{operation: 1}]', 'refused', '1'],
  ['managedFields: [{subresource: 1}]', 'loads'], // 1.20 has no subresource field: dropped
  ['unknownField: [1, 2]', 'loads'], // dropped (an unknown-field warning)
];

describe('metadata decodes as kube-apiserver 1.20 decodes an ObjectMeta', () => {
  for (const [line, verdict, underlined] of CASES) {
    test(`${line} (oracle: ${verdict})`, () => {
      const text = yaml(
        'apiVersion: audit.k8s.io/v1',
        'kind: Policy',
        'metadata:',
        `  ${line}`,
        'rules:',
        '- level: Metadata',
      );
      const errors = diagnose(text, { settings: settings({ kubernetesMinor: 20 }) }).filter(
        (d) => d.severity === 'error',
      );
      if (verdict === 'loads') return assert.deepEqual(errors, []);
      assert.deepEqual(
        errors.map((e) => [e.code, e.text]),
        [['wrong-type', underlined]],
      );
      assert.match(errors[0].path, /^metadata\./);
    });
  }
});

describe('a JSON file writes whole numbers with digits only', () => {
  const json = (generation: string): string =>
    `{"apiVersion":"audit.k8s.io/v1","kind":"Policy","metadata":{"generation":${generation}},` +
    '"rules":[{"level":"None"}]}';
  const errors = (text: string): string[][] =>
    diagnose(text, { settings: settings({ kubernetesMinor: 20 }) })
      .filter((d) => d.severity === 'error')
      .map((d) => [d.code, d.text]);

  // Oracle: failed decoding: v1.Policy.ObjectMeta: struct Decode: expect }, but found e
  test('generation 1e3 in JSON (oracle: refused)', () =>
    assert.deepEqual(errors(json('1e3')), [['wrong-type', '1e3']]));
  // Oracle: v1.ObjectMeta.Generation: assertInteger: can not decode float as int
  test('generation 1.0 in JSON (oracle: refused)', () =>
    assert.deepEqual(errors(json('1.0')), [['wrong-type', '1.0']]));
  // Oracle: loads (rules 1)
  test('generation 1000 in JSON (oracle: loads)', () => assert.deepEqual(errors(json('1000')), []));
  // Oracle: loads (rules 1): from YAML, json.Marshal writes go-yaml's float64 as 1000 and 1
  test('generation 1e3 and 1.0 in YAML (oracle: loads)', () => {
    for (const value of ['1e3', '1.0']) {
      const text = yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'metadata:', `  generation: ${value}`);
      assert.deepEqual(errors(`${text}rules:\n- level: None\n`), []);
    }
  });
});

describe('ObjectMeta follows the Kubernetes version', () => {
  const meta = (line: string): string =>
    yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'metadata:', `  ${line}`, 'rules:', '- level: Metadata');
  const codes = (line: string, minor: number): string[] =>
    diagnose(meta(line), { settings: settings({ kubernetesMinor: minor }) })
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => `${d.severity} ${d.code}`);

  test('managedFields[].subresource is a string from 1.22 (kubernetes/kubernetes#100970)', () => {
    assert.deepEqual(codes('managedFields: [{subresource: 1}]', 22), ['error wrong-type']);
    // Oracle (1.20): loads; strict decoding: ManagedFieldsEntry.ReadObject: found unknown field: subresource
    assert.deepEqual(codes('managedFields: [{subresource: 1}]', 21), ['warning unknown-field']);
  });

  test('clusterName is gone from 1.25 (kubernetes/kubernetes#108717): dropped, not decoded', () => {
    assert.deepEqual(codes('clusterName: 1', 24), ['error wrong-type']);
    assert.deepEqual(codes('clusterName: 1', 25), ['warning unknown-field']);
  });
});

describe('what strict decoding objects to inside metadata is a warning', () => {
  const warnings = (lines: string[]): string[][] =>
    diagnose(
      yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'metadata:', ...lines, 'rules:', '- level: Metadata'),
      { settings: settings({ kubernetesMinor: 20 }) },
    )
      .filter((d) => d.severity === 'error' || d.severity === 'warning')
      .map((d) => [d.severity, d.code, d.text, d.path]);

  // Oracle: loads; strict: OwnerReference.ReadObject: found unknown field: Name
  test('a key an OwnerReference does not have', () =>
    assert.deepEqual(warnings(['  ownerReferences:', '  - Name: x']), [
      ['warning', 'unknown-field', 'Name', 'metadata.ownerReferences[0].Name'],
    ]));
  // Oracle: loads; strict: yaml: unmarshal errors: line 6: key "name" already set in map
  test('a key repeated in an OwnerReference', () =>
    assert.deepEqual(warnings(['  ownerReferences:', '  - name: a', '    name: b']), [
      ['warning', 'duplicate-key', 'name', 'metadata.ownerReferences[0].name'],
    ]));
  // Oracle: loads; strict: yaml: unmarshal errors: line 6: key "a" already set in map
  test('a label repeated', () =>
    assert.deepEqual(warnings(['  labels:', '    a: b', '    a: c']), [
      ['warning', 'duplicate-key', 'a', 'metadata.labels.a'],
    ]));
  // Oracle: loads; strict: yaml: unmarshal errors: line 5: key "a" already set in map
  test('a key repeated deep inside fieldsV1', () =>
    assert.deepEqual(warnings(['  managedFields:', '  - fieldsV1: {f: [{a: 1, a: 2}]}']), [
      ['warning', 'duplicate-key', 'a', 'metadata.managedFields[0].fieldsV1.f[0].a'],
    ]));
  // Oracle: loads; strict: key "name" already set in map. As in rules (differences.ts,
  // doc-merge-override-strict), a merged key set again is how merge keys are meant to be used.
  test('a merge key overridden in an OwnerReference is not a duplicate', () =>
    assert.deepEqual(warnings(['  ownerReferences:', '  - <<: {name: a}', '    name: b']), []));
});

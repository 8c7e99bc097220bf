// host-not-yaml: a YAML host that is not YAML outside its policy. kubectl reads a manifest's
// documents with sigs.k8s.io/yaml (go-yaml v2), which refuses `"a\$b"` with "found unknown escape
// character" (scannerc.go yaml_parser_scan_flow_scalar) and an unclosed flow sequence with "did not
// find expected ',' or ']'" (scannerc.go / parserc.go), so the file never reaches the cluster.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument } from '../../../server/src/service';
import { findingRows } from './support';

const POLICY_KEY = [
  'data:',
  '  policy.yaml: |',
  '    apiVersion: audit.k8s.io/v1',
  '    kind: Policy',
  '    rules:',
  '    - level: Metadata',
];
const rows = (text: string, uri = 'file:///m/audit.yaml') =>
  findingRows(createHostDocument(uri, 1, text)).map((r) => `${r.line} ${r.code} ${r.text}`);

test('a ConfigMap that is not YAML outside its policy: said where go-yaml stops, in its words', () => {
  const escape = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: "a\\$b"', ...POLICY_KEY, ''].join('\n');
  assert.deepEqual(rows(escape), ['4 host-not-yaml \\$b"']);
  const host = createHostDocument('file:///m/audit.yaml', 1, escape);
  const unclosed = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: audit',
    '  labels: {app: audit',
    ...POLICY_KEY,
    '',
  ].join('\n');
  assert.deepEqual(
    rows(unclosed).map((r) => r.split(' ').slice(0, 2).join(' ')),
    ['6 host-not-yaml'],
  );
  assert.equal(host.policies.length, 1);
});

test('a later document of the manifest counts too: kubectl reads them all', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: audit',
    ...POLICY_KEY,
    '---',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: "x\\qy"',
    '',
  ].join('\n');
  assert.deepEqual(rows(text), ['15 host-not-yaml \\qy"']);
});

test('no note on a YAML host that reads, on a template, or on an error inside the policy', () => {
  const fine = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: "a$b"', ...POLICY_KEY, ''].join('\n');
  assert.deepEqual(rows(fine), []);
  // Helm: the directives are masked, and the masked text is no file anyone reads.
  const helm = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  labels: {{ include "x.labels" . | nindent 4 }}',
    ...POLICY_KEY,
    '',
  ].join('\n');
  assert.deepEqual(
    rows(helm, 'file:///chart/templates/audit.yaml').filter((r) => r.includes('host-not-yaml')),
    [],
  );
  // A policy written as a mapping in the host: its own yaml-syntax says where it breaks.
  const inline = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  users: ["a\\$b"]',
    '',
  ].join('\n');
  assert.ok(!rows(inline, 'file:///m/policy.yaml').some((r) => r.includes('host-not-yaml')));
});

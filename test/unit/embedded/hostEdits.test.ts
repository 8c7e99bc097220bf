// Fixes written into hosts at the edges of a policy: the last line of a block scalar followed by
// another key, another document or the end of the file; each chomping indicator; a Markdown
// fence and a here-document; and fixes that copy a value a template or Terraform computes.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { maskOf, restorer } from '../../../server/src/service/embedded/maskedValues';
import { fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///edits/${name}`, 1, text);
}

/** The host after the fix titled `title` (its start) for the first finding `code`; undefined when not offered. */
const CATCH_ALL = 'Add a catch-all rule at the end';
const SPLIT = 'Split into a rule for resources';

function configMap(indicator: string, policy: string[], after: string): string {
  const head = ['apiVersion: v1', 'kind: ConfigMap', 'data:', `  policy.yaml: ${indicator}`];
  return [...head, ...policy.map((l) => (l === '' ? '' : `    ${l}`))].join('\n') + after;
}

const POLICY = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '- level: None',
  '  users: ["system:kube-proxy"]',
];
const WITH_CATCH_ALL = [...POLICY, '- level: Metadata'];

test('a catch-all after the last line of a block scalar stays in it: before a key, a document, the end', () => {
  for (const after of ['\n  other.txt: hello\n', '\n---\nkind: Namespace\n', '\n', '']) {
    const text = configMap('|', POLICY, after);
    assert.equal(
      fixed(host('cm.yaml', text), 'no-catch-all', CATCH_ALL),
      configMap('|', WITH_CATCH_ALL, after || '\n'),
    );
  }
});

test('the last line removed whole: the next key keeps its place and its indentation', () => {
  const text = configMap('|', [...POLICY, '  verb: [get]'], '\n  other.txt: hello\n');
  assert.equal(
    fixed(host('cm.yaml', text), 'unknown-field', 'Remove `verb`'),
    configMap('|', POLICY, '\n  other.txt: hello\n'),
  );
});

test('chomping and indentation indicators: |- ends without a line break, |+ keeps its empty lines, |2', () => {
  const strip = configMap('|-', POLICY, '\n  other.txt: hello\n');
  assert.equal(
    fixed(host('cm.yaml', strip), 'no-catch-all', CATCH_ALL),
    configMap('|-', WITH_CATCH_ALL, '\n  other.txt: hello\n'),
  );
  const keep = configMap('|+', [...POLICY, ''], '\n  other.txt: hello\n');
  assert.equal(
    fixed(host('cm.yaml', keep), 'no-catch-all', CATCH_ALL),
    configMap('|+', [...WITH_CATCH_ALL, ''], '\n  other.txt: hello\n'),
  );
  const explicit = configMap('|2', POLICY, '\n---\nkind: Namespace\n');
  assert.equal(
    fixed(host('cm.yaml', explicit), 'no-catch-all', CATCH_ALL),
    configMap('|2', WITH_CATCH_ALL, '\n---\nkind: Namespace\n'),
  );
});

test('the split of the last rule writes the new rule inside the scalar, the key after it untouched', () => {
  const mixed = ['- level: Metadata', '  users: ["bob"]', '  resources:', '  - group: ""', '  nonResourceURLs: ["/x"]'];
  const text = configMap('|', [...POLICY.slice(0, 3), ...mixed], '\n  other.txt: hello\n');
  const split = ['- level: Metadata', '  users: ["bob"]', '  resources:', '  - group: ""'];
  const second = ['- level: Metadata', '  users: ["bob"]', '  nonResourceURLs: ["/x"]'];
  assert.equal(
    fixed(host('cm.yaml', text), 'mixed-resources-and-urls', SPLIT),
    configMap('|', [...POLICY.slice(0, 3), ...split, ...second], '\n  other.txt: hello\n'),
  );
});

test('a CRLF host gets CRLF lines, indented', () => {
  const text = configMap('|', POLICY, '\n  other.txt: hello\n').replace(/\n/g, '\r\n');
  assert.equal(
    fixed(host('cm.yaml', text), 'no-catch-all', CATCH_ALL),
    configMap('|', WITH_CATCH_ALL, '\n  other.txt: hello\n').replace(/\n/g, '\r\n'),
  );
});

test('a Markdown fence in a list item and a tab-indented here-document', () => {
  const fence = (lines: string[]): string =>
    ['1. Save:', '', '   ```yaml', ...lines.map((l) => `   ${l}`), '   ```', 'Done.', ''].join('\n');
  assert.equal(fixed(host('a.md', fence(POLICY)), 'no-catch-all', CATCH_ALL), fence(WITH_CATCH_ALL));
  const heredoc = (lines: string[]): string =>
    ['\tcat <<-EOF > audit.yaml', ...lines.map((l) => `\t${l}`), '\tEOF', 'echo done', ''].join('\n');
  assert.equal(fixed(host('a.sh', heredoc(POLICY)), 'no-catch-all', CATCH_ALL), heredoc(WITH_CATCH_ALL));
});

test('a double-quoted value gets escaped line breaks', () => {
  const quoted = (lines: string[]): string => `data:\n  policy.yaml: ${JSON.stringify(`${lines.join('\n')}\n`)}\n`;
  assert.equal(fixed(host('cm.yaml', quoted(POLICY)), 'no-catch-all', CATCH_ALL), quoted(WITH_CATCH_ALL));
});

const MIXED_ADMIN = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '- level: Metadata',
  '  users: ["{{ .Values.admin }}"]',
  '  resources:',
  '  - group: ""',
  '  nonResourceURLs: ["/healthz"]',
];

test('a split that copies a template directive writes the directive, never its placeholder', () => {
  const expected = [
    ...MIXED_ADMIN.slice(0, 7),
    '- level: Metadata',
    '  users: ["{{ .Values.admin }}"]',
    '  nonResourceURLs: ["/healthz"]',
    '',
  ].join('\n');
  const policy = host('chart/templates/policy.yaml', `${MIXED_ADMIN.join('\n')}\n`);
  assert.equal(fixed(policy, 'mixed-resources-and-urls', SPLIT), expected);
  const inConfigMap = configMap('|', MIXED_ADMIN, '\n');
  const out = fixed(host('chart/templates/cm.yaml', inConfigMap), 'mixed-resources-and-urls', SPLIT);
  assert.equal(out, configMap('|', expected.trimEnd().split('\n'), '\n'));
});

test('a split that would copy a Terraform expression is not offered', () => {
  const tf = [
    'locals {',
    '  policy = yamlencode({',
    '    apiVersion = "audit.k8s.io/v1"',
    '    kind       = "Policy"',
    '    rules = [{',
    '      level           = "Metadata"',
    '      users           = var.admins',
    '      resources       = [{ group = "" }]',
    '      nonResourceURLs = ["/healthz"]',
    '    }]',
    '  })',
    '}',
    '',
  ].join('\n');
  assert.equal(fixed(host('main.tf', tf), 'mixed-resources-and-urls', SPLIT), undefined);
});

test('masks put back: a directive masked whole is its text again; other masks refuse the text', () => {
  const text = 'users: ["{{ .Values.admin }}"]\n  {{- if .Values.x }}\nnames: [var.admins]\n';
  const directive: [number, number] = [text.indexOf('{{ .V'), text.indexOf('}}"') + 2];
  const alone: [number, number] = [text.indexOf('{{- if'), text.indexOf('}}\nnames') + 2];
  const expression: [number, number] = [text.indexOf('var.admins'), text.indexOf(']\n', text.indexOf('var.'))];
  const restore = restorer(text, [directive, alone], [expression], true);
  assert.equal(restore(`users: ["${maskOf('{{ .Values.admin }}')}"]`), 'users: ["{{ .Values.admin }}"]');
  assert.equal(restore(`- ${maskOf('var.admins', 8)}`), undefined);
  assert.equal(restore(`  #${' '.repeat(18)}\nusers: [bob]`), undefined);
  assert.equal(restore('users: ["bob"] # note'), 'users: ["bob"] # note');
});

test('the last line removed from a policy that ends without a line break leaves no empty host line', () => {
  const VERB = [...POLICY, '  verb: [get]'];
  // `|-`: before another key, at the end of a file with and without its final line break, before `---`.
  for (const after of ['\n  other.txt: hello\n', '\n', '', '\n---\nkind: Namespace\n'])
    assert.equal(
      fixed(host('cm.yaml', configMap('|-', VERB, after)), 'unknown-field', 'Remove `verb`'),
      configMap('|-', POLICY, after),
    );
  const fence = (lines: string[]): string => ['Save:', '', '```yaml', ...lines, '```', 'Done.', ''].join('\n');
  assert.equal(fixed(host('a.md', fence(VERB)), 'unknown-field', 'Remove `verb`'), fence(POLICY));
  const heredoc = (lines: string[]): string => ['cat <<EOF > audit.yaml', ...lines, 'EOF', 'echo done', ''].join('\n');
  assert.equal(fixed(host('a.sh', heredoc(VERB)), 'unknown-field', 'Remove `verb`'), heredoc(POLICY));
  const crlf = configMap('|-', VERB, '\n  other.txt: hello\n').replace(/\n/g, '\r\n');
  assert.equal(
    fixed(host('cm.yaml', crlf), 'unknown-field', 'Remove `verb`'),
    configMap('|-', POLICY, '\n  other.txt: hello\n').replace(/\n/g, '\r\n'),
  );
});

/** A Kustomization whose `|-` patch holds a ConfigMap with `lines` as its `|` policy. */
const kustomizePatch = (lines: readonly string[]): string =>
  [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'patches:',
    '- patch: |-',
    '    apiVersion: v1',
    '    kind: ConfigMap',
    '    data:',
    '      policy.yaml: |',
    ...lines.map((l) => `        ${l}`),
    '  target:',
    '    kind: ConfigMap',
    '',
  ].join('\n');

test('a catch-all at the end of a `|` policy inside a `|-` patch: no empty line before the next key', () => {
  // The outer `|-` leaves out the inner value's last line break; the host's own break ends the new line.
  const patch = kustomizePatch;
  assert.equal(fixed(host('kustomization.yaml', patch(POLICY)), 'no-catch-all', CATCH_ALL), patch(WITH_CATCH_ALL));
});

test('a policy that ends a Kustomize patch (`|-`): a fix on its last line adds no line break there', () => {
  // Oracle on the ConfigMap's policy: rules[0].omitStages[0]: Invalid value: "RequestReceivd".
  // The inner `|` ends the policy with a line break the outer `|-` leaves out of the host: the
  // finding ends at its line's end, which must not be read as past that line break.
  const text = kustomizePatch([
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  omitStages:',
    '  - "RequestReceivd"',
  ]);
  const out = fixed(host('kustomization.yaml', text), 'invalid-stage', 'Change the stage');
  assert.equal(out, text.replace('"RequestReceivd"', '"RequestReceived"'));
});

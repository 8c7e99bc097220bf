// A template's conditionals read branch by branch: a mistake in a branch that a later branch hides
// (the same key in both, the last winning when all are read at once) is found, in Go templates
// (Helm), Jinja, ERB, Mako and Terraform's template directives alike.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostCodeActions, hostDiagnostics } from '../../../server/src/service';
import { maskTemplates } from '../../../server/src/service/embedded/templates';
import { branchVariants, conditionals, controlOf } from '../../../server/src/service/embedded/templateVariants';
import { applyEdits, editsOf, hostText } from './support';

const rows = (uri: string, text: string) => {
  const host = createHostDocument(uri, 1, text);
  return hostDiagnostics(host, DEFAULT_SETTINGS)
    .filter((d) => (d.severity ?? 1) <= 2)
    .map((d) => `${d.range.start.line + 1} ${String(d.code)} ${hostText(host, d.range)}`);
};

test('control directives are told by their first word in each dialect', () => {
  const table: Array<[string, ReturnType<typeof controlOf>]> = [
    ['{{- if .Values.x }}', 'open'],
    ['{{ else if .Values.y }}', 'branch'],
    ['{{- else }}', 'branch'],
    ['{{- end }}', 'end'],
    ['{{ range .Values.users }}', 'open'],
    ['{{ .Values.level }}', 'other'],
    ['{{/* a comment */}}', 'other'],
    ['{{ include "x" . }}', 'other'],
    ['{% if audit %}', 'open'],
    ['{%- elif pods -%}', 'branch'],
    ['{% endif %}', 'end'],
    ['{% for u in users %}', 'open'],
    ['{% endfor %}', 'end'],
    ['{% set x = 1 %}', 'other'],
    ['{% set block %}', 'open'],
    ['{# if a comment #}', 'other'],
    ['<% if node["audit"] %>', 'open'],
    ['<%- elsif x -%>', 'branch'],
    ['<% end %>', 'end'],
    ['<% users.each do |u| %>', 'open'],
    ['<%= level if x %>', 'other'],
    ['% if secrets:', 'open'],
    ['% else:', 'branch'],
    ['% endif', 'end'],
    ['%{ if var.x }', 'open'],
    ['%{~ else ~}', 'branch'],
    ['%{ endif }', 'end'],
    ['${var.level}', 'other'],
  ];
  for (const [directive, control] of table) assert.equal(controlOf(directive), control, directive);
});

test('conditionals nest; an if without else is no alternative; unbalanced directives give no variant', () => {
  const text = [
    '{{ if .a }}',
    'a: 1',
    '{{ if .b }}',
    'b: 1',
    '{{ end }}',
    '{{ else }}',
    'a: 2',
    '{{ end }}',
    '{{ range .x }}',
    'd: 1',
    '{{ end }}',
  ].join('\n');
  const { directives } = maskTemplates(text);
  const found = conditionals(text, directives);
  assert.deepEqual(
    found.map((branches) => branches.map(([s, e]) => text.slice(s, e).trim().replace(/\s+/g, ' '))),
    [['a: 1 {{ if .b }} b: 1 {{ end }}', 'a: 2']],
  );
  const variants = branchVariants(text, directives);
  assert.equal(variants.length, 2);
  // Offsets kept, line breaks kept, the other branch blanked.
  for (const v of variants) assert.equal(v.text.length, text.length);
  assert.equal(variants[0].text.split('\n')[6], '    ');
  assert.equal(variants[1].text.split('\n')[1], '    ');
  assert.equal(variants[1].text.split('\n')[6], 'a: 2');
  // Branches that set no key in common (rules as list items, other keys) hide nothing: no variant.
  const items = '{{ if .a }}\n- level: None\n{{ else }}\n- level: Metadata\n{{ end }}\n';
  assert.equal(conditionals(items, maskTemplates(items).directives).length, 1);
  assert.deepEqual(branchVariants(items, maskTemplates(items).directives), []);
  const indented = '{{ if .a }}\n  users: [a]\n{{ else }}\nusers: [b]\n{{ end }}\n';
  assert.deepEqual(branchVariants(indented, maskTemplates(indented).directives), []);
  const unbalanced = '{{ if .a }}\nA\n{{ else }}\nB\n';
  assert.deepEqual(conditionals(unbalanced, maskTemplates(unbalanced).directives), []);
  const stray = 'A\n{{ end }}\n{{ if .a }}\nB\n{{ else }}\nC\n{{ end }}\n';
  assert.deepEqual(conditionals(stray, maskTemplates(stray).directives), []);
});

test('Helm: a typo in the first branch of an if/else inside a rule is found, and fixed', () => {
  const uri = 'file:///chart/templates/audit-policy.yaml';
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: audit',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metadata',
    '      {{- if .Values.watchOnly }}',
    '      verbs: ["wtach"]',
    '      {{- else }}',
    '      verbs: ["get", "list"]',
    '      {{- end }}',
    '    - level: None',
    '',
  ].join('\n');
  assert.deepEqual(rows(uri, text), ['12 unknown-verb "wtach"']);
  const host = createHostDocument(uri, 1, text);
  const [d] = hostDiagnostics(host, DEFAULT_SETTINGS).filter((x) => x.code === 'unknown-verb');
  const fix = hostCodeActions(host, d.range, { diagnostics: [d] }, DEFAULT_SETTINGS).find((a) => a.isPreferred);
  assert.ok(fix);
  const fixed = applyEdits(host, editsOf(fix, uri));
  assert.match(fixed, /verbs: \["watch"\]/);
  assert.deepEqual(rows(uri, fixed), []);
});

test('Jinja, ERB, Mako: each branch of an if/elif/else is read as it renders, once per place', () => {
  // All three branches set the rule's verbs: read at once, the last one wins and hides the others.
  const body = (open: string, elif: string, otherwise: string, end: string) =>
    [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '- level: Metadata',
      open,
      '  verbs: ["wtach"]',
      elif,
      '  verbs: ["lst"]',
      otherwise,
      '  verbs: ["get"]',
      end,
      '- levl: None',
      '',
    ].join('\n');
  const want = ['6 unknown-verb "wtach"', '8 unknown-verb "lst"', '12 unknown-field levl', '12 missing-level levl'];
  const forms: Array<[string, string]> = [
    ['file:///r/policy.yaml.j2', body('{% if secrets %}', '{% elif pods %}', '{% else %}', '{% endif %}')],
    ['file:///r/policy.yaml.erb', body('<% if @secrets %>', '<% elsif @pods %>', '<% else %>', '<% end %>')],
    ['file:///r/policy.yaml.mako', body('% if secrets:', '% elif pods:', '% else:', '% endif')],
  ];
  for (const [uri, text] of forms) assert.deepEqual(rows(uri, text).sort(), [...want].sort(), uri);
});

test('a template without alternatives is read as before: an if alone keeps its text in every reading', () => {
  // All of the rules under an `if` without `else`: no variant drops them (no-rules would be false).
  const text = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '{{- if .Values.audit }}',
    '- level: Metadata',
    '  verbs: ["wtach"]',
    '{{- end }}',
    '',
  ].join('\n');
  assert.deepEqual(rows('file:///c/templates/policy.yaml', text), ['6 unknown-verb "wtach"']);
  // A finding outside the branches, which every reading makes, is said once.
  const both = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '{{- if .Values.a }}',
    '- level: Metadata',
    '{{- else }}',
    '- level: Request',
    '{{- end }}',
    '- level: None',
    '  verbs: ["wtach"]',
    '',
  ].join('\n');
  assert.deepEqual(rows('file:///c/templates/policy.yaml', both), ['10 unknown-verb "wtach"']);
});

test('content a directive writes is not judged empty: rules, a rule, a coverer from an include', () => {
  // An Ansible template (a real role's shape): the rules are the value of a Jinja expression.
  const ansible = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  {{ kube_api_audit_rules_list | to_nice_yaml(indent=2) | indent(width=2) }}',
    '',
  ].join('\n');
  assert.deepEqual(rows('file:///role/templates/audit-policy.yaml.j2', ansible), []);
  // A rule whose selectors and level a chart's helper writes: no missing level, and the rule after
  // it is not unreachable behind a catch-all it only seems to be.
  const helm = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- users: ["system:kube-proxy"]',
    '  {{- include "audit.level" . | nindent 2 }}',
    '- level: Request',
    '  {{- include "audit.selectors" . | nindent 2 }}',
    '- level: Metadata',
    '',
  ].join('\n');
  assert.deepEqual(rows('file:///chart/templates/policy.yaml', helm), []);
  // A control line chooses among lines written: what is under it is still judged.
  const control = [
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  {{- if .Values.x }}',
    '  {{- end }}',
    '',
  ].join('\n');
  assert.deepEqual(
    rows('file:///chart/templates/policy.yaml', control).map((r) => r.split(' ')[1]),
    ['no-rules'],
  );
});

test('a conditional within a line: each branch is read as the value it renders, and fixed there', () => {
  // Read at once the value is a placeholder. Rendered with its else branch, the first rule's level is
  // "Metdata", which kube-apiserver refuses (oracle, v1.20.2: `rules[0].level: Unsupported value:
  // "Metdata"`); rendered with its if branch, the verb "wtach" never matches.
  const uri = 'file:///chart/templates/audit-policy.yaml';
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: audit',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: {{ if .Values.full }}RequestResponse{{ else }}Metdata{{ end }}',
    '      verbs: [{{ if .Values.watch }}"wtach"{{ else }}"get"{{ end }}]',
    '    - level: {{ if .Values.quiet }}{{ .Values.level }}{{ else }}Metadata{{ end }}',
    '      users: ["{{ if .Values.a }}alice{{ else }}bob{{ end }}"]',
    '',
  ].join('\n');
  assert.deepEqual(rows(uri, text), ['10 invalid-level Metdata', '11 unknown-verb "wtach"']);
  const host = createHostDocument(uri, 1, text);
  let fixed = text;
  for (const d of hostDiagnostics(host, DEFAULT_SETTINGS).filter((x) => (x.severity ?? 1) <= 2)) {
    const fix = hostCodeActions(host, d.range, { diagnostics: [d] }, DEFAULT_SETTINGS).find((a) => a.isPreferred);
    assert.ok(fix, String(d.code));
    fixed = applyEdits(createHostDocument(uri, 1, fixed), editsOf(fix, uri));
  }
  assert.match(fixed, /\{\{ else \}\}Metadata\{\{ end \}\}\n/);
  assert.match(fixed, /\{\{ if \.Values\.watch \}\}"watch"\{\{ else \}\}/);
  assert.deepEqual(rows(uri, fixed), []);
  // Jinja's and ERB's in-line conditionals alike.
  const jinja =
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: {% if v %}Requests{% else %}None{% endif %}\n';
  assert.deepEqual(rows('file:///r/policy.yaml.j2', jinja), ['4 invalid-level Requests']);
  const erb =
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: <% if @v %>None<% else %>metadata<% end %>\n';
  assert.deepEqual(rows('file:///r/policy.yaml.erb', erb), ['4 invalid-level metadata']);
});

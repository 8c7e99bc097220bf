// Templates whose conditionals write a key in each branch, and Go templates that live under a plain
// `.yaml` name (aks-engine's parts/k8s/addons/audit-policy.yaml): what is rendered together is
// checked together, and a template is not taken for a policy kube-apiserver refuses. Each rendered
// branch of the fixtures below loads (oracle, 1.20.2).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostDiagnostics } from '../../../server/src/service';

const codes = (path: string, text: string): string[] =>
  hostDiagnostics(createHostDocument(`file:///charts/${path}`, 1, text), DEFAULT_SETTINGS)
    .filter((d) => d.severity === 1 || d.severity === 2)
    .map((d) => `${d.code} ${d.range.start.line + 1}`);

const HEAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
const BRANCHES = (open: string, otherwise: string, close: string): string =>
  `${HEAD}${open}\nomitStages: ["RequestReceived"]\nrules:\n- level: RequestResponse\n${otherwise}\nrules:\n- level: Metadata\n${close}\n`;

test('a key in each branch of a conditional is no duplicate', () => {
  assert.deepEqual(
    codes('x/templates/audit-policy.yaml', BRANCHES('{{- if .Values.stig }}', '{{- else }}', '{{- end }}')),
    [],
  );
  assert.deepEqual(
    codes('x/templates/audit-policy.yaml', BRANCHES('{{ if .A }}', '{{ else if .B }}', '{{ end }}')),
    [],
  );
  assert.deepEqual(codes('policy.yaml.j2', BRANCHES('{% if stig %}', '{% else %}', '{% endif %}')), []);
  assert.deepEqual(codes('policy.yaml.j2', BRANCHES('{% if stig %}', '{% elif x %}', '{% endif %}')), []);
});

test('a key written twice in one branch, or before and after the conditional, is still a duplicate', () => {
  const twice = `${HEAD}{{- if .Values.stig }}\nrules:\n- level: None\nrules:\n- level: Metadata\n{{- end }}\n`;
  assert.deepEqual(codes('x/templates/audit-policy.yaml', twice), ['duplicate-key 4']);
  const after = `${HEAD}{{- if .A }}\nomitStages: [RequestReceived]\n{{- else }}\nrules:\n- level: None\n{{- end }}\nrules:\n- level: Metadata\n`;
  assert.deepEqual(codes('x/templates/audit-policy.yaml', after), ['duplicate-key 6']);
});

test("a Go template's control lines make a `.yaml` file a template, whatever its name", () => {
  const text = `${HEAD}{{- if ShouldEnforceKubernetesDisaStig}}\nrules:\n- level: RequestResponse\n{{else}}\nomitStages: ["RequestReceived"]\nrules:\n- level: Metadata\n{{- end}}\n`;
  assert.deepEqual(codes('parts/k8s/addons/audit-policy.yaml', text), []);
  // its rules are still checked
  assert.deepEqual(codes('parts/k8s/addons/audit-policy.yaml', text.replace('level: Metadata', 'level: Metadat')), [
    'invalid-level 9',
  ]);
  // a plain policy's `{{` in a value is no control line: the file is read as kube-apiserver reads it
  assert.deepEqual(codes('audit-policy.yaml', `${HEAD}rules:\n- level: None\n  users: ["{{ user }}"]\n`), []);
});

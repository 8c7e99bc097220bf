// ERB (Chef, Puppet, BOSH) and Mako (Salt) templates of a policy: their tags are opaque values, as
// Helm's braces are, so a template is never a yaml-syntax error of ours, findings land on the
// template's own lines, fixes keep every tag, and a file that is not such a template reads as it did.
// Verdicts come from kube-apiserver 1.20.2's loader (the oracle) on the policy the template renders
// (noted beside each case), never from our output.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostCodeActions, hostDiagnostics } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { maskTemplates } from '../../../server/src/service/embedded/templates';
import { templateDialect } from '../../../server/src/service/embedded/tagTemplates';
import { applyEdits, findingRows } from './support';

function host(path: string, text: string, forced = false): HostDocument {
  return createHostDocument(`file:///real/${path}`, 1, text, undefined, { forced });
}

/** The host after the quick fix offered for the first finding with `code`. */
function fixed(h: HostDocument, code: string): string {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === code);
  assert.ok(d, `no ${code} finding`);
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.ok(action, `no fix for ${code}`);
  return applyEdits(h, action.edit!.changes![h.uri]);
}

// A Chef cookbook's templates/default/audit-policy.yaml.erb, in ERB's every tag form.
const CHEF = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  "<%# Rules come from the node's attributes %>",
  'omitStages:',
  '  - RequestReceived',
  'rules:',
  '<% if @log_secrets -%>',
  '  - level: RequestResponse',
  '    resources:',
  '    - group: ""',
  '      resources: ["secrets"]',
  '<% end -%>',
  '<%- @quiet_users.each do |user| -%>',
  '  - level: None',
  '    users: ["<%= user %>"]',
  '<%- end -%>',
  '  - level: <%= @default_level %>',
  '',
].join('\n');

test('an ERB template of a policy (Chef) is no yaml-syntax error: its tags are opaque', () => {
  // Oracle on the rendered policy (log_secrets, no quiet users, default_level Metadata): loads.
  // Oracle on the same text read as plain YAML: "yaml: line 4: could not find expected ':'".
  const h = host('cookbooks/k8s/templates/default/audit-policy.yaml.erb', CHEF);
  assert.equal(h.kind, 'policy');
  assert.deepEqual(
    hostDiagnostics(h, DEFAULT_SETTINGS).filter((d) => d.severity === 1),
    [],
    'kube-apiserver loads what this template renders',
  );
  // Every tag is a directive, masked with its own length: offsets stay.
  const masked = maskTemplates(CHEF, 'erb');
  assert.equal(masked.text.length, CHEF.length);
  assert.deepEqual(
    masked.directives.map(([s, e]) => CHEF.slice(s, e)),
    [
      "<%# Rules come from the node's attributes %>",
      '<% if @log_secrets -%>',
      '<% end -%>',
      '<%- @quiet_users.each do |user| -%>',
      '<%= user %>',
      '<%- end -%>',
      '<%= @default_level %>',
    ],
  );
  // The same text in a file that is no ERB template reads as kube-apiserver reads it.
  const plain = host('audit-policy.yaml', CHEF);
  assert.deepEqual(plain.directives, []);
  assert.deepEqual(
    findingRows(plain).map((r) => r.code),
    ['yaml-syntax'],
  );
});

test("an ERB template's finding lands on its line, and its fix keeps every tag", () => {
  // Oracle on the rendered policy (log_secrets, one quiet user): rules[1].level: Unsupported value: "Metdata".
  const text = CHEF.replace('  - level: None\n', '  - level: Metdata\n');
  const h = host('cookbooks/k8s/templates/default/audit-policy.yaml.erb', text);
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 14, at: '' }]);
  assert.equal(fixed(h, 'invalid-level'), CHEF.replace('  - level: None\n', '  - level: Metadata\n'));
});

test('a BOSH job template that is one ERB expression (kubo-release) holds no policy and no syntax error', () => {
  // cloudfoundry-incubator/kubo-release, jobs/kube-apiserver/templates/config/audit_policy.yml.erb:
  // the policy is the job's `audit-policy` property, written out whole.
  const text = "<% require 'yaml' %><%= p('audit-policy', '').to_yaml %>\n";
  for (const forced of [false, true]) {
    const h = host('jobs/kube-apiserver/templates/config/audit_policy.yml.erb', text, forced);
    assert.deepEqual(findingRows(h), [], `named as a policy: ${forced}`);
  }
});

test('ERB in a ConfigMap: a `<% if %>` at column 0 among the block scalar lines does not end the scalar', () => {
  // Oracle on the rendered policy (data["policy.yaml"] with the conditional rule): rules[0].level:
  // Unsupported value: "Requets".
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: <%= @name %>-audit',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '<% if @verbose -%>',
    '    - level: Requets',
    '      verbs: ["create"]',
    '<% end -%>',
    '    - level: Metadata',
    '',
  ].join('\n');
  const h = host('templates/default/audit-configmap.yaml.erb', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['data["policy.yaml"]'],
  );
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requets', line: 11, at: 'data["policy.yaml"]' }]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Requets', 'Request'));
});

test("Puppet's EPP writes ERB's tags: its parameter tag and expressions are opaque", () => {
  // Oracle on the rendered policy (level Metadata): loads.
  const text = [
    '<%- | String $level = "Metadata" | -%>',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: <%= $level %>',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('modules/k8s/templates/audit-policy.yaml.epp', text)), []);
});

// A Mako template of a policy (docs.makotemplates.org, Syntax): a `<%doc>` comment, a namespace
// tag, `##` comment lines, `% for` / `% if` control lines and `${}` expressions.
const MAKO = [
  '## Rendered from the pillar kubernetes:audit',
  '<%doc>',
  '  The policy kube-apiserver reads.',
  '</%doc>',
  '<%namespace name="k8s" file="/kubernetes/macros.mako"/>',
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '% for user in quiet_users:',
  '  - level: None',
  '    users: ["${user}"]',
  '% endfor',
  "% if pillar.get('log_secrets'):",
  '  - level: RequestResponse',
  '    resources:',
  '    - group: ""',
  '      resources: ["secrets"]',
  '% endif',
  '  - level: Metdata',
  '',
].join('\n');

test('a Mako template of a policy: control lines, comments, tags and expressions are opaque', () => {
  // Oracle on the rendered policy (one quiet user, log_secrets): rules[2].level: Unsupported value: "Metdata".
  const h = host('salt/kubernetes/files/audit-policy.yaml.mako', MAKO);
  assert.equal(h.kind, 'policy');
  assert.deepEqual(
    findingRows(h).filter((r) => r.code !== 'sensitive-bodies'),
    [{ code: 'invalid-level', text: 'Metdata', line: 19, at: '' }],
  );
  assert.equal(fixed(h, 'invalid-level'), MAKO.replace('Metdata', 'Metadata'));
  assert.deepEqual(
    maskTemplates(MAKO, 'mako').directives.map(([s, e]) => MAKO.slice(s, e).split('\n')[0]),
    [
      '## Rendered from the pillar kubernetes:audit',
      '<%doc>',
      '<%namespace name="k8s" file="/kubernetes/macros.mako"/>',
      '% for user in quiet_users:',
      '${user}',
      '% endfor',
      "% if pillar.get('log_secrets'):",
      '% endif',
    ],
  );
});

test("a Salt state rendered by Mako (`#!mako|yaml`) holds the policy of its file.managed's contents", () => {
  // The renderer line is how Salt picks a state's renderer (salt/template.py, template_shebang);
  // `% if grains['os_family'] == ...:` at column 0 is how Salt's Mako states write their
  // conditions (saltops/saltmine's `#!mako|yaml` states, among others).
  // Oracle on the rendered contents (with the conditional rule): rules[1].level: Unsupported value: "Requst".
  const text = [
    '#!mako|yaml',
    '<% level = pillar.get("audit_level", "Metadata") %>',
    '/etc/kubernetes/audit-policy.yaml:',
    '  file.managed:',
    '    - mode: "0600"',
    '    - contents: |',
    '        apiVersion: audit.k8s.io/v1',
    '        kind: Policy',
    '        rules:',
    '        - level: ${level}',
    "          resources: [{group: '', resources: ['pods']}]",
    "% if grains['os_family'] == 'Debian':",
    '        - level: Requst',
    '% endif',
    '',
  ].join('\n');
  assert.equal(templateDialect('/srv/salt/kubernetes/audit.sls', text), 'mako');
  const h = host('srv/salt/kubernetes/audit.sls', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['["/etc/kubernetes/audit-policy.yaml"]["file.managed"][1].contents'],
  );
  assert.deepEqual(
    findingRows(h).map(({ code, text: at, line }) => ({ code, at, line })),
    [{ code: 'invalid-level', at: 'Requst', line: 13 }],
  );
  assert.equal(fixed(h, 'invalid-level'), text.replace('Requst', 'Request'));
});

test("Mako's `<%text>` body is plain text: only its two tags are directives", () => {
  // docs.makotemplates.org, "The <%text> tag": it "suspends the Mako lexer's normal parsing of Mako
  // template directives, and returns its entire body contents as plain text".
  const text = [
    '## the rules below are written out as they stand',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '<%text>',
    '  - level: None',
    '    users: ["${deploy_user}"]',
    '## not a Mako comment here',
    '  - level: ${level}',
    '</%text>',
    '  - level: ${default_level}',
    '',
  ].join('\n');
  const masked = maskTemplates(text, 'mako');
  assert.deepEqual(
    masked.directives.map(([s, e]) => text.slice(s, e)),
    ['## the rules below are written out as they stand', '<%text>', '</%text>', '${default_level}'],
  );
  const body = text.slice(text.indexOf('<%text>') + 7, text.indexOf('</%text>'));
  assert.equal(masked.text.slice(text.indexOf('<%text>') + 7, text.indexOf('</%text>')), body);
  // Oracle on what Mako renders (the body as it stands, default_level Metadata):
  // rules[1].level: Unsupported value: "${level}"; the user "${deploy_user}" is a user of that name.
  assert.deepEqual(findingRows(host('salt/kubernetes/files/audit-policy.yaml.mako', text)), [
    { code: 'invalid-level', text: '${level}', line: 9, at: '' },
  ]);
  // With attributes, and bodies that hold tags and control lines: the tags alone, each body left as it is.
  const tags = [
    '<%text filter="h">',
    '<%def name="x()">${x}</%def>\n% if y:\n',
    '</%text>',
    ' ${z} ',
    '<%text>',
    '</%text>',
  ];
  const joined = tags.join('');
  assert.deepEqual(
    maskTemplates(joined, 'mako').directives.map(([s, e]) => joined.slice(s, e)),
    ['<%text filter="h">', '</%text>', '${z}', '<%text>', '</%text>'],
  );
  // Never closed (Mako refuses the template): the tag alone, and the rest read as usual.
  const open = '<%text>\n% if y:\n${z}\n';
  assert.deepEqual(
    maskTemplates(open, 'mako').directives.map(([s, e]) => open.slice(s, e)),
    ['<%text>', '% if y:', '${z}'],
  );
});

// In the style of Gardener's hack/templates/resources/*.yaml.tpl: Mako under a Go template's name,
// a code tag after a block scalar's header.
const MAKO_TPL = [
  '<%',
  '  import yaml',
  '  def value(path, default):',
  '    return default',
  '%>---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: ${value("metadata.name", "audit-policy")}',
  'data:',
  '  policy: |-<% policy = value("data.policy", "") %>',
  '    % if policy != "":',
  '    ${yaml.dump(policy, width=10000)}',
  '    % else:',
  '    apiVersion: audit.k8s.io/v1',
  '    kind: Policy',
  '    rules:',
  '      - level: Metdata',
  '    % endif',
  '',
].join('\n');

test("a `.tpl` file that closes a Mako control block is Mako (Gardener's templates), and a tag after `|-` no header's end", () => {
  // Oracle on the policy the else branch renders: rules[0].level: Unsupported value: "Metdata".
  const path = 'hack/templates/resources/95-configmap-custom-audit-policy.yaml.tpl';
  assert.equal(templateDialect(path, MAKO_TPL), 'mako');
  assert.deepEqual(findingRows(host(path, MAKO_TPL)), [
    { code: 'invalid-level', text: 'Metdata', line: 18, at: 'data.policy' },
  ]);
  // The tag is masked as a comment: `|-` may be followed by nothing else.
  const masked = maskTemplates(MAKO_TPL, 'mako').text.split('\n')[10];
  assert.match(masked, /^ {2}policy: \|- #\s*$/);
  // A Go template under the same name stays one.
  assert.equal(templateDialect(path, '{{- if .Values.audit }}\nkind: Policy\n{{- end }}\n'), undefined);
});

test('a `%` line or an ERB tag in a file that names no template dialect reads as it always did', () => {
  for (const path of ['audit-policy.yaml', 'chart/templates/policy.yaml']) {
    assert.equal(templateDialect(path, MAKO), undefined, path);
    assert.ok(
      host(path, MAKO).directives.every(([s]) => MAKO.startsWith('${', s)),
      `${path}: only the braces of Helm and Terraform are directives`,
    );
  }
  // `%YAML` is YAML's own directive: a plain policy that starts with it is no Mako.
  const directive = '%YAML 1.1\n---\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n';
  assert.deepEqual(host('audit-policy.yaml', directive).directives, []);
});

// Ruby files that write a policy with a here-document, and Jsonnet text blocks: a Vagrantfile's provisioning script
// (`inline: <<~SHELL`, a shell script whose own `cat <<EOF` writes the policy, the shape of many
// Kubernetes lab setups) and a Chef recipe's `content <<~YAML`. Ruby's `<<~` strips the least
// indented line's indentation (Ruby documentation, syntax/literals.rdoc, "Here Documents").
// Expected messages are kube-apiserver's (auditoracle, v1.20.2), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, hostFormat } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { findingRows, fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///lab/${name}`, 1, text);
}

const VAGRANTFILE = [
  'Vagrant.configure("2") do |config|',
  '  config.vm.provision "shell", inline: <<~SHELL',
  '    mkdir -p /etc/kubernetes',
  '    cat <<EOF > /etc/kubernetes/audit-policy.yaml',
  '    apiVersion: audit.k8s.io/v1',
  '    kind: Policy',
  '    rules:',
  '    - level: Metdata',
  '    EOF',
  '  SHELL',
  'end',
  '',
].join('\n');

test('a Vagrantfile: the shell script in <<~SHELL is read as a script, its here-document is the policy', () => {
  assert.equal(hostFormat('file:///lab/Vagrantfile'), 'ruby');
  const h = host('Vagrantfile', VAGRANTFILE);
  // auditoracle: rules[0].level: Unsupported value: "Metdata": supported values: "None", ...
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 8, at: 'heredoc (line 2) heredoc (line 2)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), VAGRANTFILE.replace('Metdata', 'Metadata'));
});

test('a Chef recipe: content <<~YAML, a catch-all written at the indentation Ruby strips; << that appends is no here-document', () => {
  const text = [
    'lines = []',
    'lines << "x"',
    "file '/etc/kubernetes/audit-policy.yaml' do",
    '  content <<~YAML',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '      - level: None',
    '        users: ["system:kube-proxy"]',
    '  YAML',
    "  mode '0600'",
    'end',
    '',
  ].join('\n');
  const h = host('default.rb', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['heredoc (line 4)'],
  );
  const expected = text.replace(
    '        users: ["system:kube-proxy"]\n',
    '        users: ["system:kube-proxy"]\n      - level: Metadata\n',
  );
  assert.equal(fixed(h, 'no-catch-all', 'Add a catch-all rule at the end'), expected);
});

test('Ruby <<- keeps its lines indented (only the delimiter may be): positions land on the host', () => {
  const text = 'POLICY = <<-EOS\n  apiVersion: audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: Requst\n  EOS\n';
  // auditoracle: rules[0].level: Unsupported value: "Requst" (the indented document reads the same)
  assert.deepEqual(findingRows(host('policy.rb', text)), [
    { code: 'invalid-level', text: 'Requst', line: 5, at: 'heredoc (line 1)' },
  ]);
});

test('a Jsonnet text block (|||): the first line sets the indentation every line loses', () => {
  const text = [
    '{',
    '  auditPolicy:: |||',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metdata',
    '  |||,',
    "  configMap: { apiVersion: 'v1', kind: 'ConfigMap', data: { 'policy.yaml': $.auditPolicy } },",
    '}',
    '',
  ].join('\n');
  const h = host('audit.libsonnet', text);
  assert.equal(hostFormat('file:///lab/main.jsonnet'), 'jsonnet');
  // auditoracle: rules[0].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 6, at: 'text block (line 2)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
  // A Jsonnet file without a text block holds nothing, whatever its objects say.
  assert.equal(host('events.libsonnet', "{ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' }\n").kind, 'none');
});

test('a template of a YAML file is YAML whatever language the editor gives it (VS Code names .erb files ruby)', () => {
  assert.equal(hostFormat('file:///cookbook/templates/audit-policy.yaml.erb', 'ruby'), 'yaml');
  assert.equal(hostFormat('file:///role/templates/audit-policy.yml.j2', 'jinja'), 'yaml');
  assert.equal(hostFormat('file:///chart/audit.yaml.tpl', 'go'), 'yaml');
  assert.equal(hostFormat('file:///salt/audit.sls', 'python'), 'yaml');
  // Ruby's own files stay Ruby: only their here-documents are read.
  assert.equal(hostFormat('file:///cookbook/recipes/default.rb', 'ruby'), 'ruby');
  assert.equal(hostFormat('file:///lab/Vagrantfile', 'ruby'), 'ruby');
  // The e2e workspace's ERB ConfigMap as VS Code opens it: its planted mistake is found.
  // (auditoracle on the rendered policy: rules[1].level: Unsupported value: "Metdata")
  const text = [
    '<%# A Chef template %>',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: <%= @name %>-audit',
    'data:',
    '  audit-policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '<% @quiet.each do |user| -%>',
    '      - level: None',
    '        users: ["<%= user %>"]',
    '<% end -%>',
    '      - level: Metdata',
    '',
  ].join('\n');
  const uri = 'file:///ws/embedded-template.yaml.erb';
  const h = createHostDocument(uri, 1, text, undefined, { format: hostFormat(uri, 'ruby') });
  assert.deepEqual(
    findingRows(h).map((r) => [r.code, r.text]),
    [['invalid-level', 'Metdata']],
  );
});

test('an opener in a comment is text: a shell #, HCL // and #, Ruby # and =begin, Jsonnet // and #', () => {
  const policy = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Requst'];
  const cases: Array<[string, string[], number]> = [
    [
      'setup.sh',
      ['echo "$# args" # then: cat <<EOF', 'mkdir -p /etc/k8s', 'cat <<EOF >/etc/k8s/audit.yaml', ...policy, 'EOF'],
      7,
    ],
    ['main.tf', ['// content = <<EOT', '# content = <<EOT', 'locals {', '  policy = <<EOT', ...policy, 'EOT', '}'], 8],
    [
      'recipe.rb',
      ['x = "#" # content <<~YAML', '=begin', 'content <<~YAML', '=end', 'y = <<~YAML', ...policy, 'YAML'],
      9,
    ],
    [
      'audit.jsonnet',
      ['// text: |||', '{ a: "#", # b: |||', '  policy: |||', ...policy.map((l) => `    ${l}`), '  |||', '}'],
      7,
    ],
  ];
  for (const [name, lines, line] of cases) {
    const h = host(name, `${lines.join('\n')}\n`);
    // auditoracle: rules[0].level: Unsupported value: "Requst"
    assert.deepEqual(
      findingRows(h).map((r) => [r.code, r.text, r.line]),
      [['invalid-level', 'Requst', line]],
      name,
    );
  }
});

test("Ruby's <<~ counts indentation in columns, a tab to the next multiple of 8, as parse.y does", () => {
  const text = [
    "file '/etc/kubernetes/audit-policy.yaml' do",
    '  content <<~YAML',
    '\tapiVersion: audit.k8s.io/v1',
    '        kind: Policy',
    '\trules:',
    '',
    '\t- level: None',
    '\t  users: ["system:kube-proxy"]',
    ' \t- level: Metdata',
    '  YAML',
    'end',
    '',
  ].join('\n');
  const h = host('tabs.rb', text);
  assert.equal(
    h.policies[0]?.region.text,
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n\n- level: None\n  users: ["system:kube-proxy"]\n- level: Metdata',
  );
  // auditoracle: rules[1].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 9, at: 'heredoc (line 2)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
  // A line written in takes 8 columns of spaces, which Ruby strips as it strips a tab.
  const verbs = text.replace(' \t- level: Metdata', '\t- level: Request\n\t  verbs: ["get"]');
  const added = fixed(host('verbs.rb', verbs), 'no-catch-all', 'Add a catch-all rule at the end');
  assert.equal(added, verbs.replace('["get"]\n', '["get"]\n        - level: Metadata\n'));
});

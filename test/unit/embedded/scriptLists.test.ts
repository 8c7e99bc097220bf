// A shell script kept as a list of lines, joined by its tool: Packer's shell provisioner `inline`
// ("The commands are concatenated by newlines and turned into a single file",
// developer.hashicorp.com/packer/docs/provisioners/shell) in a JSON template and in HCL (the shape
// of public image templates that bake `/etc/kubernetes/audit-policy.yaml`), and cloud-init's
// `runcmd`. The here-document that spans the items is the policy. Expected messages are
// kube-apiserver's (auditoracle, v1.20.2), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { findingRows, fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///images/${name}`, 1, text);
}

const PACKER_JSON = [
  '{',
  '  "provisioners": [',
  '    {',
  '      "type": "shell",',
  '      "inline": [',
  '        "sudo mkdir -p /etc/kubernetes",',
  '        "cat <<EOF | sudo tee /etc/kubernetes/audit-policy.yaml",',
  '        "apiVersion: audit.k8s.io/v1",',
  '        "kind: Policy",',
  '        "rules:",',
  '        "- level: None",',
  '        "  users: [\\"system:kube-proxy\\"]",',
  '        "- level: Metdata",',
  '        "EOF"',
  '      ]',
  '    }',
  '  ]',
  '}',
  '',
].join('\n');

test('Packer JSON: the here-document across inline lines is found, findings on each line', () => {
  const h = host('k8s.json', PACKER_JSON);
  // auditoracle: rules[1].level: Unsupported value: "Metdata": supported values: "None", ...
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 13, at: 'provisioners[0].inline heredoc (line 2)' },
  ]);
  assert.equal(h.policies[0].region.text.split('\n')[4], '  users: ["system:kube-proxy"]');
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), PACKER_JSON.replace('Metdata', 'Metadata'));
});

test('Packer JSON: a catch-all is written into the last line as an escaped line break; a line removed with its item', () => {
  const text = PACKER_JSON.replace('        "- level: Metdata",\n', '');
  const expected = text.replace('\\"system:kube-proxy\\"]"', '\\"system:kube-proxy\\"]\\n- level: Metadata"');
  assert.equal(fixed(host('k8s.json', text), 'no-catch-all', 'Add a catch-all rule at the end'), expected);
  // A line removed takes its item and the join after it: the list stays a list of the same lines.
  const unknown = text.replace('"kind: Policy",', '"kind: Policy",\n        "verb: [get]",');
  assert.equal(fixed(host('k8s.json', unknown), 'unknown-field', 'Remove `verb`'), text);
});

test('Packer HCL: inline lines of a .pkr.hcl template, a template sequence masked and kept', () => {
  const text = [
    'build {',
    '  provisioner "shell" {',
    '    inline = [',
    '      "mkdir -p ${var.dir}",',
    '      "cat << \'EOF\' > /etc/kubernetes/audit-policy.yaml",',
    '      "apiVersion: audit.k8s.io/v1",',
    '      "kind: Policy",',
    '      "rules:",',
    '      "- level: Metdata",',
    '      "EOF",',
    '      "chmod 0600 /etc/kubernetes/audit-policy.yaml"',
    '    ]',
    '  }',
    '}',
    '',
  ].join('\n');
  const h = host('image.pkr.hcl', text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 9, at: 'inline (line 3) heredoc (line 2)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
});

test('cloud-init runcmd: plain and quoted items of one script; only a word is written where they differ', () => {
  const text = [
    '#cloud-config',
    'runcmd:',
    '  - mkdir -p /etc/kubernetes',
    '  - cat <<EOF > /etc/kubernetes/audit-policy.yaml',
    "  - 'apiVersion: audit.k8s.io/v1'",
    "  - 'kind: Policy'",
    '  - "rules:"',
    "  - '- level: Metdata'",
    '  - EOF',
    '',
  ].join('\n');
  const h = host('user-data.yaml', text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 8, at: 'runcmd heredoc (line 2)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
  // Lines of the catch-all would go into items of two styles: not offered.
  const none = host('user-data.yaml', text.replace("'- level: Metdata'", "'- level: None'\n  - '  verbs: [watch]'"));
  assert.equal(fixed(none, 'no-catch-all', 'Add a catch-all rule at the end'), undefined);
});

test('lists that are no script, or whose script holds no here-document, are read as before', () => {
  const plain = '{"inline": ["echo apiVersion: audit.k8s.io/v1", "echo kind: Policy"]}\n';
  assert.equal(host('p.json', plain).kind, 'none');
  // A runcmd item that is a whole script (a block scalar) is read where it is, once.
  const block = [
    'runcmd:',
    '  - |',
    '    cat <<EOF > /etc/kubernetes/audit.yaml',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metdata',
    '    EOF',
    '  - systemctl restart kubelet',
    '',
  ].join('\n');
  assert.deepEqual(findingRows(host('user-data.yaml', block)), [
    { code: 'invalid-level', text: 'Metdata', line: 7, at: 'runcmd[0] heredoc (line 1)' },
  ]);
});

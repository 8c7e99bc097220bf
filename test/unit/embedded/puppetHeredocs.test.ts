// Puppet manifests that write a policy with a heredoc: `content => @(EOT)` ... `| EOT`, the shape
// Puppet modules use for a file resource (puppet/pops/parser/heredoc_support.rb: the text starts
// on the line after `@(...)`, the `|` of the end line sets a margin that a line starting with it
// loses, `-` drops the last line break, `"EOT"` interpolates, `/...` turns escapes on). Expected
// messages are kube-apiserver's (auditoracle, v1.20.2), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, hostFormat } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { findingRows, fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///modules/k8s/manifests/${name}`, 1, text);
}

const MANIFEST = [
  'class k8s::audit {',
  '  # content => @(OLD)',
  "  file { '/etc/kubernetes/audit-policy.yaml':",
  '    ensure  => file,',
  '    content => @(EOT),',
  '      apiVersion: audit.k8s.io/v1',
  '      kind: Policy',
  '      rules:',
  '        - level: None',
  '          users: ["system:kube-proxy"]',
  '        - level: Metdata',
  '      | EOT',
  '  }',
  '}',
  '',
].join('\n');

test("a file resource: the end line's | sets the margin the text loses, findings land on the host", () => {
  assert.equal(hostFormat('file:///modules/k8s/manifests/audit.pp'), 'puppet');
  const h = host('audit.pp', MANIFEST);
  assert.equal(h.policies[0].region.text.split('\n')[3], '  - level: None');
  // auditoracle: rules[1].level: Unsupported value: "Metdata": supported values: "None", ...
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 11, at: 'heredoc (line 5)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), MANIFEST.replace('Metdata', 'Metadata'));
});

test('a catch-all written in at the margin; |- and a quoted, interpolating tag', () => {
  const text = [
    '$policy = @("POLICY"/L)',
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    '  rules:',
    '  - level: None',
    '    users: ["${proxy_user}"]',
    '  - level: None',
    '    nonResourceURLs: ["/healthz*"]',
    '  |- POLICY',
    '',
  ].join('\n');
  const h = host('policy.pp', text);
  // The interpolation is a value Puppet computes: shown as written, never a finding of ours.
  assert.match(h.policies[0].region.text, /users: \["_\w+"\]/);
  const expected = text.replace('*"]\n', '*"]\n  - level: Metadata\n');
  assert.equal(fixed(h, 'no-catch-all', 'Add a catch-all rule at the end'), expected);
});

test('without |, the text keeps its indentation; a line with less than the margin keeps its own', () => {
  const text = [
    'notice(@(END))',
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Requst',
    '   END',
    '$x = @(AGAIN)',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '  - level: None',
    '    | AGAIN',
    '',
  ].join('\n');
  const h = host('two.pp', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.text),
    [
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Requst',
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None',
    ],
  );
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(
    findingRows(h).filter((r) => r.code === 'invalid-level'),
    [{ code: 'invalid-level', text: 'Requst', line: 5, at: 'heredoc (line 1)' }],
  );
});

test('escapes turned on and a backslash in the text: not read; no end line: nothing', () => {
  const escaped =
    '$p = @(EOT/t)\n  apiVersion: audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: None\\t\n  | EOT\n';
  assert.equal(host('esc.pp', escaped).kind, 'none');
  const open = '$p = @(EOT)\n  apiVersion: audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: None\n';
  assert.equal(host('open.pp', open).kind, 'none');
});

test('a README shows the manifest and the NixOS module: puppet and nix blocks are read as those files', () => {
  const text = [
    '# Audit',
    '',
    '```puppet',
    'file { "/etc/kubernetes/audit.yaml":',
    '  content => @(EOT),',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metdata',
    '    | EOT',
    '}',
    '```',
    '',
    '```nix',
    'environment.etc."kubernetes/audit.yaml".text = \'\'',
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    '  rules:',
    '  - level: Requst',
    "'';",
    '```',
    '',
  ].join('\n');
  const h = createHostDocument('file:///docs/README.md', 1, text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata" / "Requst"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 9, at: 'Markdown block 1 (line 3) heredoc (line 2)' },
    { code: 'invalid-level', text: 'Requst', line: 19, at: 'Markdown block 2 (line 14) string (line 1)' },
  ]);
  const fixedText = fixed(h, 'invalid-level', 'Change the level to "Metadata"');
  assert.equal(fixedText, text.replace('Metdata', 'Metadata'));
});

test('an interpolating heredoc computes $name, $::fqdn and $mod::x as it computes ${...}; a plain one reads them', () => {
  const policy = (open: string) =>
    [
      `$policy = ${open}`,
      '  apiVersion: audit.k8s.io/v1',
      '  kind: Policy',
      '  rules:',
      '  - level: None',
      '    users: ["$::proxy_user", "$k8s::audit::admin"]',
      '    nonResourceURLs: ["/healthz$", "$facts[\'x\']"]',
      '  - level: $level',
      '  | EOT',
      '',
    ].join('\n');
  const interpolating = host('vars.pp', policy('@("EOT")'));
  const [region] = interpolating.policies.map((p) => p.region);
  // interpolation_support.rb: `$` then PATTERN_VARIABLE is a variable (`$facts` before `[`); `$"` is a dollar.
  assert.match(region.text, /users: \["_\w{12}", "_\w{17}"\]/);
  assert.match(region.text, /nonResourceURLs: \["\/healthz\$", "_\w{5}\['x'\]"\]/);
  assert.match(region.text, /- level: _\w{5}$/);
  assert.equal(region.opaque?.length, 4);
  // The computed level is Puppet's to decide: no finding of ours.
  assert.deepEqual(
    findingRows(interpolating).filter((r) => r.code === 'invalid-level'),
    [],
  );
  // auditoracle, the text as written: rules[1].level: Unsupported value: "$level"
  const plain = host('plain.pp', policy('@(EOT)'));
  assert.match(plain.policies[0].region.text, /users: \["\$::proxy_user", "\$k8s::audit::admin"\]/);
  assert.deepEqual(
    findingRows(plain).filter((r) => r.code === 'invalid-level'),
    [{ code: 'invalid-level', text: '$level', line: 8, at: 'heredoc (line 1)' }],
  );
});

test("an @( in a comment, a string or a regular expression starts no heredoc, as in Puppet's lexer", () => {
  const text = [
    'class audit { # the old content => @(POLICY) is gone',
    "  notice('content => @(POLICY) writes the file')",
    '  notice("in ${ "@(POLICY)" }")',
    '  /* content => @(POLICY)',
    '     | POLICY */',
    '  if $facts =~ /@(POLICY)/ { }',
    "  file { '/etc/kubernetes/audit-policy.yaml':",
    '    content => @(POLICY),',
    '      apiVersion: audit.k8s.io/v1',
    '      kind: Policy',
    '      rules:',
    '      - level: Requst',
    '      | POLICY',
    '  }',
    '}',
    '',
  ].join('\n');
  const h = host('comments.pp', text);
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['heredoc (line 8)'],
  );
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requst', line: 12, at: 'heredoc (line 8)' }]);
});

test('a heredoc opened after a string on its line, and two on one line, read on past their texts', () => {
  const text = [
    "$a = ['#', @(ONE), @(TWO)]",
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    '  rules:',
    '  - level: Metdata',
    '  | ONE',
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    '  rules:',
    '  - level: Requst',
    '  | TWO',
    '# @(THREE)',
    '',
  ].join('\n');
  const h = host('two.pp', text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata" / "Requst"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 5, at: 'heredoc (line 1)' },
    { code: 'invalid-level', text: 'Requst', line: 10, at: 'heredoc (line 6)' },
  ]);
});

test('a heredoc that does not interpolate holds ${...} as text, as Puppet writes it', () => {
  const text = (open: string) =>
    [
      `$policy = ${open}`,
      '  apiVersion: audit.k8s.io/v1',
      '  kind: Policy',
      '  rules:',
      '  - level: None',
      '    users: ["${proxy}"]',
      '  - level: ${level}',
      '  | EOT',
      '',
    ].join('\n');
  const literal = host('literal.pp', text('@(EOT)'));
  assert.match(literal.policies[0].region.text, /users: \["\$\{proxy\}"\]\n- level: \$\{level\}$/);
  // auditoracle, the text as written: rules[1].level: Unsupported value: "${level}"
  assert.deepEqual(
    findingRows(literal).filter((r) => r.code === 'invalid-level'),
    [{ code: 'invalid-level', text: '${level}', line: 7, at: 'heredoc (line 1)' }],
  );
  assert.deepEqual(findingRows(host('computed.pp', text('@("EOT")'))), []);
});

test("the end line's blanks are Ruby's [[:blank:]] (a tab or any Unicode space), the tag stripped as String#strip does", () => {
  const pad = '\u00a0\u2003';
  const text = [
    '$p = @( "EOT" )',
    ...['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Requst'].map((l) => pad + l),
    `${pad}|${pad}EOT\u3000`,
    '',
  ].join('\n');
  const h = host('blank.pp', text);
  assert.equal(h.policies[0]?.region.text, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Requst');
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requst', line: 5, at: 'heredoc (line 1)' }]);
});

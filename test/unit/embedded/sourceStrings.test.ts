// Policies in the string literals of Go, Python, JavaScript and TypeScript files: found by the
// file's name (or its editor language), decoded as the compiler reads the literal, every finding on
// the source characters that hold it, fixes written back into the literal. The shapes are those of
// public operators and test harnesses (a Go `const auditPolicy = \`...\``, a ConfigMap's data map
// in Go, a Python `AUDIT_POLICY = """..."""` beside k3d, a TypeScript template literal), written
// here anew. Expected messages are kube-apiserver's (auditoracle, v1.20.2), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostDiagnostics, hostFormat } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { encodeFor, WITHIN_LINE } from '../../../server/src/service/embedded/encodeText';
import { stringLiterals } from '../../../server/src/service/embedded/stringLiterals';
import { findingRows, fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///src/${name}`, 1, text);
}

function message(h: HostDocument, code: string): string {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${h.uri}`);
  return String(d.message);
}

const GO = [
  'package audit',
  '',
  '// A backquote in a comment: ` starts no string.',
  'var subjects = []Subject{{Kind: "User", Name: "a"}}',
  '',
  'const auditPolicy = `apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'omitStages: ["RequestReceived"]',
  'rules:',
  '- level: Metadata',
  '  verbs: ["gett"]',
  '- level: Bogus',
  '`',
  '',
].join('\n');

test('a Go raw string: found by the .go name, findings on its characters', () => {
  const h = host('policy.go', GO);
  assert.equal(h.kind, 'host');
  assert.deepEqual(findingRows(h), [
    { code: 'unknown-verb', text: '"gett"', line: 11, at: 'string (line 6)' },
    // auditoracle: rules[1].level: Unsupported value: "Bogus": supported values: "None", "Metadata", ...
    { code: 'invalid-level', text: 'Bogus', line: 12, at: 'string (line 6)' },
  ]);
  assert.match(message(h, 'invalid-level'), /rules\[1\]\.level: Unsupported value: "Bogus"/);
});

test('a Go raw string with CRLF line breaks: Go drops the carriage returns, positions stay exact', () => {
  const h = host('policy.go', GO.replace(/\n/g, '\r\n'));
  assert.equal(h.policies[0].region.text.includes('\r'), false);
  assert.deepEqual(
    findingRows(h).map((r) => [r.text, r.line]),
    [
      ['"gett"', 11],
      ['Bogus', 12],
    ],
  );
});

test('a Go interpreted string in a ConfigMap data map: escapes decoded, the fix renames inside it', () => {
  const text = [
    'package audit',
    '',
    'func data() map[string]string {',
    '\treturn map[string]string{',
    '\t\t"policy.yaml": "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Metdata\\n",',
    '\t}',
    '}',
    '',
  ].join('\n');
  const h = host('cm.go', text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata": supported values: ...
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 5, at: 'string (line 5)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
});

test('a Go string that is a ConfigMap manifest: the policy inside it is found', () => {
  const manifest = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: audit}',
    'data:',
    '  policy.yaml: |',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Metdata',
    '',
  ].join('\n');
  const h = host('manifest.go', `package x\n\nconst cm = \`${manifest}\`\n`);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 11, at: 'string (line 3) data["policy.yaml"]' },
  ]);
});

test('a Python triple-quoted string, an f-string whose substitution is opaque, a raw string', () => {
  const text = [
    'import yaml',
    '',
    '# a quote in a comment: """ starts nothing',
    'AUDIT_POLICY = """apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '  - level: None',
    '    verbs: [watch]',
    '  - level: Metadta',
    '"""',
    '',
    'def policy(user):',
    '    return f"""apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metadata',
    '  users: ["{user}"]',
    '  omitStages: ["RequestReceivd"]',
    '"""',
    '',
    "RAW = r'apiVersion: audit.k8s.io/v1\\nkind: Policy'",
    '',
  ].join('\n');
  const h = host('cluster.py', text);
  // The raw string keeps `\n` as two characters: one line, `kind: Policy` inside the apiVersion
  // value, no policy (yaml.safe_load reads it as one string).
  assert.deepEqual(
    h.policies.map((p) => p.region.hostPath),
    ['string (line 4)', 'string (line 13)'],
  );
  assert.deepEqual(findingRows(h), [
    // auditoracle: rules[1].level: Unsupported value: "Metadta": supported values: ...
    { code: 'invalid-level', text: 'Metadta', line: 9, at: 'string (line 4)' },
    // auditoracle: rules[0].omitStages[0]: Invalid value: "RequestReceivd": allowed stages are ...
    { code: 'invalid-stage', text: '"RequestReceivd"', line: 18, at: 'string (line 13)' },
  ]);
  assert.ok(h.policies[1].region.opaque?.length === 1, 'the f-string substitution is opaque');
});

test('a TypeScript template literal and a single-quoted string: substitutions opaque, quotes escaped', () => {
  const text = [
    "const re = /['`]/g; // a quote in a regular expression starts no string",
    'export const policy = (ns: string) => `apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Request',
    '  namespaces: ["${ns}"]',
    '- level: Metdata',
    '`;',
    "const one = 'apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Requst\\n';",
    '',
  ].join('\n');
  const h = host('policy.ts', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 7, at: 'string (line 2)' },
    { code: 'invalid-level', text: 'Requst', line: 9, at: 'string (line 9)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
});

test('a catch-all rule is written as lines into a raw string, before its closing quote', () => {
  const text =
    'package x\n\nconst p = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["a"]\n`\n';
  const expected = text.replace('users: ["a"]\n', 'users: ["a"]\n- level: Metadata\n');
  assert.equal(fixed(host('p.go', text), 'no-catch-all', 'Add a catch-all rule at the end'), expected);
});

test('text a source string cannot hold as it is is not written there', () => {
  assert.equal(encodeFor({ kind: 'lines', indent: '', refuse: /`/ }, 'a `b`', '\n', WITHIN_LINE), undefined);
  assert.equal(encodeFor({ kind: 'lines', indent: '', refuse: /`/ }, 'ab', '\n', WITHIN_LINE), 'ab');
  assert.equal(encodeFor({ kind: 'double', quote: "'" }, 'it\'s "x"\n', '\n', WITHIN_LINE), 'it\\\'s \\"x\\"\\n');
});

test('literals are decoded as each language decodes them', () => {
  const go = stringLiterals('x := "a\\tb\\u00e9\\101" + `c\\n` + \'"\'', 'go');
  assert.deepEqual(
    go.map((l) => l.text),
    ['a\tbéA', 'c\\n'],
  );
  const py = stringLiterals('a = \'x\\qy\' + b\'\\x41\' + """l1\\\nl2""" + f\'{{a}}\'', 'python');
  assert.deepEqual(
    py.map((l) => l.text),
    ['x\\qy', 'A', 'l1l2', '{a}'],
  );
  const js = stringLiterals('a = 1 / 2 / "x\\u{1F600}" + `${"`"}y\\`` + \'\\q\'', 'javascript');
  assert.deepEqual(
    js.map((l) => l.text.slice(-2)),
    ['\u{1F600}'.slice(-2), 'y`', 'q'],
  );
});

test('source files are chosen by name or editor language; files that hold no policy hold none', () => {
  assert.equal(hostFormat('file:///a/main.go'), 'go');
  assert.equal(hostFormat('file:///a/conftest.py'), 'python');
  assert.equal(hostFormat('file:///a/App.tsx'), 'javascript');
  assert.equal(hostFormat('untitled:1', 'typescript'), 'javascript');
  assert.equal(hostFormat('file:///a/policy.yaml'), 'yaml');
  // Audit events in code and code that mentions audit are not policies.
  const events = "const e = { apiVersion: 'audit.k8s.io/v1', kind: 'Event', level: 'Metadata' };\n";
  assert.equal(host('events.ts', events).kind, 'none');
  const plain = 'package x\n\n// audit rules\nvar rules = []string{"level"}\n';
  assert.equal(host('rules.go', plain).kind, 'none');
  // A YAML policy is read as before.
  const yaml = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n';
  assert.deepEqual(
    findingRows(host('audit.yaml', yaml)).map((r) => r.text),
    ['Metdata'],
  );
});

test('literals the program joins (+, Python adjacency) are one string, as generated code writes a policy', () => {
  const go = [
    'package controlplane',
    '',
    'func auditTemplate() string {',
    '\tvar tmpl = "apiVersion: audit.k8s.io/v1beta1\\n" +',
    '\t\t"kind: Policy\\n" +',
    '\t\t"rules:\\n" +',
    '\t\t"  - level: None\\n" +',
    '\t\t"    verbs: [watch]\\n" +',
    '\t\t"  - level: Metdata\\n" +',
    '\t\t""',
    '\treturn tmpl',
    '}',
    '',
  ].join('\n');
  const h = host('audit.yaml.go', go);
  // auditoracle (1.20, which still reads v1beta1): rules[1].level: Unsupported value: "Metdata"
  assert.deepEqual(
    findingRows(h).filter((r) => r.code === 'invalid-level'),
    [{ code: 'invalid-level', text: 'Metdata', line: 9, at: 'string (line 4)' }],
  );
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), go.replace('Metdata', 'Metadata'));
  // A catch-all goes into the part it follows, at the rules' indentation, its line break escaped.
  const withoutBad = go.replace('\t\t"  - level: Metdata\\n" +\n', '');
  const catchAll = fixed(host('audit.yaml.go', withoutBad), 'no-catch-all', 'Add a catch-all rule at the end');
  assert.ok(catchAll?.includes('\t\t"    verbs: [watch]\\n  - level: Metadata\\n" +\n\t\t""'), catchAll);
  const py = [
    'POLICY = (',
    '    "apiVersion: audit.k8s.io/v1\\n"',
    '    "kind: Policy\\n"',
    "    'rules:\\n'",
    '    "- level: Requst\\n"',
    ')',
    'other = "apiVersion: v1" + ", kind: Policy"',
    '',
  ].join('\n');
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(host('policy.py', py)), [
    { code: 'invalid-level', text: 'Requst', line: 5, at: 'string (line 2)' },
  ]);
  // Parts of different quotes take only a word.
  assert.equal(
    fixed(host('policy.py', py), 'invalid-level', 'Change the level to "Request"'),
    py.replace('Requst', 'Request'),
  );
});

test('a Markdown block of Go or Python code: its string literals are read, nothing else of the code', () => {
  const text = [
    '# Operator',
    '',
    '```go',
    'const auditPolicy = `apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'rules:',
    '- level: Metdata',
    '`',
    '```',
    '',
    '```python',
    'x = {"apiVersion": "audit.k8s.io/v1"}  # a dict is no string',
    '```',
    '',
  ].join('\n');
  const h = host('README.md', text);
  // auditoracle: rules[0].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 7, at: 'Markdown block 1 (line 3) string (line 1)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), text.replace('Metdata', 'Metadata'));
});

test('a piece of a policy a program builds (no apiVersion of the audit API) is no policy in a source file', () => {
  const source = [
    "const catchAll = 'rules:\\n- level: Metadata\\n';",
    'const omit = `omitStages:\\n- RequestReceived\\n`;',
    "export const policy = 'apiVersion: audit.k8s.io/v1\\nkind: Policy\\n' + catchAll;",
  ].join('\n');
  const h = host('build.ts', source);
  // Neither piece is read; a literal naming the audit API is (here without rules: kube-apiserver
  // refuses it, "loaded illegal policy with 0 rules", the oracle's answer).
  assert.deepEqual(
    hostDiagnostics(h, DEFAULT_SETTINGS).map((d) => [d.range.start.line, d.code]),
    [[2, 'no-rules']],
  );
});

test('a string that is a command writing the policy through a here-document: read as that script', () => {
  // Lab code and provisioners keep `sudo tee FILE <<EOF ... EOF` in one string. Read as YAML, its
  // first line made the whole string a refused file (a false yaml-syntax error); what the shell
  // writes is the policy below, which kube-apiserver loads (auditoracle, v1.20.2: loadError null),
  // and whose `wtach` never matches.
  const body = String.raw`sudo tee /etc/kubernetes/audit-policy.yaml <<EOF\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  verbs: [\"wtach\"]\nEOF`;
  const hosts: Array<[string, string]> = [
    ['lab.go', `package lab\n\nvar step = Step{Command: "${body}"}\n`],
    ['lab.py', `import subprocess\nsubprocess.run("${body}", shell=True)\n`],
    ['lab.ts', `export const step = { command: "${body}" };\n`],
    [
      'main.tf',
      `resource "null_resource" "k3s" {\n  provisioner "remote-exec" {\n    inline = [\n      "${body}",\n      "sudo systemctl restart k3s",\n    ]\n  }\n}\n`,
    ],
  ];
  for (const [name, text] of hosts) {
    const h = host(name, text);
    assert.deepEqual(
      findingRows(h).map((r) => `${r.code} ${r.text}`),
      ['unknown-verb \\"wtach\\"'],
      name,
    );
    assert.equal(h.policies.length, 1, name);
    assert.match(h.policies[0].region.hostPath, /heredoc \(line 1\)$/, name);
  }
});

// Policies in the literals whose lines lose a common indentation: Nix's indented strings (a NixOS
// module's `environment.etc."kubernetes/audit-policy.yaml".text = '' ... '';`, the shape public
// NixOS k3s and kubernetes modules use), Java's text blocks (a Testcontainers test copying a policy
// into a K3s container) and Kotlin's raw strings with `.trimIndent()`. Each is read as its compiler
// reads it (blockLiterals.ts cites the rules), every finding on the host characters that hold it,
// every fix written back at the literal's indentation. Expected messages are kube-apiserver's
// (auditoracle, v1.20.2), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, hostFormat } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { stringLiterals } from '../../../server/src/service/embedded/stringLiterals';
import { findingRows, fixed } from './support';

function host(name: string, text: string): HostDocument {
  return createHostDocument(`file:///src/${name}`, 1, text);
}

const NIXOS = [
  '{ config, pkgs, ... }:',
  'let',
  "  quiet = ''system:kube-proxy'';",
  'in {',
  "  # a quote in a comment: '' starts no string",
  '  services.k3s.extraFlags = "--kube-apiserver-arg=audit-policy-file=/etc/rancher/k3s/audit-policy.yaml";',
  '  environment.etc."rancher/k3s/audit-policy.yaml".text = \'\'',
  '    apiVersion: audit.k8s.io/v1',
  '    kind: Policy',
  '    omitStages: [RequestReceived]',
  '    rules:',
  '      - level: None',
  '        users: ["${quiet}"]',
  '      - level: Metdata',
  '        verbs: ["get", "lsit"]',
  "  '';",
  '}',
  '',
].join('\n');

test('a NixOS module: the indented string loses its indentation, findings land on the host lines', () => {
  assert.equal(hostFormat('file:///etc/nixos/k3s.nix'), 'nix');
  const h = host('k3s.nix', NIXOS);
  assert.equal(h.policies.length, 1);
  const text = h.policies[0].region.text;
  assert.ok(text.startsWith('apiVersion: audit.k8s.io/v1\nkind: Policy\n'), text);
  assert.ok(text.endsWith('verbs: ["get", "lsit"]\n'), text);
  // auditoracle: rules[1].level: Unsupported value: "Metdata": supported values: "None", "Metadata", ...
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 14, at: 'string (line 7)' },
    { code: 'unknown-verb', text: '"lsit"', line: 15, at: 'string (line 7)' },
  ]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), NIXOS.replace('Metdata', 'Metadata'));
});

test("Nix: ''$, ''' and ''\\t are escapes, ${...} is computed; a line written in takes the string's indentation", () => {
  const text = [
    'pkgs.writeText "audit-policy.yaml" \'\'',
    '  apiVersion: audit.k8s.io/v1',
    '  kind: Policy',
    "  # cost: ''${5} and '''quoted''' ''\\tend",
    '  rules:',
    '    - level: None',
    '      users: ["${user}"]',
    '      namespaces: ["kube-system"]',
    "''",
    '',
  ].join('\n');
  const h = host('policy.nix', text);
  const [policy] = h.policies;
  assert.equal(policy.region.text.split('\n')[2], "# cost: ${5} and ''quoted'' \tend");
  assert.deepEqual(policy.region.opaque, [[text.indexOf('${user}'), text.indexOf('${user}') + 7]]);
  // The catch-all goes in at the rules' indentation.
  assert.deepEqual(findingRows(h), []);
  const withCatchAll = text.replace('["kube-system"]\n', '["kube-system"]\n    - level: Metadata\n');
  assert.equal(fixed(h, 'no-catch-all', 'Add a catch-all rule at the end'), withCatchAll);
});

test('Nix: a string in double quotes is read with its escapes; a fragment without the audit API is none', () => {
  const text = [
    '{',
    '  policy = "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: Requst\\n";',
    "  extra = ''",
    '    - level: None',
    "  '';",
    "  prime' = x'' + 1;",
    '}',
    '',
  ].join('\n');
  const h = host('default.nix', text);
  // auditoracle: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requst', line: 2, at: 'string (line 2)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Request"'), text.replace('Requst', 'Request'));
});

const JAVA = [
  'class AuditIT {',
  '  // A text block in a comment: """ starts nothing',
  '  static final String NAME = "audit\\"policy";',
  '  static final String POLICY = """',
  '      apiVersion: audit.k8s.io/v1',
  '      kind: Policy',
  '      rules:   ',
  '        - level: RequestResponse',
  '          resources:',
  '            - group: ""',
  '              resources: ["secrets"]\\s',
  '        - level: Metdata',
  '      """;',
  '}',
  '',
].join('\n');

test('a Java text block: incidental and trailing white space stripped, escapes read, positions exact', () => {
  assert.equal(hostFormat('file:///src/AuditIT.java'), 'java');
  const h = host('AuditIT.java', JAVA);
  const text = h.policies[0].region.text;
  assert.ok(text.startsWith('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: RequestResponse\n'), text);
  assert.ok(text.includes('resources: ["secrets"] \n'), text);
  assert.ok(text.endsWith('- level: Metdata\n'), text);
  // auditoracle: rules[1].level: Unsupported value: "Metdata"
  assert.deepEqual(
    findingRows(h).filter((r) => r.code === 'invalid-level'),
    [{ code: 'invalid-level', text: 'Metdata', line: 12, at: 'string (line 4)' }],
  );
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), JAVA.replace('Metdata', 'Metadata'));
});

test('a Java text block whose closing delimiter sets the indentation: the fix writes lines at it', () => {
  const text = [
    'var policy = """',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: None',
    '      users: ["system:kube-proxy"]',
    '  """;',
    '',
  ].join('\n');
  const h = host('Policy.java', text);
  assert.equal(h.policies[0].region.text.split('\n')[0], '  apiVersion: audit.k8s.io/v1');
  const expected = text.replace('"]\n', '"]\n    - level: Metadata\n');
  assert.equal(fixed(h, 'no-catch-all', 'Add a catch-all rule at the end'), expected);
});

const KOTLIN = [
  'val namespace = "kube-system"',
  'val policy = """',
  '    apiVersion: audit.k8s.io/v1',
  '    kind: Policy',
  '    rules:',
  '      - level: None',
  '        namespaces: ["$namespace"]',
  '      - level: Requets',
  '""".trimIndent()',
  'val raw = """apiVersion: v1"""',
  '',
].join('\n');

test('a Kotlin raw string with trimIndent(): blank first and last lines dropped, $name computed', () => {
  assert.equal(hostFormat('file:///src/Audit.kt'), 'kotlin');
  const h = host('Audit.kt', KOTLIN);
  assert.equal(h.policies.length, 1);
  const region = h.policies[0].region;
  assert.ok(region.text.startsWith('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n'));
  assert.ok(region.text.endsWith('- level: Requets'), region.text);
  assert.equal(region.opaque?.length, 1);
  // auditoracle: rules[1].level: Unsupported value: "Requets"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requets', line: 8, at: 'string (line 2)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Request"'), KOTLIN.replace('Requets', 'Request'));
});

test('block literals that do not close, or a Java text block with text on its first line, hold nothing', () => {
  assert.deepEqual(
    stringLiterals('x = """apiVersion: audit.k8s.io/v1"""; y = "a";', 'java').map((l) => l.text),
    ['a'],
  );
  assert.deepEqual(stringLiterals("x = ''\n  apiVersion: audit.k8s.io/v1\n", 'nix'), []);
  assert.deepEqual(stringLiterals('x = """\n  a\n', 'kotlin'), []);
});

test('hostile sizes: many unclosed openers, a literal of 200,000 lines, answered in linear time', () => {
  const cases: Array<[string, string]> = [
    ['many.pp', `# audit\n${'$a = @(EOT)\n'.repeat(50_000)}`],
    ['many.nix', `# audit\n${"x = ''\n".repeat(50_000)}`],
    ['many.java', `// audit\n${'var s = """\n'.repeat(50_000)}`],
    ['many.rs', `// audit\n${'fn f<\'a>() { r##"\n'.repeat(50_000)}`],
    ['long.nix', `''\n${'  apiVersion: audit.k8s.io/v1\n'.repeat(200_000)}''\n`],
    ['long.kt', `"""\n${'  audit.k8s.io/v1\n'.repeat(200_000)}""".trimIndent()\n`],
  ];
  for (const [name, text] of cases) {
    const started = performance.now();
    const h = host(name, text);
    assert.ok(h.policies.length <= 1, name);
    const ms = performance.now() - started;
    process.stdout.write(`# hostile ${name}: ${ms.toFixed(0)} ms\n`);
    assert.ok(ms < 5_000, `${name} took ${ms} ms`);
  }
});

test('a Nix string in double quotes may span lines; a Java line ending in \\ joins the next; Kotlin reads \\$', () => {
  const nix = 'x = "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n  users: [\\"a\\"]\n";\n';
  const h = host('multi.nix', nix);
  // auditoracle: rules[0].level: Unsupported value: "Metdata"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 4, at: 'string (line 1)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), nix.replace('Metdata', 'Metadata'));
  const java = 'var p = """\n  apiVersion: \\\n  audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: None\n  """;\n';
  assert.equal(host('Join.java', java).policies[0].region.text.split('\n')[0], 'apiVersion: audit.k8s.io/v1');
  const kotlin =
    'val p = "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n- level: None\\n  users: [\\"\\$x\\"]\\n"\n';
  assert.equal(host('Escaped.kt', kotlin).policies[0].region.text.split('\n')[4], '  users: ["$x"]');
});

test('Java strings joined with +: one policy, each part on its own literal', () => {
  const text = [
    'String policy = "apiVersion: audit.k8s.io/v1\\n"',
    '    + "kind: Policy\\n"',
    '    + "rules:\\n"',
    '    + "- level: Requets\\n";',
    '',
  ].join('\n');
  const h = host('Joined.java', text);
  // auditoracle: rules[0].level: Unsupported value: "Requets"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requets', line: 4, at: 'string (line 1)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Request"'), text.replace('Requets', 'Request'));
});

const RUST = [
  '/* a comment /* nested */ with a quote " still inside */',
  "fn policy<'a>(name: &'a str) -> Result<Policy, Error> {",
  "    let quote = '\"';",
  '    serde_yaml::from_str(r#"',
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '- level: None',
  '  users: ["system:kube-proxy"]',
  '- level: Metdata',
  '"#)',
  '}',
  'const ESCAPED: &str = "apiVersion: audit.k8s.io/v1\\nkind: Policy\\nrules:\\n\\',
  '    - level: Requst\\n";',
  '',
].join('\n');

test('Rust: a raw string r#"..."# as written, a string with escapes and a \\ line join; lifetimes are no quotes', () => {
  assert.equal(hostFormat('file:///src/tests/audit.rs'), 'rust');
  const h = host('audit.rs', RUST);
  // auditoracle: rules[1].level: Unsupported value: "Metdata"; rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metdata', line: 10, at: 'string (line 4)' },
    { code: 'invalid-level', text: 'Requst', line: 14, at: 'string (line 13)' },
  ]);
  assert.equal(h.policies[1].region.text, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Requst\n');
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Metadata"'), RUST.replace('Metdata', 'Metadata'));
  // A line goes into a raw string as it is: the catch-all, written before its closing quote.
  const raw = 'const P: &str = r"apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: [a]\n";\n';
  const expected = raw.replace('[a]\n', '[a]\n- level: Metadata\n');
  assert.equal(fixed(host('raw.rs', raw), 'no-catch-all', 'Add a catch-all rule at the end'), expected);
});

test("a CRLF Nix file: the indented string keeps each \\r and, as Nix reads it, every line's indentation", () => {
  const text = [
    '{',
    '  environment.etc."kubernetes/audit.yaml".text = \'\'',
    '    apiVersion: audit.k8s.io/v1',
    '    kind: Policy',
    '    rules:',
    '    - level: Requst',
    "  '';",
    '}',
    '',
  ].join('\r\n');
  const h = host('crlf.nix', text);
  // lexer.l: `''(\ *\n)?` does not take the `\r\n`; stripIndentation: the `\r` line sets the least indentation to 0.
  const read = '\r\n    apiVersion: audit.k8s.io/v1\r\n    kind: Policy\r\n    rules:\r\n    - level: Requst\r\n';
  assert.equal(h.policies[0].region.text, read);
  // auditoracle, that text: rules[0].level: Unsupported value: "Requst"
  assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Requst', line: 6, at: 'string (line 2)' }]);
  assert.equal(fixed(h, 'invalid-level', 'Change the level to "Request"'), text.replace('Requst', 'Request'));
  // A lone \r is no line break of Nix's either: nothing is stripped, the text is read whole, and YAML
  // (go-yaml, as kube-apiserver reads the file NixOS writes) breaks its lines there.
  const cr = host('cr.nix', text.replace(/\r\n/g, '\r'));
  assert.equal(cr.policies[0].region.text, `${read.replace(/\r\n/g, '\r')}  `);
  assert.deepEqual(findingRows(cr), [{ code: 'invalid-level', text: 'Requst', line: 6, at: 'string (line 2)' }]);
});

test("Kotlin's trimIndent strips what Char.isWhitespace is (no-break and ideographic spaces); Java's what Character.isWhitespace is", () => {
  const body = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metdata'];
  const kotlin = (pad: string): string =>
    `val p = """\n${body.map((l) => pad + l).join('\n')}\n${pad}""".trimIndent()\n`;
  for (const pad of ['\u3000\u3000', '\u00a0\u00a0', '\u2003\t', '\u000b ']) {
    const h = host('Unicode.kt', kotlin(pad));
    assert.equal(h.policies[0]?.region.text, body.join('\n'), JSON.stringify(pad));
    // auditoracle: rules[0].level: Unsupported value: "Metdata"
    assert.deepEqual(findingRows(h), [{ code: 'invalid-level', text: 'Metdata', line: 5, at: 'string (line 1)' }]);
  }
  const java = (pad: string): string => `var p = """\n${body.map((l) => pad + l).join('\n')}\n${pad}""";\n`;
  assert.equal(host('Em.java', java('\u2003\u2003')).policies[0]?.region.text, `${body.join('\n')}\n`);
  // U+00A0 is no white space of Character.isWhitespace: stripIndent keeps it, the closing line's too.
  assert.deepEqual(
    stringLiterals(java('\u00a0'), 'java').map((l) => l.text),
    [`${body.map((l) => `\u00a0${l}`).join('\n')}\n\u00a0`],
  );
});

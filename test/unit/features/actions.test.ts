// Quick fixes as a table: the diagnostic underlines `$0`; its preferred fix is applied and the
// result must be the expected text and must check clean.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CodeActionKind } from 'vscode-languageserver-types';
import { doCodeActions, DEFAULT_SETTINGS, fixAll, validate } from '../../../server/src/service';
import { doc, docAt, settings, yaml } from '../../helpers/fixture';
import { applyEdits } from './apply';
import { SEED_TEXT } from './seed';

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:'];

interface Row {
  readonly name: string;
  readonly code: string;
  readonly input: string;
  readonly expected: string;
  readonly title?: RegExp;
}

const ROWS: Row[] = [
  {
    // kube-apiserver refuses the input (its first document is empty) and loads the result (oracle)
    name: 'remove the `---` that left the first document empty',
    code: 'invalid-api-version',
    input: yaml(
      '---',
      '# generated',
      '$0---',
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'rules:',
      '- level: Metadata',
    ),
    expected: yaml('---', '# generated', 'apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata'),
    title: /Remove this `---`/,
  },
  {
    name: 'rename an unknown field to its suggestion (seed: groups -> group)',
    code: 'unknown-field',
    input: yaml(...HEAD, '  - level: None', '    resources:', '    - $0groups: ""', '      resources: ["pods"]'),
    expected: yaml(...HEAD, '  - level: None', '    resources:', '    - group: ""', '      resources: ["pods"]'),
    title: /group/,
  },
  {
    name: 'move verbs from a resources entry to the rule',
    code: 'unknown-field',
    input: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: ""',
      '      $0verbs: ["get"]  # reads',
      '      resources: ["pods"]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: ""',
      '      resources: ["pods"]',
      '    verbs: ["get"]',
    ),
    title: /Move/,
  },
  {
    name: 'move group from a rule into its resources entry',
    code: 'unknown-field',
    input: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    $0group: apps',
      '    resources:',
      '    - resources: ["deployments"]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - resources: ["deployments"]',
      '      group: apps',
    ),
  },
  {
    name: 'trim a padded resource name, keeping its quotes',
    code: 'surrounding-whitespace',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    resources:',
      '    - resources: ["pods"]',
      '      resourceNames: [$0"webapp-pod "]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: None',
      '    resources:',
      '    - resources: ["pods"]',
      '      resourceNames: ["webapp-pod"]',
    ),
  },
  {
    name: 'invalid level with a typo',
    code: 'invalid-level',
    input: yaml(...HEAD, '  - level: $0Metdata # keep me'),
    expected: yaml(...HEAD, '  - level: Metadata # keep me'),
  },
  {
    name: 'invalid level in the wrong case, single-quoted',
    code: 'invalid-level',
    input: yaml(...HEAD, "  - level: $0'requestresponse'"),
    expected: yaml(...HEAD, "  - level: 'RequestResponse'"),
  },
  {
    name: 'invalid stage with swapped letters',
    code: 'invalid-stage',
    input: yaml(...HEAD, '  - level: Metadata', '    omitStages: [$0RequestRecieved]'),
    expected: yaml(...HEAD, '  - level: Metadata', '    omitStages: [RequestReceived]'),
  },
  {
    name: 'invalid policy-wide stage',
    code: 'invalid-stage',
    input: yaml(
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages:',
      '- $0"requestreceived"',
      'rules:',
      '- level: None',
    ),
    expected: yaml(
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages:',
      '- "RequestReceived"',
      'rules:',
      '- level: None',
    ),
  },
  {
    name: 'insert a missing level before the first key',
    code: 'missing-level',
    input: yaml(...HEAD, '  - $0users: ["alice"]', '    verbs: ["get"]'),
    expected: yaml(...HEAD, '  - level: Metadata', '    users: ["alice"]', '    verbs: ["get"]'),
  },
  {
    name: 'insert a missing level in a flow rule',
    code: 'missing-level',
    input: yaml(...HEAD, '  - {$0users: [alice]}'),
    expected: yaml(...HEAD, '  - {level: Metadata, users: [alice]}'),
  },
  {
    name: 'add the leading / to a non-resource URL',
    code: 'invalid-non-resource-url',
    input: yaml(...HEAD, '  - level: None', '    nonResourceURLs: [$0"healthz*"]'),
    expected: yaml(...HEAD, '  - level: None', '    nonResourceURLs: ["/healthz*"]'),
  },
  {
    name: 'upgrade audit.k8s.io/v1beta1 to v1',
    code: 'invalid-api-version',
    input: yaml('apiVersion: $0audit.k8s.io/v1beta1', 'kind: Policy', 'rules:', '- level: None'),
    expected: yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None'),
  },
  {
    name: 'upgrade audit.k8s.io/v1alpha1 to v1, quoted',
    code: 'invalid-api-version',
    input: yaml('apiVersion: $0"audit.k8s.io/v1alpha1"', 'kind: Policy', 'rules:', '- level: None'),
    expected: yaml('apiVersion: "audit.k8s.io/v1"', 'kind: Policy', 'rules:', '- level: None'),
  },
  {
    name: 'a wrong kind becomes Policy',
    code: 'invalid-kind',
    input: yaml('apiVersion: audit.k8s.io/v1', 'kind: $0Polcy', 'rules:', '- level: None'),
    expected: yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None'),
  },
  {
    name: 'split a rule that mixes nonResourceURLs with resources',
    code: 'mixed-resources-and-urls',
    input: yaml(
      ...HEAD,
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    $0nonResourceURLs: ["/healthz*"]',
      '    resources:',
      '    - group: ""',
      '      resources: ["endpoints"]',
      '  - level: Metadata',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    resources:',
      '    - group: ""',
      '      resources: ["endpoints"]',
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    nonResourceURLs: ["/healthz*"]',
      '  - level: Metadata',
    ),
  },
  {
    name: 'remove the duplicate key that kube-apiserver ignores',
    code: 'duplicate-key',
    input: yaml(...HEAD, '  - $0level: None', '    verbs: ["get"]', '    level: Metadata'),
    expected: yaml(...HEAD, '  - verbs: ["get"]', '    level: Metadata'),
  },
  {
    name: 'quote a YAML 1.1 boolean namespace',
    code: 'wrong-type',
    input: yaml(...HEAD, '  - level: None', '    namespaces: [$0on]'),
    expected: yaml(...HEAD, '  - level: None', '    namespaces: ["on"]'),
  },
  {
    name: 'wrap a single user in a list',
    code: 'wrong-type',
    input: yaml(...HEAD, '  - level: None', '    users: $0system:admin'),
    expected: yaml(...HEAD, '  - level: None', '    users: ["system:admin"]'),
  },
  {
    name: 'unknown verb in the wrong case',
    code: 'unknown-verb',
    input: yaml(...HEAD, '  - level: Metadata', '    verbs: [$0Get, list]'),
    expected: yaml(...HEAD, '  - level: Metadata', '    verbs: [get, list]'),
  },
  {
    name: 'unknown verb with a typo, quoted',
    code: 'unknown-verb',
    input: yaml(...HEAD, '  - level: Metadata', '    verbs:', '    - $0"deleet"'),
    expected: yaml(...HEAD, '  - level: Metadata', '    verbs:', '    - "delete"'),
  },
  {
    name: 'a Metadata rule for secrets above a rule that logs their bodies',
    code: 'sensitive-bodies',
    input: yaml(
      ...HEAD,
      '  - $0level: RequestResponse',
      '    resources:',
      '    - group: ""',
      '      resources: ["secrets", "pods"]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: ""',
      '      resources: ["secrets"]',
      '  - level: RequestResponse',
      '    resources:',
      '    - group: ""',
      '      resources: ["secrets", "pods"]',
    ),
  },
  {
    name: 'a rule only about tokenreviews drops to Metadata',
    code: 'sensitive-bodies',
    input: yaml(
      ...HEAD,
      '  - $0level: Request',
      '    resources:',
      '    - group: authentication.k8s.io',
      '      resources: [tokenreviews]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: authentication.k8s.io',
      '      resources: [tokenreviews]',
    ),
  },
  {
    name: 'omit RequestReceived policy-wide',
    code: 'request-received-logged',
    input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', '$0omitStages: [Panic]', 'rules:', '- level: Metadata'),
    expected: yaml(
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages: [Panic, "RequestReceived"]',
      'rules:',
      '- level: Metadata',
    ),
  },
  {
    name: 'a resource under the wrong group takes the group that serves it',
    code: 'resource-not-in-group',
    input: yaml(...HEAD, '  - level: Metadata', '    resources:', '    - group: apps', '      resources: [$0pods]'),
    expected: yaml(...HEAD, '  - level: Metadata', '    resources:', '    - group: ""', '      resources: [pods]'),
  },
  {
    // The subresources of apps deployments are scale and status (1.20's swagger.json, and the later
    // snapshot: the same list, so it is complete on 1.36).
    name: 'a misspelt subresource',
    code: 'unknown-subresource',
    input: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: apps',
      '      resources: [$0"deployments/scal"]',
    ),
    expected: yaml(
      ...HEAD,
      '  - level: Metadata',
      '    resources:',
      '    - group: apps',
      '      resources: ["deployments/scale"]',
    ),
  },
  {
    name: 'a */* wildcard becomes *',
    code: 'literal-wildcard',
    input: yaml(...HEAD, '  - level: Metadata', '    resources:', '    - group: apps', '      resources: [$0"*/*"]'),
    expected: yaml(...HEAD, '  - level: Metadata', '    resources:', '    - group: apps', '      resources: ["*"]'),
  },
  {
    name: 'add a rule to a policy without rules',
    code: 'no-rules',
    input: yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', '$0rules:'),
    expected: yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata'),
  },
  {
    // Oracle (1.20): `users: [system:masters]` never matches a member of system:masters; `userGroups` does.
    name: 'a group name alone in users becomes userGroups',
    code: 'group-as-user',
    input: yaml(...HEAD, '  - level: RequestResponse', '    users: [$0"system:masters"]', '  - level: Metadata'),
    expected: yaml(...HEAD, '  - level: RequestResponse', '    userGroups: ["system:masters"]', '  - level: Metadata'),
    title: /userGroups/,
  },
];

/** Errors and warnings (advice such as no-catch-all can only be judged once a rule is valid). */
const codes = (text: string): string[] =>
  validate(doc(text), DEFAULT_SETTINGS, { force: true })
    .filter((x) => (x.severity ?? 1) <= 2)
    .map((x) => String(x.code));

/** Problems of `after` that `before` did not have, once the fixed one is gone. */
function newProblems(before: string, after: string, fixed: string): string[] {
  const left = codes(before);
  left.splice(left.indexOf(fixed), 1);
  const extra: string[] = [];
  for (const code of codes(after)) {
    const i = left.indexOf(code);
    if (i === -1) extra.push(code);
    else left.splice(i, 1);
  }
  return extra;
}

function diagnosticAt(text: string, code: string) {
  const { doc: d, offset } = docAt(text);
  const diagnostics = validate(d, DEFAULT_SETTINGS, { force: true }).filter(
    (x) => x.code === code && d.lines.offsetAt(x.range.start) === offset,
  );
  assert.equal(
    diagnostics.length,
    1,
    `expected one ${code} at $0, got ${JSON.stringify(validate(d, DEFAULT_SETTINGS, { force: true }).map((x) => [x.code, x.range.start]))}`,
  );
  return { d, diagnostic: diagnostics[0] };
}

for (const row of ROWS) {
  test(`fix: ${row.name}`, () => {
    const { d, diagnostic } = diagnosticAt(row.input, row.code);
    const actions = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).filter(
      (a) => a.diagnostics?.length,
    );
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `one preferred fix, got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(preferred[0].kind, CodeActionKind.QuickFix);
    if (row.title) assert.match(preferred[0].title, row.title);
    const result = applyEdits(d, preferred[0].edit!.changes![d.uri]);
    assert.equal(result, row.expected);
    assert.deepEqual(newProblems(d.text, result, row.code), [], `the fix made new problems:\n${result}`);
  });
}

test('fix: a level with no close match offers every level, none preferred', () => {
  const { d, diagnostic } = diagnosticAt(yaml(...HEAD, '  - level: $0Everything'), 'invalid-level');
  const actions = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS);
  assert.deepEqual(
    actions.map((a) => a.title),
    ['None', 'Metadata', 'Request', 'RequestResponse'].map((l) => `Change the level to "${l}"`),
  );
  assert.ok(actions.every((a) => !a.isPreferred));
});

test('a policy below a first document that is not one: the fix moves it to the top, and the result loads', () => {
  const policy = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata'];
  for (const { first, code, input, expected } of [
    {
      first: 'a ConfigMap',
      code: 'invalid-kind',
      input: yaml('apiVersion: v1', 'kind: ConfigMap', '$0---', ...policy, '# its comment'),
      expected: yaml(...policy, '# its comment', '---', 'apiVersion: v1', 'kind: ConfigMap'),
    },
    {
      first: 'a list, the policy between two documents and without a last line break',
      code: 'invalid-api-version',
      input: yaml('- a', '$0--- # the policy', ...policy, '---', 'kind: Other').replace(/\n$/, ''),
      expected: yaml(...policy, '---', '- a', '---', 'kind: Other').replace(/\n$/, ''),
    },
    {
      first: 'a file with CRLF line breaks',
      code: 'invalid-kind',
      input: yaml('apiVersion: v1', 'kind: ConfigMap', '$0---', ...policy).replace(/\n/g, '\r\n'),
      expected: yaml(...policy, '---', 'apiVersion: v1', 'kind: ConfigMap').replace(/\n/g, '\r\n'),
    },
    {
      first: 'a file that opens with `---`',
      code: 'invalid-kind',
      input: yaml('---', 'kind: Deployment', 'apiVersion: apps/v1', '$0---', ...policy),
      expected: yaml('---', ...policy, '---', 'kind: Deployment', 'apiVersion: apps/v1'),
    },
  ]) {
    const { d, diagnostic } = diagnosticAt(input, code);
    const actions = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).filter(
      (a) => a.kind === CodeActionKind.QuickFix,
    );
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred ?? false]),
      [['Move the policy to the top of the file (kube-apiserver reads only the first document)', false]],
      first,
    );
    const fixed = applyEdits(d, actions[0].edit!.changes![d.uri]);
    assert.equal(fixed, expected, first);
    assert.deepEqual(
      validate(doc(fixed), DEFAULT_SETTINGS).filter((x) => x.severity === 1),
      [],
      first,
    );
    // It reorders the file's documents: asked for, never made by fix all.
    assert.equal(fixAll(d, DEFAULT_SETTINGS), undefined, first);
  }
});

test('no fix where moving the policy could change how it reads: a directive above it, content on its `---` line', () => {
  for (const input of [
    yaml('%YAML 1.1', '---', 'kind: ConfigMap', '$0---', 'apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules: []'),
    yaml('kind: ConfigMap', '$0--- !!map', 'apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules: []'),
  ]) {
    const { d, diagnostic } = diagnosticAt(input, 'invalid-kind');
    const actions = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).filter(
      (a) => a.kind === CodeActionKind.QuickFix,
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      [],
    );
  }
});

test('fix: add kind: Policy on the apiVersion line when kind is left out', () => {
  const d = doc(yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None'));
  const actions = doCodeActions(
    d,
    { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } },
    { diagnostics: [] },
    DEFAULT_SETTINGS,
  );
  assert.deepEqual(
    actions.map((a) => a.title),
    ['Add kind: Policy'],
  );
  assert.equal(
    applyEdits(d, actions[0].edit!.changes![d.uri]),
    yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: None'),
  );
});

test('source.fixAll fixes both warnings of the seed policy and keeps the rest byte for byte', () => {
  const seed = SEED_TEXT;
  const d = doc(seed);
  const actions = doCodeActions(
    d,
    { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    { diagnostics: [], only: [CodeActionKind.SourceFixAll] },
    DEFAULT_SETTINGS,
  );
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, CodeActionKind.SourceFixAll);
  const fixed = applyEdits(d, actions[0].edit!.changes![d.uri]);
  assert.equal(fixed, seed.replace('groups', 'group').replace('"webapp-pod "', '"webapp-pod"'));
  assert.deepEqual(
    validate(doc(fixed), settings()).filter((x) => x.severity !== 3),
    [],
  );
});

test('fixes in a CRLF file write CRLF line breaks', () => {
  const text = yaml(
    ...HEAD,
    '  - level: None',
    '    users: ["system:kube-proxy"]',
    '    nonResourceURLs: ["/healthz*"]',
    '    namespaces: ["a"]',
  ).replace(/\n/g, '\r\n');
  const d = doc(text);
  const diagnostic = validate(d, DEFAULT_SETTINGS).find((x) => x.code === 'mixed-resources-and-urls')!;
  const [split] = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS);
  const result = applyEdits(d, split.edit!.changes![d.uri]);
  assert.equal(
    result,
    yaml(
      ...HEAD,
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    namespaces: ["a"]',
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    nonResourceURLs: ["/healthz*"]',
    ).replace(/\n/g, '\r\n'),
  );
});

test('in a file with a syntax error, fixes that would add another one are not offered', () => {
  // The anchor before the `- ` makes the parser read the rule as empty: inserting a level there breaks more.
  // Oracle: "failed decoding: yaml: line 4: block sequence entries are not allowed in this context".
  const d = doc(yaml(...HEAD, ' &a  - level: RequestResponse', '    resources:', '    - group: ""'));
  const diagnostics = validate(d, DEFAULT_SETTINGS);
  assert.deepEqual(
    diagnostics.map((x) => x.code),
    ['yaml-syntax'],
  );
  for (const diagnostic of diagnostics)
    assert.deepEqual(
      doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS),
      [],
      String(diagnostic.code),
    );
});

test('a fix on the last lines of a policy that ends without a line break leaves it ending without one', () => {
  // Each by its title: the result text, exactly. A final line break written here would be an empty
  // line once the policy sits in a `|-` scalar, a Markdown fence or a here-document.
  const applied = (text: string, code: string, title: RegExp): string => {
    const d = doc(text);
    const diagnostic = validate(d, DEFAULT_SETTINGS, { force: true }).find((x) => x.code === code)!;
    const action = doCodeActions(d, diagnostic.range, { diagnostics: [diagnostic] }, DEFAULT_SETTINGS).find((a) =>
      title.test(a.title),
    );
    assert.ok(action, `no fix ${title} for ${code}`);
    return applyEdits(d, action.edit!.changes![d.uri]);
  };
  const rule = [...HEAD, '- level: Metadata', '  resources:'];
  const lines = (...l: string[]): string => l.join('\n');
  assert.equal(
    applied(lines(...rule, '  - group: ""', '    resources: ["pods"]', '    verb: [get]'), 'unknown-field', /^Remove/),
    lines(...rule, '  - group: ""', '    resources: ["pods"]'),
  );
  // Moved to the rule: before, the line break left behind made an empty line above the moved key.
  assert.equal(
    applied(lines(...rule, '  - group: ""', '    resources: ["pods"]', '    verbs: [get]'), 'unknown-field', /^Move/),
    lines(...rule, '  - group: ""', '    resources: ["pods"]', '  verbs: [get]'),
  );
  // Moved into the resources entry just above: the new line takes the removed one's place.
  assert.equal(
    applied(lines(...rule, '  - resources: ["pods"]', '  group: ""'), 'unknown-field', /^Move/),
    lines(...rule, '  - resources: ["pods"]', '    group: ""'),
  );
  assert.equal(
    applied(lines(...rule, '  - resources: ["pods"]', '  group: ""').replace(/\n/g, '\r\n'), 'unknown-field', /^Move/),
    lines(...rule, '  - resources: ["pods"]', '    group: ""').replace(/\n/g, '\r\n'),
  );
});

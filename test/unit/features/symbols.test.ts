// The outline: top-level fields, and under `rules` each rule named `#n <level>: <what>`, its range
// starting at the rule's `- `.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createPolicyDocument, documentSymbols } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

const HEAD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages: ["RequestReceived"]', 'rules:'];

const ROWS: Array<{ name: string; rule: string[]; symbol: string }> = [
  {
    name: 'the seed rule',
    rule: [
      '  - namespaces: ["prod-namespace"]',
      '    verbs: ["delete"]',
      '    resources:',
      '    - groups: ""',
      '      resources: ["pods"]',
      '      resourceNames: ["webapp-pod "]',
      '    level: RequestResponse',
    ],
    symbol: 'RequestResponse: delete "pods/webapp-pod " in prod-namespace',
  },
  { name: 'a catch-all', rule: ['  - level: Metadata'], symbol: 'Metadata: everything' },
  {
    name: 'health checks',
    rule: ['  - level: None', '    nonResourceURLs: ["/healthz*", "/readyz*"]'],
    symbol: 'None: /healthz*, /readyz*',
  },
  {
    name: 'kube-proxy watches',
    rule: [
      '  - level: None',
      '    users: ["system:kube-proxy"]',
      '    verbs: ["watch"]',
      '    resources:',
      '    - group: ""',
      '      resources: ["endpoints", "services"]',
    ],
    symbol: 'None: watch endpoints, services by system:kube-proxy',
  },
  {
    name: 'a group other than core',
    rule: ['  - level: Request', '    resources:', '    - group: apps', '      resources: ["deployments/scale"]'],
    symbol: 'Request: deployments/scale (apps)',
  },
  { name: 'cluster-scoped requests', rule: ['  - level: Metadata', '    namespaces: [""]'], symbol: 'Metadata: in ""' },
  { name: 'a rule without level', rule: ['  - users: [alice]'], symbol: '(no level): by alice' },
];

for (const row of ROWS) {
  test(`symbols: ${row.name}`, () => {
    const d = doc(yaml(...HEAD, ...row.rule));
    const symbols = documentSymbols(d);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['apiVersion', 'kind', 'omitStages', 'rules'],
    );
    const rules = symbols[3].children ?? [];
    assert.deepEqual(
      rules.map((s) => s.name),
      [`#1 ${row.symbol}`],
    );
    assert.equal(rules[0].range.start.line, HEAD.length);
    assert.equal(rules[0].range.start.character, 2);
  });
}

test('symbols: rules are numbered in order and each range holds its rule', () => {
  const d = doc(yaml(...HEAD, '  - level: None', '    users: [a]', '', '  # comment', '  - level: Metadata'));
  const rules = documentSymbols(d)[3].children ?? [];
  assert.deepEqual(
    rules.map((s) => [s.name, s.range.start.line, s.range.end.line]),
    [
      ['#1 None: by a', 4, 5],
      ['#2 Metadata: everything', 8, 8],
    ],
  );
});

test('symbols: a JSON policy parsed as a whole still numbers its rules', () => {
  const d = doc(
    '{"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": [{"level": "None"}, {"level": "Metadata", "verbs": ["get"]}]}\n',
  );
  const rules = documentSymbols(d).find((s) => s.name === 'rules')?.children ?? [];
  assert.deepEqual(
    rules.map((s) => s.name),
    ['#1 None: everything', '#2 Metadata: get'],
  );
});

test('after edits, the outline is the one a fresh reading of the text gives (kept symbols included)', () => {
  const uri = 'file:///test/outline-edits.yaml';
  const rules = Array.from({ length: 40 }, (_, i) => `- level: Metadata\n  users: ["u${i}"]\n`).join('');
  const edits: Array<(t: string) => string> = [
    (t) => t.replace('"u20"', '"u2x"'), // inside one rule, same length
    (t) => t.replace('rules:\n', 'rules:\n\n'), // a line above every rule
    (t) =>
      t.replace(
        '- level: Metadata\n  users: ["u5"]',
        '- level: None\n  users: ["new"]\n- level: Metadata\n  users: ["u5"]',
      ), // a rule inserted: numbers move
    (t) => t.replace('\n\n', '\n'), // the line taken out again
    (t) => t.replace('"u30"', '"u30", "v"'), // longer: later offsets move, lines do not
    (t) => t.replace('# ab', '#\n#'), // as long as before, one line more: offsets stay, lines move
  ];
  let text = `# ab\napiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;
  let current = createPolicyDocument(uri, 1, text);
  documentSymbols(current);
  for (const [i, edit] of edits.entries()) {
    text = edit(text);
    current = createPolicyDocument(uri, i + 2, text, current);
    assert.deepEqual(documentSymbols(current), documentSymbols(doc(text)), `after edit ${i + 1}`);
  }
});

test('a character typed in a rule keeps the symbols of the rules after it: their offsets move, their lines do not', () => {
  const uri = 'file:///test/outline-typed.yaml';
  const rules = Array.from({ length: 5 }, (_, i) => `- level: Metadata\n  users: ["u${i}"]\n`).join('');
  const text = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`;
  const first = createPolicyDocument(uri, 1, text);
  const before = documentSymbols(first).find((s) => s.name === 'rules')?.children ?? [];
  const typed = text.replace('"u1"', '"u1x"');
  const after = documentSymbols(createPolicyDocument(uri, 2, typed, first)).find((s) => s.name === 'rules')?.children;
  assert.deepEqual(after, documentSymbols(doc(typed)).find((s) => s.name === 'rules')?.children);
  assert.equal(after?.[0], before[0]);
  assert.notEqual(after?.[1], before[1], 'the rule typed in is summarised again');
  for (let i = 2; i < 5; i++) assert.equal(after?.[i], before[i], `rule #${i + 1} keeps its symbol`);
});

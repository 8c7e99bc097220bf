// validate() keeps a cleanly read policy's diagnostics rule by rule (validate/byRule.ts): a rule's
// are reused as a whole while its text, number, start, coverer and logged secrets stay, and made
// again when one of them changes. Expected lists come from findings() (fromFindings), the long way
// every document can take, on the same text opened afresh.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../../server/src/service';
import type { PolicyDocument } from '../../../server/src/service';
import { diagnosticsByRule } from '../../../server/src/service/validate/byRule';
import { fromFindings } from '../../../server/src/service/validate/validate';

const URI = 'file:///by-rule.yaml';
const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';
// rules[1] repeats rules[0] (unreachable-rule, its related place in rules[0]); rules[2] misspells a
// verb (unknown-verb) and logs secrets' bodies (sensitive-bodies).
const RULES = [
  '  - level: Metadata\n    resources:\n      - resources: [pods]\n',
  '  - level: Metadata\n    resources:\n      - resources: [pods]\n',
  '  - level: Request\n    verbs: [create, lsit]\n    resources:\n      - resources: [secrets]\n',
];

function open(text: string, previous?: PolicyDocument): PolicyDocument {
  const doc = createPolicyDocument(URI, (previous?.version ?? 0) + 1, text, previous);
  validate(doc, DEFAULT_SETTINGS);
  return doc;
}

const longWay = (text: string) => fromFindings(createPolicyDocument(URI, 1, text), DEFAULT_SETTINGS, {});

test('a character typed in one rule: a later rule that only moved along its line keeps its diagnostics whole', () => {
  const first = open(HEADER + RULES.join(''));
  const kept = [...first.caches.ruleDiagnostics];
  const text = HEADER + RULES[0].replace('[pods]', '[pods, x]') + RULES[1] + RULES[2];
  const typed = open(text, first);
  assert.deepEqual(validate(typed, DEFAULT_SETTINGS), longWay(text));
  // rules[0] changed, and so did what shadows rules[1] (it no longer covers it); rules[2] only moved along its line.
  assert.notEqual(typed.caches.ruleDiagnostics[0], kept[0]);
  assert.equal(typed.caches.ruleDiagnostics[2], kept[2], 'rules[2] is reused as a whole');
  const codes = validate(typed, DEFAULT_SETTINGS).map((d) => d.code);
  for (const code of ['unreachable-rule', 'unknown-verb', 'sensitive-bodies']) assert.ok(codes.includes(code), code);
});

test('a line added above moves every rule: their diagnostics are made again at their new lines', () => {
  const first = open(HEADER + RULES.join(''));
  const before = validate(first, DEFAULT_SETTINGS);
  const text = `# a comment\n${HEADER}${RULES.join('')}`;
  const moved = open(text, first);
  const after = validate(moved, DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  assert.deepEqual(
    after.map((d) => d.range.start.line),
    before.map((d) => d.range.start.line + 1),
  );
});

test('the covering rule moved: the related place of unreachable-rule follows it', () => {
  const first = open(HEADER + RULES.join(''));
  // One more line inside rules[0] moves rules[0]'s end, not its start, and every later rule down one line.
  const text = HEADER + RULES[0].replace('resources:\n', 'resources:\n\n') + RULES[1] + RULES[2];
  const edited = open(text, first);
  const unreachable = validate(edited, DEFAULT_SETTINGS).find((d) => d.code === 'unreachable-rule');
  assert.deepEqual(validate(edited, DEFAULT_SETTINGS), longWay(text));
  assert.equal(unreachable?.relatedInformation?.[0].location.range.start.line, 3);
});

test('a rule renumbered by a rule inserted above says its new number', () => {
  const first = open(HEADER + RULES.join(''));
  const text = HEADER + '  - level: None\n    users: [nobody]\n' + RULES.join('');
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  assert.ok(after.some((d) => d.code === 'unreachable-rule' && String(d.message).includes('rules[1] above')));
});

test('a document finding inside a rule: the rule-by-rule way gives up and validate() takes the long way', () => {
  // nested-too-deeply is the policy's, and sits between rules[1]'s unknown-field and its unknown-verb.
  const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
  const text = `${HEADER}  - level: None\n    users: [a]\n  - level: Metadata\n    foo: ${deep}\n    verbs: [lsit]\n`;
  const doc = createPolicyDocument(URI, 1, text);
  assert.equal(diagnosticsByRule(doc, DEFAULT_SETTINGS), undefined);
  const diagnostics = validate(doc, DEFAULT_SETTINGS);
  // The same document, not the text opened again: where the tree is cut depends on the stack left.
  assert.deepEqual(diagnostics, fromFindings(doc, DEFAULT_SETTINGS, {}));
  const codes = diagnostics.map((d) => d.code);
  assert.ok(codes.indexOf('nested-too-deeply') > codes.indexOf('unknown-field'));
  assert.ok(codes.indexOf('nested-too-deeply') < codes.indexOf('unknown-verb'));
});

test('settings and suppression comments apply to reused rules too', () => {
  const first = open(HEADER + RULES.join(''));
  const off = { ...DEFAULT_SETTINGS, severity: { 'unknown-verb': 'off' as const } };
  assert.ok(!validate(first, off).some((d) => d.code === 'unknown-verb'));
  assert.ok(validate(first, DEFAULT_SETTINGS).some((d) => d.code === 'unknown-verb'));
  const text =
    HEADER +
    RULES[0] +
    RULES[1] +
    RULES[2].replace('    verbs', '    # kube-audit-policy-disable-next-line\n    verbs');
  const suppressed = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(suppressed, longWay(text));
  assert.ok(!suppressed.some((d) => d.code === 'unknown-verb'));
});

test('the covering rule moved up a line while the covered rule stayed: the related place follows it', () => {
  const first = open(`# a comment\n${HEADER}${RULES.join('')}`);
  const text = `${HEADER}${RULES[0]}\n${RULES[1]}${RULES[2]}`;
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  const unreachable = after.find((d) => d.code === 'unreachable-rule');
  assert.equal(unreachable?.range.start.line, 7, 'rules[1] is where it was');
  assert.equal(unreachable?.relatedInformation?.[0].location.range.start.line, 3, 'rules[0] moved up');
});

test('an earlier rule now takes some of the secrets a later rule logs: its sensitive-bodies names the rest', () => {
  const logging = RULES[2].replace('[secrets]', '[secrets, configmaps]');
  const first = open(HEADER + RULES[0] + RULES[1] + logging);
  const before = validate(first, DEFAULT_SETTINGS).find((d) => d.code === 'sensitive-bodies');
  assert.match(String(before?.message), /secrets, configmaps/);
  // Same lines, same rule numbers; rules[2] is covered by none before or after.
  const text = HEADER + RULES[0].replace('[pods]', '[secrets]') + RULES[1] + logging;
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  const sensitive = after.find((d) => d.code === 'sensitive-bodies');
  assert.match(String(sensitive?.message), /of configmaps into/);
});

test('the covering rule moved down a line, the covered rule stayed: its related place follows the coverer', () => {
  const other = '  - level: None\n    users: [a]\n';
  const first = open(HEADER + RULES[0] + other.replace('[a]', '\n      - a') + RULES[1]);
  const text = `# a comment\n${HEADER}${RULES[0]}${other}${RULES[1]}`;
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  assert.equal(after.find((d) => d.code === 'unreachable-rule')?.relatedInformation?.[0].location.range.start.line, 4);
});

test('a rule renumbered on the same line says its new number', () => {
  const dropped = '  - level: None\n    users: [a]\n';
  const first = open(HEADER + RULES[0] + dropped + RULES[1]);
  const text = `${HEADER}${RULES[0]}\n\n${RULES[1]}`;
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  const unreachable = after.find((d) => d.code === 'unreachable-rule');
  assert.equal((unreachable?.data as { path?: string } | undefined)?.path, 'rules[1]');
  assert.equal(unreachable?.range.start.line, first.lines.positionAt(first.parsed.rules[2].base).line, 'on its line');
});

test('rules on one line: a character typed in the first moves the second along the line', () => {
  const line = (space: string) =>
    `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: [{level: Metadata,${space} users: [a]}, {level: Metadata, verbs: [lsit]}]\n`;
  const first = open(line(''));
  const text = line(' ');
  const after = validate(open(text, first), DEFAULT_SETTINGS);
  assert.deepEqual(after, longWay(text));
  const verb = after.find((d) => d.code === 'unknown-verb');
  assert.equal(verb?.range.start.character, text.split('\n')[2].indexOf('lsit'));
});

test('another Kubernetes version: every rule is checked again for it', () => {
  const text = `${HEADER}  - level: Metadata\n    resources:\n      - group: resource.k8s.io\n        resources: [resourceclaims]\n`;
  const doc = open(text);
  const old = { ...DEFAULT_SETTINGS, kubernetesMinor: 20 };
  const newest = validate(doc, DEFAULT_SETTINGS);
  const at20 = validate(doc, old);
  assert.deepEqual(at20, fromFindings(createPolicyDocument(URI, 1, text), old, {}));
  assert.notDeepEqual(at20, newest, 'resource.k8s.io is not served by 1.20');
});

test("the policy's omitStages changed: a rule that now records nothing no longer logs secrets, and again when it records", () => {
  // rules[2] logs secrets' request bodies; with the policy's Panic and its own three other stages,
  // no event is sent for its requests (records-nothing), so no body is written (sensitive-bodies gone).
  const rules = [RULES[0], RULES[2] + '    omitStages: [RequestReceived, ResponseStarted, ResponseComplete]\n'];
  const recording = `apiVersion: audit.k8s.io/v1\nkind: Policy\nomitStages: []\nrules:\n${rules.join('')}`;
  const silent = recording.replace('omitStages: []', 'omitStages: [Panic]');
  const codes = (doc: PolicyDocument) => validate(doc, DEFAULT_SETTINGS).map((d) => d.code);
  const first = open(recording);
  assert.ok(codes(first).includes('sensitive-bodies'));
  const second = open(silent, first);
  assert.deepEqual(validate(second, DEFAULT_SETTINGS), longWay(silent));
  assert.ok(codes(second).includes('records-nothing'));
  assert.ok(!codes(second).includes('sensitive-bodies'));
  const third = open(recording, second);
  assert.deepEqual(validate(third, DEFAULT_SETTINGS), longWay(recording));
  assert.ok(codes(third).includes('sensitive-bodies'));
});

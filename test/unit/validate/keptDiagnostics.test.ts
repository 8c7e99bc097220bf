// A typed character moves every offset after it, so the rules below it are new items with new
// findings; their lines and characters do not move, and validate() gives their earlier Diagnostic
// objects again (which the stdio encoder then copies as bytes instead of serialising). Whatever is
// kept, the diagnostics must be those of the same text opened afresh.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../../server/src/service';

const URI = 'file:///kept.yaml';
const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n';
// rules[1] repeats rules[0] (unreachable-rule, with a related place) and misspells a verb (unknown-verb).
const RULES = [
  '  - level: Metadata\n    resources:\n      - resources: [pods]\n',
  '  - level: Metadata\n    verbs: [get, lsit]\n    resources:\n      - resources: [pods]\n',
].join('');

function versions(edited: string): { before: Diagnostic[]; after: Diagnostic[]; fresh: Diagnostic[] } {
  const first = createPolicyDocument(URI, 1, HEADER + RULES);
  const before = validate(first, DEFAULT_SETTINGS);
  const after = validate(createPolicyDocument(URI, 2, edited, first), DEFAULT_SETTINGS);
  return { before, after, fresh: validate(createPolicyDocument(URI, 2, edited), DEFAULT_SETTINGS) };
}

const codes = (list: Diagnostic[]) => list.map((d) => d.code).sort();

test('a character typed in a rule keeps the diagnostic objects of the rules below it', () => {
  const edited = HEADER + RULES.replace('level: Metadata', 'level: Metadatax');
  const { before, after, fresh } = versions(edited);
  assert.deepEqual(after, fresh);
  // The first rule's level is now unknown: its own diagnostic is new, and it no longer shadows the second.
  assert.ok(codes(after).includes('unknown-level') || codes(after).includes('invalid-level'), codes(after).join());
  const verb = after.find((d) => d.code === 'unknown-verb');
  assert.ok(verb);
  assert.equal(
    verb,
    before.find((d) => d.code === 'unknown-verb'),
    'the same object as before the edit',
  );
});

test('a character typed and deleted again gives every earlier diagnostic object back', () => {
  const first = createPolicyDocument(URI, 1, HEADER + RULES);
  const before = validate(first, DEFAULT_SETTINGS);
  const typed = createPolicyDocument(URI, 2, HEADER + RULES.replace('[pods]', '[pods, x]'), first);
  validate(typed, DEFAULT_SETTINGS);
  const back = createPolicyDocument(URI, 3, HEADER + RULES, typed);
  const after = validate(back, DEFAULT_SETTINGS);
  assert.deepEqual(after, before);
  after.forEach((d, i) => assert.equal(d, before[i], `${d.code} is the same object`));
});

test('a line inserted above, or a rule inserted above, makes the diagnostics that moved or changed anew', () => {
  const moved = versions(HEADER + '  # a comment\n' + RULES);
  assert.deepEqual(moved.after, moved.fresh);
  const below = moved.after.filter((d) => d.range.start.line > 3); // the comment is line 3
  assert.ok(below.length >= 2);
  for (const d of below) assert.ok(!moved.before.includes(d), `${d.code} moved a line and is new`);
  const renumbered = versions(HEADER + '  - level: None\n    users: [x]\n' + RULES);
  assert.deepEqual(renumbered.after, renumbered.fresh);
  const unreachable = renumbered.after.find((d) => d.code === 'unreachable-rule');
  assert.match(String(unreachable?.message), /rules\[1\]/);
});

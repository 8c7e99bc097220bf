// Which rows of a replay report still hold after the policy is edited: a rule's events are those
// it matches and no earlier rule takes (k8s.io/apiserver pkg/audit/policy/checker.go: the first
// rule whose ruleMatches is true decides, and ruleMatches reads users, userGroups, verbs,
// namespaces, resources and nonResourceURLs only).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { compilePolicy, createPolicyDocument, rowsThatHold } from '../../../server/src/service';

const rules = (text: string) =>
  compilePolicy(
    createPolicyDocument('file:///p.yaml', 1, `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${text}`).parsed,
  ).rules;

const BEFORE = rules('- level: None\n  users: [a]\n- level: Request\n  verbs: [get]\n- level: Metadata\n');

test('unchanged rules, or rules changed in level and stages only, all keep their rows', () => {
  assert.equal(rowsThatHold(BEFORE, BEFORE), 3);
  const levels = rules(
    '- level: Metadata\n  users: [a]\n- level: RequestResponse\n  verbs: [get]\n  omitStages: [RequestReceived]\n- level: None\n',
  );
  assert.equal(rowsThatHold(BEFORE, levels), 3);
  // The same selectors written another way (flow style, a comment) match the same requests.
  assert.equal(
    rowsThatHold(
      BEFORE,
      rules('- {level: None, users: ["a"]}  # who\n- level: Request\n  verbs:\n  - get\n- level: Metadata\n'),
    ),
    3,
  );
});

test('a rule whose selectors changed loses its row and every row after it', () => {
  assert.equal(
    rowsThatHold(BEFORE, rules('- level: None\n  users: [a]\n- level: Request\n  verbs: [list]\n- level: Metadata\n')),
    1,
  );
  assert.equal(
    rowsThatHold(BEFORE, rules('- level: None\n  users: [b]\n- level: Request\n  verbs: [get]\n- level: Metadata\n')),
    0,
  );
  // A rule inserted first, or the first one removed: the rest may take other events.
  assert.equal(rowsThatHold(BEFORE, rules('- level: None\n  verbs: [watch]\n- level: None\n  users: [a]\n')), 0);
  assert.equal(rowsThatHold(BEFORE, rules('- level: Request\n  verbs: [get]\n- level: Metadata\n')), 0);
  // The last rule removed: the rows of the rules left all hold.
  assert.equal(rowsThatHold(BEFORE, rules('- level: None\n  users: [a]\n- level: Request\n  verbs: [get]\n')), 2);
});

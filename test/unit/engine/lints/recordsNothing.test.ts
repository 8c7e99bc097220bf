// records-nothing (engine/lints/recordsNothing.ts): a rule whose omitted stages, with the policy's,
// are all four. Oracle (1.20.2): with the policy's `omitStages: [Panic]` and a rule's
// `[RequestReceived, ResponseStarted, ResponseComplete]`, alice's GET /api/v1/pods is matched by
// that rule at level RequestResponse with omitStages [Panic RequestReceived ResponseComplete
// ResponseStarted]: kube-apiserver loads the policy and sends no event for any of its stages.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { yaml } from '../../../helpers/fixture';
import { findingsOf, lintTable } from '../lintTable';

const ALL = 'omitStages: [RequestReceived, ResponseStarted, ResponseComplete, Panic]';
const doc = (...lines: string[]): string => yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy', ...lines);

describe('records-nothing', () => {
  lintTable('records-nothing', [
    {
      name: 'a rule that omits every stage itself',
      rules: ['- level: RequestResponse', `  ${ALL}`, '  users: [alice]', '- level: Metadata'],
      expected: [{ text: 'omitStages', path: 'rules[0].omitStages' }],
    },
    {
      name: "every stage between the rule's omitStages and the policy's",
      document: doc(
        'omitStages: [Panic]',
        'rules:',
        '- level: RequestResponse',
        '  omitStages: [RequestReceived, ResponseStarted, ResponseComplete]',
        '- level: Metadata',
      ),
      expected: [{ text: 'omitStages', path: 'rules[0].omitStages' }],
    },
    {
      name: 'the policy omits every stage: one finding, on the policy',
      document: doc(ALL, 'rules:', '- level: Metadata', '  omitStages: [Panic]', '- level: Request'),
      expected: [{ text: 'omitStages', path: 'omitStages' }],
    },
    {
      name: 'three stages of four record ResponseStarted of long-running requests: not reported',
      rules: ['- level: Metadata', '  omitStages: [RequestReceived, ResponseComplete, Panic]'],
      expected: [],
    },
    {
      name: 'a rule at level None records nothing by design',
      rules: ['- level: None', `  ${ALL}`, '- level: Metadata'],
      expected: [],
    },
    {
      name: "a rule an earlier one covers is unreachable-rule's",
      rules: ['- level: Metadata', '- level: Request', `  ${ALL}`],
      expected: [],
    },
  ]);

  test('the message says the requests are dropped as by level None, and kept from later rules', () => {
    const [f] = findingsOf('records-nothing', doc('rules:', '- level: Request', `  ${ALL}`, '- level: Metadata'));
    assert.match(f.message, /records no event for the requests it matches, as if its level were None/);
    assert.match(f.message, /keeps them from every later rule/);
  });

  test('a rule that records nothing writes no secret into the log (no sensitive-bodies)', () => {
    const text = doc('rules:', '- level: RequestResponse', `  ${ALL}`, '- level: Metadata');
    assert.deepEqual(findingsOf('sensitive-bodies', text), []);
    const recording = doc('rules:', '- level: RequestResponse', '  omitStages: [RequestReceived]', '- level: Metadata');
    assert.equal(findingsOf('sensitive-bodies', recording).length, 1);
  });

  test("a rule that records nothing with the policy's omitStages writes no secret into the log either", () => {
    const rule = [
      'rules:',
      '- level: RequestResponse',
      '  omitStages: [RequestReceived, ResponseStarted, ResponseComplete]',
    ];
    assert.deepEqual(findingsOf('sensitive-bodies', doc('omitStages: [Panic]', ...rule, '- level: Metadata')), []);
    // The policy omitting a stage the rule omits too leaves Panic recorded, and a panic's event has the bodies.
    const recording = doc('omitStages: [ResponseComplete]', ...rule, '- level: Metadata');
    assert.equal(findingsOf('sensitive-bodies', recording).length, 1);
  });
});

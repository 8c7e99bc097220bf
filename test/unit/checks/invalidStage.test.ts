// invalid-stage (checks/invalidStage.ts): an omitStages entry that is not a stage.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose, yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('invalid-stage', () => {
  checkTable([
    {
      name: 'policy omitStages',
      input: yaml(...HEAD, 'omitStages: [RequestRecieved]', 'rules:', '- level: None'),
      expected: [{ code: 'invalid-stage', text: 'RequestRecieved', path: 'omitStages[0]' }],
    },
    {
      name: 'rule omitStages',
      input: policy('- level: None', '  omitStages: ["Panic", "panic"]'),
      expected: [{ code: 'invalid-stage', text: '"panic"', path: 'rules[0].omitStages[1]' }],
    },
  ]);
  test('the message names the field as kube-apiserver does (validation.go: rules[i].omitStages[j])', () => {
    const [rule] = diagnose(policy('- level: None', '  omitStages: ["Panic", "panic"]')).filter(
      (d) => d.code === 'invalid-stage',
    );
    assert.match(
      rule.message,
      /: rules\[0\]\.omitStages\[1\]: Invalid value: "panic": allowed stages are RequestReceived,ResponseStarted,ResponseComplete,Panic\./,
    );
    const [top] = diagnose(yaml(...HEAD, 'omitStages: [RequestRecieved]', 'rules:', '- level: None')).filter(
      (d) => d.code === 'invalid-stage',
    );
    assert.match(top.message, /start: omitStages\[0\]: Invalid value: "RequestRecieved"/);
  });
});

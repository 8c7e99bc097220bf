// invalid-stage (checks/invalidStage.ts): an omitStages entry that is not a stage.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('invalid-stage', () => {
  checkTable([
    { name: 'policy omitStages', input: yaml(...HEAD, 'omitStages: [RequestRecieved]', 'rules:', '- level: None'), expected: [{ code: 'invalid-stage', text: 'RequestRecieved', path: 'omitStages[0]' }] },
    { name: 'rule omitStages', input: policy('- level: None', '  omitStages: ["Panic", "panic"]'), expected: [{ code: 'invalid-stage', text: '"panic"', path: 'rules[0].omitStages[1]' }] },
  ]);
});

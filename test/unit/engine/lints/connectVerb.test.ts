// connect-verb: `connect` is the admission operation of exec and friends, not their request verb.
// Oracle (1.20): with `- level: Metadata, verbs: [connect]` first, POST and GET .../pods/p/exec
// resolve to create and get and skip it (matchedRule 1); `CONNECT /healthz` resolves to connect and
// matches it (matchedRule 0).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { findingsOf, lintTable, policy } from '../lintTable';

describe('connect-verb', () => {
  lintTable('connect-verb', [
    {
      name: 'connect in a rule without resources',
      rules: ['- level: RequestResponse', '  verbs: [connect]'],
      expected: [{ text: 'connect', path: 'rules[0].verbs[0]' }],
    },
    {
      name: 'connect in a URL rule',
      rules: ['- level: None', '  verbs: [get, connect]', '  nonResourceURLs: ["/healthz"]'],
      expected: [{ text: 'connect', path: 'rules[0].verbs[1]' }],
    },
    {
      name: 'with resources unknown-verb reports it instead',
      rules: ['- level: None', '  verbs: [connect]', '  resources: [{resources: ["pods/exec"]}]'],
      expected: [],
    },
    { name: 'the verbs exec requests carry', rules: ['- level: None', '  verbs: [create, get]'], expected: [] },
  ]);
  test('names the verbs exec requests carry', () => {
    const [f] = findingsOf('connect-verb', policy('- level: None', '  verbs: [connect]'));
    assert.match(f.message, /`create` \(POST\) or `get` \(GET\)/);
  });
  test('unknown-verb explains connect in a resource rule', () => {
    const [f] = findingsOf(
      'unknown-verb',
      policy('- level: None', '  verbs: [connect]', '  resources: [{resources: ["pods/exec"]}]'),
    );
    assert.match(f.message, /admission operation/);
  });
});

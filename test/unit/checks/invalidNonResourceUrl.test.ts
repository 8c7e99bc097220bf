// invalid-non-resource-url (checks/invalidNonResourceUrl.ts).
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('invalid-non-resource-url', () => {
  checkTable([
    {
      name: 'no leading slash',
      input: policy('- level: None', '  nonResourceURLs: ["healthz"]'),
      expected: [{ code: 'invalid-non-resource-url', text: '"healthz"', path: 'rules[0].nonResourceURLs[0]' }],
    },
    {
      name: 'a star before the end',
      input: policy('- level: None', '  nonResourceURLs: ["/logs*x", "/ok*"]'),
      expected: [{ code: 'invalid-non-resource-url', text: '"/logs*x"', path: 'rules[0].nonResourceURLs[0]' }],
    },
    {
      name: 'an empty URL',
      input: policy('- level: None', '  nonResourceURLs: [""]'),
      expected: [{ code: 'invalid-non-resource-url', text: '""', path: 'rules[0].nonResourceURLs[0]' }],
    },
  ]);
});

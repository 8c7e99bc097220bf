// mixed-resources-and-urls (checks/mixedResourcesAndUrls.ts).
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('mixed-resources-and-urls', () => {
  checkTable([
    {
      name: 'URLs with resources',
      input: policy('- level: None', '  resources: [{group: ""}]', '  nonResourceURLs: ["/healthz"]'),
      expected: [{ code: 'mixed-resources-and-urls', text: 'nonResourceURLs', path: 'rules[0].nonResourceURLs' }],
    },
    {
      name: 'URLs with namespaces [""]',
      input: policy('- level: None', '  namespaces: [""]', '  nonResourceURLs: ["/healthz"]'),
      expected: [{ code: 'mixed-resources-and-urls', text: 'nonResourceURLs', path: 'rules[0].nonResourceURLs' }],
    },
    {
      name: 'empty lists do not count',
      input: policy('- level: None', '  namespaces: []', '  nonResourceURLs: ["/healthz"]'),
      expected: [],
    },
  ]);
});

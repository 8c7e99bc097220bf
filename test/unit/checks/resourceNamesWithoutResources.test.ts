// resource-names-without-resources (checks/resourceNamesWithoutResources.ts).
import { describe } from 'node:test';
import { checkTable, policy } from './table';

describe('resource-names-without-resources', () => {
  checkTable([
    {
      name: 'names but no resources',
      input: policy('- level: None', '  resources:', '  - group: ""', '    resourceNames: ["x"]'),
      expected: [
        {
          code: 'resource-names-without-resources',
          text: 'resourceNames',
          path: 'rules[0].resources[0].resourceNames',
        },
      ],
    },
  ]);
});

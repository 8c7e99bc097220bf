// ignored-document (checks/ignoredDocument.ts): documents after the first.
import { describe } from 'node:test';
import { yaml } from '../../helpers/fixture';
import { checkTable, HEAD, policy } from './table';

describe('ignored-document', () => {
  checkTable([
    {
      name: 'a second policy',
      input: policy('- level: None') + yaml('---', ...HEAD, 'rules:', '- level: Metadata'),
      expected: [{ code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', path: '' }],
    },
    {
      name: 'a comment-only later document is nothing',
      input: policy('- level: None') + '---\n# nothing\n',
      expected: [],
    },
  ]);
});

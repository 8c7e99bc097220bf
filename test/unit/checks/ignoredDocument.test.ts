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
      // Oracle (1.20.2): loadError "unknown group version field audit.k8s.io/__internal, Kind=Policy
      // in policy": reader.go decodes the first document, which is empty.
      name: 'an empty first document before the policy: kube-apiserver refuses the file',
      input: yaml('---', '# generated', '---', ...HEAD, 'rules:', '- level: Metadata'),
      expected: [
        { code: 'invalid-api-version', text: '---', path: 'apiVersion' },
        { code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', path: '' },
      ],
    },
    {
      // Oracle: loadError null (a comment before the first `---` makes no document)
      name: 'a comment and one `---` before the policy: the policy is the first document',
      input: yaml('# generated', '---', ...HEAD, 'rules:', '- level: Metadata'),
      expected: [],
    },
    {
      name: 'a comment-only later document is nothing',
      input: policy('- level: None') + '---\n# nothing\n',
      expected: [],
    },
  ]);
});

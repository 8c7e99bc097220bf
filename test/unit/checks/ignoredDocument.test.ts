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
      // Oracle (1.20.2): loadError `failed decoding: no kind "ConfigMap" is registered for version
      // "v1"`: the first document is what reader.go decodes (test/differential/firstDocument.test.ts
      // asks it for 26 shapes of first document).
      name: 'a ConfigMap before the policy: kube-apiserver refuses the file',
      input: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'data:',
        '  a: b',
        '---',
        ...HEAD,
        'rules:',
        '- level: Metadata',
      ),
      expected: [
        { code: 'invalid-kind', text: '---', path: 'kind' },
        { code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', path: '' },
      ],
    },
    {
      // Oracle: `failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal array …`
      name: 'a list before the policy: kube-apiserver refuses the file',
      input: yaml('- a', '---', ...HEAD, 'rules:', '- level: Metadata'),
      expected: [
        { code: 'invalid-api-version', text: '---', path: 'apiVersion' },
        { code: 'ignored-document', text: 'apiVersion: audit.k8s.io/v1', path: '' },
      ],
    },
    {
      name: 'a ConfigMap alone is not a policy: nothing',
      input: yaml('apiVersion: v1', 'kind: ConfigMap', 'data:', '  a: b', '---', 'apiVersion: v1', 'kind: Secret'),
      expected: [],
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

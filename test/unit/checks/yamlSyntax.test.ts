// yaml-syntax (checks/yamlSyntax.ts): the file is not valid YAML.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { diagnose } from '../../helpers/fixture';
import { checkTable, policy } from './table';

describe('yaml-syntax', () => {
  checkTable([
    {
      name: 'an unclosed flow list',
      input: policy('- level: None', '  verbs: [get, list'),
      expected: [{ code: 'yaml-syntax', text: '', path: '' }],
    },
  ]);

  test('a file that starts with { is read as JSON: a trailing comma is a JSON error, said so', () => {
    // Oracle: failed decoding: couldn't get version/kind; json parse error: invalid character '}'
    // looking for beginning of object key string. The same text in block YAML would load.
    const json =
      '{\n  "apiVersion": "audit.k8s.io/v1",\n  "kind": "Policy",\n  "rules": [{"level": "Metadata",}],\n}\n';
    const [found] = diagnose(json).filter((d) => d.code === 'yaml-syntax');
    assert.match(found.message, /starts with `\{`, so it is read as JSON, and it is not valid JSON/);
    const [yaml] = diagnose(policy('- level: None', '  verbs: [get, list')).filter((d) => d.code === 'yaml-syntax');
    assert.match(yaml.message, /not valid YAML for go-yaml \(failed decoding: yaml: /);
  });
});

// The policy's apiVersion and kind as kube-apiserver's JSON serializer reads them (decode/typeMeta.ts):
// with Go's encoding/json, from keys in any case, the last string winning in the order the
// serializer sees the keys (a YAML file's sorted bytewise, a JSON file's as written). Each case
// notes the oracle's answer (Kubernetes 1.20.2's LoadPolicyFromBytes): its loadError, or null.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { detectPolicy } from '../../../server/src/service/decode/detect';
import { diagnose, doc, settings, yaml } from '../../helpers/fixture';
import { checkTable } from './table';

const RULES = ['rules:', '- level: None'];

describe('apiVersion and kind under keys in another case', () => {
  checkTable([
    // loadError: null (1 rule)
    {
      name: '`ApiVersion` names the version: the policy loads',
      input: yaml('ApiVersion: audit.k8s.io/v1', 'kind: Policy', ...RULES),
      expected: [{ code: 'unknown-field', text: 'ApiVersion', path: 'ApiVersion' }],
    },
    // loadError: null (1 rule): U+017F folds to s in encoding/json
    {
      name: 'the long s spells apiVersion too',
      input: yaml('apiVer\u017fion: audit.k8s.io/v1', 'kind: Policy', ...RULES),
      expected: [{ code: 'unknown-field', text: 'apiVer\u017fion', path: 'apiVer\u017fion' }],
    },
    // loadError: failed decoding: no kind "x" is registered for version "audit.k8s.io/v1" in scheme ...
    {
      name: '`Kind: x` is the kind',
      input: yaml('apiVersion: audit.k8s.io/v1', 'Kind: x', ...RULES),
      expected: [
        { code: 'unknown-field', text: 'Kind', path: 'Kind' },
        { code: 'invalid-kind', text: 'x', path: 'kind' },
      ],
    },
    // loadError: failed decoding: converting (v1.Event) to (audit.Policy): unknown conversion
    {
      name: 'the Kelvin sign spells kind',
      input: yaml('apiVersion: audit.k8s.io/v1', '\u212aind: Event', ...RULES),
      expected: [
        { code: 'unknown-field', text: '\u212aind', path: '\u212aind' },
        { code: 'invalid-kind', text: 'Event', path: 'kind' },
      ],
    },
    // loadError: failed decoding: no kind "Policy" is registered for version "x" in scheme ...
    {
      name: 'YAML: `apiversion` sorts after `apiVersion`, so it wins',
      input: yaml('apiVersion: audit.k8s.io/v1', 'apiversion: x', 'kind: Policy', ...RULES),
      expected: [
        { code: 'unknown-field', text: 'apiversion', path: 'apiversion' },
        { code: 'invalid-api-version', text: 'x', path: 'apiVersion' },
      ],
    },
    // loadError: null (1 rule)
    {
      name: 'YAML: `APIVERSION` sorts before `apiVersion`, which wins',
      input: yaml('apiVersion: audit.k8s.io/v1', 'APIVERSION: x', 'kind: Policy', ...RULES),
      expected: [{ code: 'unknown-field', text: 'APIVERSION', path: 'APIVERSION' }],
    },
    // loadError: failed decoding: no kind "Policy" is registered for version "x" in scheme ...
    {
      name: 'JSON: the keys are read as written, so the last one wins',
      input: '{"apiVersion": "audit.k8s.io/v1", "APIVERSION": "x", "kind": "Policy", "rules": [{"level": "None"}]}',
      expected: [
        { code: 'unknown-field', text: '"APIVERSION"', path: 'APIVERSION' },
        { code: 'invalid-api-version', text: '"x"', path: 'apiVersion' },
      ],
    },
    // loadError: null (1 rule): a null leaves the value read before
    {
      name: 'a null under another spelling changes nothing',
      input: yaml('apiVersion: audit.k8s.io/v1', 'apiversion: ~', 'kind: Policy', ...RULES),
      expected: [{ code: 'unknown-field', text: 'apiversion', path: 'apiversion' }],
    },
    // loadError: failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal
    // number into Go struct field .apiVersion of type string
    {
      name: 'a number under another spelling fails decoding',
      input: yaml('ApiVersion: 1', 'apiVersion: audit.k8s.io/v1', 'kind: Policy', ...RULES),
      expected: [
        { code: 'unknown-field', text: 'ApiVersion', path: 'ApiVersion' },
        { code: 'wrong-type', text: '1', path: 'ApiVersion' },
      ],
    },
    // loadError: the same (the JSON serializer reads the first duplicate too)
    {
      name: 'JSON: a number under a duplicate key fails decoding though a later string follows',
      input: '{"apiVersion": 1, "apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": [{"level": "None"}]}',
      expected: [
        { code: 'duplicate-key', text: '"apiVersion"', path: 'apiVersion' },
        { code: 'wrong-type', text: '1', path: 'apiVersion' },
      ],
    },
    // loadError: null (1 rule): v1beta1 is still served by 1.20
    {
      name: '`APIVersion: audit.k8s.io/v1beta1` on 1.20',
      minor: 20,
      input: yaml('kind: Policy', 'APIVersion: audit.k8s.io/v1beta1', ...RULES),
      expected: [{ code: 'unknown-field', text: 'APIVersion', path: 'APIVersion' }],
    },
  ]);

  test('the unknown-field warning says the key names the type and offers the right spelling', () => {
    const [finding] = diagnose(yaml('ApiVersion: audit.k8s.io/v1', 'kind: Policy', ...RULES), {
      settings: settings({ kubernetesMinor: 20 }),
    });
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /reads `ApiVersion` as the policy's apiVersion/);
  });

  test('a file whose type is spelt `ApiVersion` and `Kind` is detected as a policy', () => {
    assert.equal(detectPolicy(doc(yaml('ApiVersion: audit.k8s.io/v1', 'Kind: Policy', 'rules: []')).parsed), 'policy');
  });
});

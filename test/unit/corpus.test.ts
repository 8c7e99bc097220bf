// The 33 real policies of ../shared/corpus/real, judged as its EXPECTED.md says kube-apiserver
// judges them: errors exactly where it refuses a file, an unknown-field warning exactly at each
// field it drops, and nothing else at error or unknown-field level. Skips when the folder is absent.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../server/src/service';

const CORPUS = resolve(__dirname, '../../../../shared/corpus/real');
const present = existsSync(CORPUS);

const v1beta1 = ['invalid-api-version apiVersion'];
const versionedGroups = (rule: number, entries: number[]): string[] => entries.map((e) => `invalid-group rules[${rule}].resources[${e}].group`);

/** From EXPECTED.md: the errors and dropped fields of each file (files not listed: none). */
const EXPECTED: Record<string, string[]> = {
  'alt-podsec-usernetes-policy.yaml': ['unknown-field rules[5].resources[0].verbs'],
  'banzaicloud-pke-audit-v1beta1.yaml': v1beta1,
  'datadog-docs-audit-policy.yaml': ['unknown-field rules[3].resources[0].verbs'],
  'eks-anywhere-audit-policy-v1beta1.yaml': v1beta1,
  // No apiVersion/kind; 7 version-suffixed groups in each of rules[9] and rules[10].
  'gce-master-audit-policy-2017-no-apiversion.yaml': ['invalid-api-version apiVersion', ...versionedGroups(9, [1, 2, 7, 8, 9, 10, 12]), ...versionedGroups(10, [1, 2, 7, 8, 9, 10, 12])],
  'imjasonh-rbac-audit-kind-policy.yaml': [...v1beta1, 'unknown-field rules[0].stages'],
  'openshift-4.x-kube-apiserver-default-v1beta1.yaml': v1beta1,
  'openshift-library-go-allrequestbodies.yaml': ['unknown-field rules[2].resources[4].resource'],
  'openshift-library-go-multiplecr.yaml': ['unknown-field rules[2].resources[4].resource', 'unknown-field rules[5].resources[4].resource'],
  'openshift-library-go-writerequestbodies.yaml': ['unknown-field rules[2].resources[4].resource'],
  'selectel-mks-audit-policy.yaml': ['unknown-field rules[8].resources[0].username'],
};

function judged(file: string, minor: number): string[] {
  const text = readFileSync(join(CORPUS, file), 'utf8');
  const doc = createPolicyDocument(`file:///corpus/${file}`, 1, text);
  return validate(doc, { ...DEFAULT_SETTINGS, kubernetesMinor: minor }, { force: true })
    .filter((d) => d.severity === 1 || d.code === 'unknown-field')
    .map((d) => `${String(d.code)} ${(d.data as { path: string }).path}`)
    .sort();
}

describe('real corpus', { skip: present ? false : `${CORPUS} is absent` }, () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')) : [];
  test('has the 33 files EXPECTED.md describes', () => assert.equal(files.length, 33));
  for (const file of files) {
    test(`${file} is judged as kube-apiserver 1.36 judges it`, () => {
      assert.deepEqual(judged(file, 36), [...(EXPECTED[file] ?? [])].sort());
    });
  }
  test('the v1beta1 files load on 1.23, with a deprecation warning and no error', () => {
    for (const file of ['banzaicloud-pke-audit-v1beta1.yaml', 'eks-anywhere-audit-policy-v1beta1.yaml', 'openshift-4.x-kube-apiserver-default-v1beta1.yaml']) {
      assert.deepEqual(judged(file, 23), [], file);
    }
  });
});

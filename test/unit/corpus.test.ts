// The 33 real policies of the shared corpus, judged as its EXPECTED.md says kube-apiserver judges
// them: errors exactly where it refuses a file, an unknown-field warning exactly at each field it
// drops, and nothing else at error or unknown-field level. The 28 redistributable files are tested
// from test/fixtures/corpus in every clone; only the 5 others skip when ../shared is absent.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../server/src/service';
import { FIXTURE_DIR, fixtureCorpus, NOT_REDISTRIBUTABLE, SHARED_DIR, sharedOnlyCorpus } from '../helpers/corpus';
import type { CorpusFile } from '../helpers/corpus';

const v1beta1 = ['invalid-api-version apiVersion'];
const versionedGroups = (rule: number, entries: number[]): string[] =>
  entries.map((e) => `invalid-group rules[${rule}].resources[${e}].group`);

/** From EXPECTED.md: the errors and dropped fields of each file (files not listed: none). */
const EXPECTED: Record<string, string[]> = {
  'alt-podsec-usernetes-policy.yaml': ['unknown-field rules[5].resources[0].verbs'],
  'banzaicloud-pke-audit-v1beta1.yaml': v1beta1,
  'datadog-docs-audit-policy.yaml': ['unknown-field rules[3].resources[0].verbs'],
  'eks-anywhere-audit-policy-v1beta1.yaml': v1beta1,
  // No apiVersion/kind; 7 version-suffixed groups in each of rules[9] and rules[10].
  'gce-master-audit-policy-2017-no-apiversion.yaml': [
    'invalid-api-version apiVersion',
    ...versionedGroups(9, [1, 2, 7, 8, 9, 10, 12]),
    ...versionedGroups(10, [1, 2, 7, 8, 9, 10, 12]),
  ],
  'imjasonh-rbac-audit-kind-policy.yaml': [...v1beta1, 'unknown-field rules[0].stages'],
  'openshift-4.x-kube-apiserver-default-v1beta1.yaml': v1beta1,
  'openshift-library-go-allrequestbodies.yaml': ['unknown-field rules[2].resources[4].resource'],
  'openshift-library-go-multiplecr.yaml': [
    'unknown-field rules[2].resources[4].resource',
    'unknown-field rules[5].resources[4].resource',
  ],
  'openshift-library-go-writerequestbodies.yaml': ['unknown-field rules[2].resources[4].resource'],
  'selectel-mks-audit-policy.yaml': ['unknown-field rules[8].resources[0].username'],
};

function judged(file: CorpusFile, minor: number): string[] {
  const doc = createPolicyDocument(`file:///corpus/${file.name}`, 1, file.text);
  return validate(doc, { ...DEFAULT_SETTINGS, kubernetesMinor: minor }, { force: true })
    .filter((d) => d.severity === 1 || d.code === 'unknown-field')
    .map((d) => `${String(d.code)} ${(d.data as { path: string }).path}`)
    .sort();
}

function judgedAsExpected(files: readonly CorpusFile[]): void {
  for (const file of files) {
    test(`${file.name} is judged as kube-apiserver 1.36 judges it`, () => {
      assert.deepEqual(judged(file, 36), [...(EXPECTED[file.name] ?? [])].sort());
    });
  }
}

const fixtures = fixtureCorpus();
const sharedOnly = sharedOnlyCorpus();

describe('real corpus: the redistributable copies in test/fixtures/corpus', () => {
  test('holds the 28 files whose licence allows it, each with its SOURCES.md row', () => {
    const sources = readFileSync(join(FIXTURE_DIR, 'SOURCES.md'), 'utf8');
    assert.equal(fixtures.length, 28);
    for (const { name } of fixtures) {
      assert.ok(!(name in NOT_REDISTRIBUTABLE), `${name} may not be redistributed`);
      const row = sources.split('\n').find((line) => line.startsWith(`| ${name} |`));
      assert.ok(row, `${name} has no SOURCES.md row`);
      assert.match(row.split('|')[5], /Apache-2\.0|MIT|BSD/, `${name}: licence`);
    }
  });
  judgedAsExpected(fixtures);
  test('the v1beta1 files load on 1.23, with a deprecation warning and no error', () => {
    for (const name of [
      'banzaicloud-pke-audit-v1beta1.yaml',
      'eks-anywhere-audit-policy-v1beta1.yaml',
      'openshift-4.x-kube-apiserver-default-v1beta1.yaml',
    ]) {
      const file = fixtures.find((f) => f.name === name);
      assert.ok(file, name);
      assert.deepEqual(judged(file, 23), [], name);
    }
  });
});

describe(
  'real corpus: the 5 files only ../shared has',
  { skip: sharedOnly ? false : `${SHARED_DIR} is absent` },
  () => {
    test('../shared has the 33 files EXPECTED.md describes, and the copies are byte for byte', () => {
      const names = readdirSync(SHARED_DIR)
        .filter((f) => f.endsWith('.yaml'))
        .sort();
      assert.deepEqual(names, [...fixtures.map((f) => f.name), ...Object.keys(NOT_REDISTRIBUTABLE)].sort());
      for (const file of fixtures)
        assert.equal(readFileSync(join(SHARED_DIR, file.name), 'utf8'), file.text, file.name);
    });
    judgedAsExpected(sharedOnly ?? []);
  },
);

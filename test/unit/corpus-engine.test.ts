// The engine on the 33 real policies of the shared corpus: no unreachable-rule is reported (no rule
// there is covered by a single earlier one), the semantic mistakes EXPECTED.md names are found, each
// file's findings are the reviewed ones, and every file explains a request. The 28 redistributable
// files (test/fixtures/corpus) are tested in every clone; only the 5 others skip without ../shared.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { createPolicyDocument, DEFAULT_SETTINGS, explain, parseRequestLine, validate } from '../../server/src/service';
import { fixtureCorpus, SHARED_DIR, sharedOnlyCorpus } from '../helpers/corpus';
import type { CorpusFile } from '../helpers/corpus';

/** What the engine's lints find, file by file (files not listed: nothing), reviewed by hand: each is
 *  true of the file as kube-apiserver reads it. The settings are the defaults (Kubernetes 1.36), so
 *  every entry for the group `extensions` is group-not-served (the migration guide: extensions/v1beta1
 *  Ingress, its last resource in 1.20's swagger.json, is not served from 1.22), and so is every entry
 *  for `settings.k8s.io` (not in 1.20's swagger.json). */
const FOUND: Record<string, string[]> = {
  'aks-engine-audit-policy.yaml': [
    'sensitive-bodies rules[4].level',
    'sensitive-bodies rules[5].level',
    'sensitive-bodies rules[6].level',
    'group-not-served rules[6].resources[1].group',
  ],
  'banzaicloud-pke-audit-v1beta1.yaml': [
    'group-not-served rules[11].resources[10].group',
    'group-not-served rules[11].resources[16].group',
    'sensitive-bodies rules[12].level',
    'group-not-served rules[12].resources[10].group',
    'group-not-served rules[12].resources[16].group',
  ],
  'canonical-k8s-snap-disa-stig-audit-policy.yaml': [
    'request-received-logged rules',
    'sensitive-bodies rules[0].level',
  ],
  'charmed-kubernetes-control-plane-default.yaml': ['sensitive-bodies rules[4].level'],
  'cloudnative-pg-e2e-audit-policy.yaml': ['request-received-logged rules'],
  'eks-anywhere-audit-policy-v1-generated.yaml': [
    'request-received-logged rules',
    'sensitive-bodies rules[0].level',
    'group-not-served rules[14].resources[10].group',
    'group-not-served rules[14].resources[16].group',
    'group-not-served rules[15].resources[10].group',
    'group-not-served rules[15].resources[16].group',
  ],
  'eks-anywhere-audit-policy-v1beta1.yaml': [
    'request-received-logged rules',
    'sensitive-bodies rules[0].level',
    'group-not-served rules[14].resources[10].group',
    'group-not-served rules[14].resources[16].group',
    'group-not-served rules[15].resources[10].group',
    'group-not-served rules[15].resources[16].group',
  ],
  'fairwinds-insights-plugins-audit-policy.yaml': ['request-received-logged rules'],
  // EXPECTED.md: deployments under the core group "" never match (they are in apps).
  'falco-k8saudit-audit-policy.yaml': [
    'resource-not-in-group rules[0].resources[0].resources[1]',
    'sensitive-bodies rules[6].level',
    'sensitive-bodies rules[7].level',
    'group-not-served rules[9].resources[1].group',
  ],
  'gce-master-audit-policy-2017-no-apiversion.yaml': [
    'request-received-logged rules',
    'sensitive-bodies rules[10].level',
  ],
  'gce-master-audit-policy.yaml': [
    'group-not-served rules[14].resources[10].group',
    'group-not-served rules[15].resources[10].group',
  ],
  'giantswarm-cluster-audit-policy.yaml': [
    'group-not-served rules[14].resources[10].group',
    'group-not-served rules[14].resources[16].group',
    'sensitive-bodies rules[15].level',
    'group-not-served rules[15].resources[10].group',
    'group-not-served rules[15].resources[16].group',
  ],
  'imjasonh-rbac-audit-kind-policy.yaml': ['request-received-logged rules'],
  'k8s-website-audit-policy.yaml': ['sensitive-bodies rules[5].level', 'group-not-served rules[7].resources[1].group'],
  'kubekey-audit-policy.yaml': [
    'group-not-served rules[10].resources[10].group',
    'group-not-served rules[10].resources[15].group',
    'group-not-served rules[11].resources[10].group',
    'group-not-served rules[11].resources[15].group',
  ],
  'kubermatic-preset-minimal.yaml': ['sensitive-bodies rules[0].level'],
  'kubermatic-preset-recommended.yaml': ['sensitive-bodies rules[0].level'],
  'kubespray-apiserver-audit-policy.yaml': [
    'group-not-served rules[10].resources[10].group',
    'group-not-served rules[10].resources[15].group',
    'group-not-served rules[11].resources[10].group',
    'group-not-served rules[11].resources[15].group',
  ],
  'minikube-tutorial-audit-policy.yaml': ['request-received-logged rules'],
  'neondatabase-autoscaling-audit-policy.yaml': ['request-received-logged rules'],
  // authentication.k8s.io has no tokenrequests resource (a TokenRequest is serviceaccounts/token): certain
  // for 1.20 (test below), not judged for 1.36, whose resources of that group the data cannot list.
  'openshift-library-go-allrequestbodies.yaml': ['sensitive-bodies rules[3].level'],
  'openshift-library-go-multiplecr.yaml': ['sensitive-bodies rules[3].level', 'sensitive-bodies rules[6].level'],
  'openshift-library-go-writerequestbodies.yaml': ['sensitive-bodies rules[3].level'],
  // EXPECTED.md: in rules[10], deployments under the core group never match.
  'selectel-mks-audit-policy.yaml': [
    'group-not-served rules[9].resources[8].group',
    'group-not-served rules[9].resources[12].group',
    'resource-not-in-group rules[10].resources[0].resources[0]',
    'sensitive-bodies rules[13].level',
  ],
  'talos-manifest-test-multidoc.yaml': ['request-received-logged rules'],
  'tanzu-tkg-clusterclass-vsphere-audit-policy.yaml': [
    'group-not-served rules[12].resources[10].group',
    'group-not-served rules[12].resources[15].group',
    'sensitive-bodies rules[13].level',
    'group-not-served rules[13].resources[10].group',
    'group-not-served rules[13].resources[15].group',
  ],
};

const ENGINE_CODES = new Set([
  'unreachable-rule',
  'unknown-verb',
  'resource-not-in-group',
  'unknown-subresource',
  'literal-wildcard',
  'resource-names-never-match',
  'sensitive-bodies',
  'no-catch-all',
  'request-received-logged',
  'group-as-user',
  'group-not-served',
  'verb-not-served',
  'connect-verb',
]);

function lint(file: CorpusFile): Array<{ code: string; path: string }> {
  const doc = createPolicyDocument(`file:///corpus/${file.name}`, 1, file.text);
  return validate(doc, DEFAULT_SETTINGS, { force: true }).map((d) => ({
    code: String(d.code),
    path: (d.data as { path: string }).path,
  }));
}

function engineTests(files: readonly CorpusFile[]): void {
  test(`no unreachable-rule in any of the ${files.length} files`, () => {
    const reported = files.flatMap((f) =>
      lint(f)
        .filter((d) => d.code === 'unreachable-rule')
        .map((d) => `${f.name} ${d.path}`),
    );
    assert.deepEqual(reported, []);
  });

  for (const file of files) {
    test(`${file.name}: the engine finds ${FOUND[file.name]?.length ?? 0} things`, () => {
      assert.deepEqual(
        lint(file)
          .filter((d) => ENGINE_CODES.has(d.code))
          .map((d) => `${d.code} ${d.path}`),
        FOUND[file.name] ?? [],
      );
    });
  }

  test(`each of the ${files.length} files explains a request`, () => {
    for (const f of files) {
      const doc = createPolicyDocument(`file:///corpus/${f.name}`, 1, f.text);
      const result = explain(doc, parseRequestLine('alice DELETE /api/v1/namespaces/prod/pods/web'));
      assert.ok(
        ['None', 'Metadata', 'Request', 'RequestResponse'].includes(result.level),
        `${f.name}: ${result.level}`,
      );
    }
  });
}

const sharedOnly = sharedOnlyCorpus();

describe('the engine on the redistributable corpus (test/fixtures/corpus)', () => engineTests(fixtureCorpus()));

describe(
  'the engine on the 5 files only ../shared has',
  { skip: sharedOnly ? false : `${SHARED_DIR} is absent` },
  () => {
    engineTests(sharedOnly ?? []);

    test('selectel: after lenient decoding rules[8] takes every get of a core resource', () => {
      const selectel = sharedOnly?.find((f) => f.name === 'selectel-mks-audit-policy.yaml');
      assert.ok(selectel);
      const doc = createPolicyDocument('file:///s.yaml', 1, selectel.text);
      const result = explain(doc, parseRequestLine('alice GET /api/v1/namespaces/default/secrets/db'));
      assert.deepEqual([result.rule, result.level], [8, 'None']);
    });
  },
);

test('openshift: authentication.k8s.io serves no tokenrequests in 1.20 (its swagger.json)', () => {
  const openshift = fixtureCorpus().find((f) => f.name === 'openshift-library-go-allrequestbodies.yaml');
  assert.ok(openshift);
  const doc = createPolicyDocument('file:///o.yaml', 1, openshift.text);
  const found = validate(doc, { ...DEFAULT_SETTINGS, kubernetesMinor: 20 }, { force: true }).filter(
    (d) => d.code === 'resource-not-in-group',
  );
  assert.deepEqual(
    found.map((d) => (d.data as { path: string }).path),
    ['rules[2].resources[2].resources[1]'],
  );
});

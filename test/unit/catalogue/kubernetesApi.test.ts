// The API catalogue is generated from Kubernetes' own API descriptions (data/kubernetes-api) by
// scripts/kubernetes-api: the extractor reads each published form the way kube-apiserver's
// request-info resolver names verbs, the generated file is up to date, an exact release comes out
// unchanged, and the catalogue answers the questions features ask.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  findGroup,
  groupStatus,
  groupsFor,
  resourceStatus,
  subresourceStatus,
  verbStatus,
} from '../../../server/src/service/catalogue/apiResources';
import { KUBERNETES_API } from '../../../server/src/service/catalogue/kubernetesApi.generated';

const REPO = resolve(__dirname, '../../../..');

function extract(files: Record<string, unknown>): {
  groups: Record<
    string,
    Record<
      string,
      Record<string, { namespaced: boolean; verbs: string; kind?: string; subresources?: Record<string, string> }>
    >
  >;
} {
  const dir = mkdtempSync(join(tmpdir(), 'kapi-'));
  try {
    const paths = Object.entries(files).map(([name, content]) => {
      const p = join(dir, name);
      writeFileSync(p, JSON.stringify(content));
      return p;
    });
    const r = spawnSync(process.execPath, ['scripts/kubernetes-api/extract.mjs', '--kubernetes', '1.0.0', ...paths], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/kubernetes-api/extract.mjs', () => {
  test('swagger.json: actions become request verbs, connect takes its HTTP method, namespaces make a resource namespaced', () => {
    const gvk = { group: '', version: 'v1', kind: 'Pod' };
    const out = extract({
      'swagger.json': {
        swagger: '2.0',
        paths: {
          '/api/v1/pods': { get: { 'x-kubernetes-action': 'list' } },
          '/api/v1/namespaces/{namespace}/pods': {
            get: { 'x-kubernetes-action': 'list' },
            post: { 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': gvk },
            delete: { 'x-kubernetes-action': 'deletecollection' },
          },
          '/api/v1/namespaces/{namespace}/pods/{name}': {
            get: { 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk },
            put: { 'x-kubernetes-action': 'put' },
            patch: { 'x-kubernetes-action': 'patch' },
            delete: { 'x-kubernetes-action': 'delete' },
          },
          '/api/v1/watch/namespaces/{namespace}/pods': { get: { 'x-kubernetes-action': 'watchlist' } },
          '/api/v1/namespaces/{namespace}/pods/{name}/exec': {
            get: { 'x-kubernetes-action': 'connect' },
            post: { 'x-kubernetes-action': 'connect' },
          },
          '/api/v1/namespaces/{namespace}/pods/{name}/proxy/{path}': {
            head: { 'x-kubernetes-action': 'connect' },
            options: { 'x-kubernetes-action': 'connect' },
          },
          '/apis/authentication.k8s.io/v1/tokenreviews': { post: { 'x-kubernetes-action': 'post' } },
        },
      },
    });
    assert.deepEqual(out.groups[''].v1.pods, {
      kind: 'Pod',
      namespaced: true,
      verbs: 'get list watch create update patch delete deletecollection',
      subresources: { exec: 'get create', proxy: 'get' },
    });
    assert.deepEqual(out.groups['authentication.k8s.io'].v1.tokenreviews, { namespaced: false, verbs: 'create' });
  });

  test('aggregated discovery and an APIResourceList merge into one description', () => {
    const out = extract({
      'aggregated_v2.json': {
        kind: 'APIGroupDiscoveryList',
        items: [
          {
            metadata: { name: 'apps' },
            versions: [
              {
                version: 'v1',
                resources: [
                  {
                    resource: 'deployments',
                    scope: 'Namespaced',
                    responseKind: { kind: 'Deployment' },
                    verbs: ['get', 'create'],
                    subresources: [{ subresource: 'scale', verbs: ['get', 'patch', 'update'] }],
                  },
                ],
              },
            ],
          },
        ],
      },
      'api__v1.json': {
        kind: 'APIResourceList',
        groupVersion: 'v1',
        resources: [
          { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['get'] },
          { name: 'pods/exec', kind: 'PodExecOptions', namespaced: true, verbs: ['create', 'get'] },
        ],
      },
    });
    assert.deepEqual(out.groups.apps.v1.deployments, {
      kind: 'Deployment',
      namespaced: true,
      verbs: 'get create',
      subresources: { scale: 'get update patch' },
    });
    assert.deepEqual(out.groups[''].v1.pods, {
      kind: 'Pod',
      namespaced: true,
      verbs: 'get',
      subresources: { exec: 'get create' },
    });
  });
});

describe('the generated catalogue', () => {
  test('is what scripts/kubernetes-api/generate.mjs makes of data/kubernetes-api', () => {
    const r = spawnSync(process.execPath, ['scripts/kubernetes-api/generate.mjs', '--check'], {
      cwd: REPO,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  test('an exact release comes out exactly as its data says', () => {
    for (const minor of KUBERNETES_API.exactMinors) {
      const data = JSON.parse(readFileSync(join(REPO, 'data', 'kubernetes-api', `1.${minor}.json`), 'utf8'))
        .groups as Record<
        string,
        Record<string, Record<string, { verbs: string; subresources?: Record<string, string> }>>
      >;
      const expected = new Set<string>();
      for (const [group, versions] of Object.entries(data)) {
        for (const resources of Object.values(versions)) {
          for (const [res, spec] of Object.entries(resources)) {
            for (const verb of spec.verbs.split(' ').filter(Boolean)) expected.add(`${group}|${res}||${verb}`);
            for (const [sub, verbs] of Object.entries(spec.subresources ?? {}))
              for (const verb of verbs.split(' ').filter(Boolean)) expected.add(`${group}|${res}|${sub}|${verb}`);
          }
        }
      }
      const actual = new Set<string>();
      for (const g of groupsFor(minor)) {
        assert.equal(g.served, 'served', `1.${minor} ${g.name}`);
        for (const r of g.resources) {
          for (const verb of r.verbs) actual.add(`${g.name}|${r.name}||${verb}`);
          for (const sub of r.subresources)
            for (const verb of r.subresourceVerbs[sub]) actual.add(`${g.name}|${r.name}|${sub}|${verb}`);
        }
      }
      assert.deepEqual([...actual].sort(), [...expected].sort(), `1.${minor}`);
    }
  });

  test("the issue's examples", () => {
    // apps/v1 never served deployments/rollback (1.20's swagger.json and the later snapshot agree).
    assert.equal(subresourceStatus('apps', 'deployments', 'rollback', 36), 'not-served');
    assert.ok(
      !findGroup('apps', 36)
        ?.resources.find((r) => r.name === 'deployments')
        ?.subresources.includes('rollback'),
    );
    // tokenreviews serve only create; pods/exec get and create.
    assert.equal(verbStatus('authentication.k8s.io', 'tokenreviews', '', 'watch', 36), 'not-served');
    assert.equal(verbStatus('', 'pods', 'exec', 'list', 36), 'not-served');
    assert.equal(verbStatus('', 'pods', 'exec', 'create', 36), 'served');
    // The migration guide: extensions/v1beta1 Ingress is not served from 1.22.
    assert.deepEqual(
      [21, 22].map((m) => groupStatus('extensions', m)),
      ['served', 'not-served'],
    );
    // policy/v1beta1 PodSecurityPolicy is not served from 1.25.
    assert.deepEqual(
      [24, 25].map((m) => resourceStatus('policy', 'podsecuritypolicies', m)),
      ['served', 'not-served'],
    );
    // Not in 1.20's swagger.json; in 1.16's.
    assert.deepEqual(
      [16, 20, 36].map((m) => groupStatus('auditregistration.k8s.io', m)),
      ['served', 'not-served', 'not-served'],
    );
  });

  test('what the data cannot date is unknown, never not served', () => {
    // resource.k8s.io is in the later snapshot only: its first release is not in the data.
    assert.equal(groupStatus('resource.k8s.io', 30), 'unknown');
    // pods gained subresources between 1.20 and the snapshot: a name neither lists is not judged.
    assert.equal(subresourceStatus('', 'pods', 'resize', 36), 'unknown');
    // Before the oldest data (1.16) nothing is known.
    assert.equal(groupStatus('extensions', 14), 'unknown');
    // Names the catalogue never saw are not built in.
    assert.equal(groupStatus('cert-manager.io', 36), undefined);
  });
});

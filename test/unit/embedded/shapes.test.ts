// Host shapes met in real repositories, each written here as a small inline document: where the
// policy is found, where its findings land (the host text underlined, by hand), and that a quick
// fix leaves a host its own tool still reads. Verdicts were asked of kube-apiserver 1.20.2's loader
// (the oracle) on the extracted policy; its answer is noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostCodeActions, hostDiagnostics } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';
import { applyEdits, findingRows } from './support';

function host(name: string, text: string, forced = false): HostDocument {
  return createHostDocument(`file:///shapes/${name}`, 1, text, undefined, { forced });
}

/** The first quick fix offered for the first finding with `code`, applied to the host. */
function fixed(h: HostDocument, code: string): string {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === code);
  assert.ok(d, `no ${code} finding`);
  const [action] = hostCodeActions(h, d.range, { diagnostics: [d], only: ['quickfix'] }, DEFAULT_SETTINGS);
  assert.ok(action, `no quick fix for ${code}`);
  return applyEdits(h, action.edit!.changes![h.uri]);
}

test('a policy written as a flow mapping (Talos auditPolicy: {...}) is read as YAML, not as JSON', () => {
  // The oracle refuses `{apiVersion: audit.k8s.io/v1, ...}` given alone (JSON: "invalid character
  // 'a' looking for beginning of object key string"), but Talos writes the mapping out as YAML;
  // that YAML with `level: Metadat` is refused for the level only.
  const text =
    'cluster:\n  apiServer:\n    auditPolicy: {apiVersion: audit.k8s.io/v1, kind: Policy, rules: [{level: Metadat}]}\n';
  const h = host('talos.yaml', text);
  assert.deepEqual(findingRows(h), [
    { code: 'invalid-level', text: 'Metadat', line: 3, at: 'cluster.apiServer.auditPolicy' },
  ]);
  assert.equal(fixed(h, 'invalid-level'), text.replace('Metadat}', 'Metadata}'));
});

test('a file named as a policy that declares another object holds none (kind Cluster, a Kustomization)', () => {
  const kind = [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'nodes:',
    '- role: control-plane',
    '  kubeadmConfigPatches:',
    '  - |',
    '    kind: ClusterConfiguration',
    '    apiServer:',
    '      extraArgs:',
    '        audit-policy-file: /etc/kubernetes/audit/policy.yaml',
    '',
  ].join('\n');
  assert.equal(host('kind.yaml', kind, true).kind, 'none');
  const kyverno = 'apiVersion: kyverno.io/v1\nkind: Policy\nmetadata:\n  name: audit-labels\nspec: {}\n';
  assert.equal(host('kyverno.yaml', kyverno, true).kind, 'none');
  // A policy being written is still checked as one: no apiVersion yet, a kind half typed, the
  // core group by mistake (the oracle refuses each: missing or unknown version or kind).
  for (const text of ['rules:\n- level: Metadata\n', 'kind: Polic\n', 'apiVersion: v1\nkind: Policy\n']) {
    const h = host('policy.yaml', text, true);
    assert.equal(h.kind, 'policy', text);
    assert.ok(
      hostDiagnostics(h, DEFAULT_SETTINGS, { force: true }).some((d) => d.severity === 1),
      text,
    );
  }
});

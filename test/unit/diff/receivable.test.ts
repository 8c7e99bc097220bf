// The semantic diff covers every request kube-apiserver can receive, not only the usual ones. Its
// differential comparison with kube-apiserver 1.20.2 (test/differential/diff.test.ts) found
// requests no class held although the checker records them differently. RequestInfoFactory
// (requestinfo.go NewRequestInfo) gives them: a method its verb switch does not name (OPTIONS,
// CONNECT, TRACE, a lower-case `get`) gives a resource request the verb ""; a non-resource request
// carries any method, lower-cased (PROPFIND is `propfind`); an empty name segment
// (`/pods//log`) gives list, deletecollection and create a subresource without a name; the
// `/watch/` prefix a watch of a named object's subresource. The expected outcomes are the oracle's
// (its answer is written beside each case).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  cellContains,
  compilePolicy,
  createPolicyDocument,
  diffPolicies,
  formatDiffText,
  parseRequestLine,
} from '../../../server/src/service';
import type { PolicyDiff } from '../../../server/src/service';

const policy = (rules: string): ReturnType<typeof compilePolicy> =>
  compilePolicy(
    createPolicyDocument('file:///p.yaml', 1, `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules}`).parsed,
  );

/** The one class holding the request, with its old and new (rule, level). */
function holder(diff: PolicyDiff, line: string): [number | null, string, number | null, string] {
  const request = parseRequestLine(line);
  const holders = diff.changes.filter((c) => cellContains(c.cell, request));
  assert.equal(holders.length, 1, `${line} lies in ${holders.length} classes:\n${formatDiffText(diff, 'old', 'new')}`);
  const [c] = holders;
  return [c.old.rule, c.old.level, c.new.rule, c.new.level];
}

function inNoClass(diff: PolicyDiff, line: string): void {
  const request = parseRequestLine(line);
  assert.equal(diff.changes.filter((c) => cellContains(c.cell, request)).length, 0, line);
}

test('listing every usual verb leaves out the verb "" and methods such as PROPFIND: those requests change', () => {
  const old = policy('- level: Metadata\n');
  const neu = policy(
    '- level: Metadata\n  verbs: [get, list, watch, create, update, patch, delete, deletecollection, proxy, head, options, post, put]\n',
  );
  const diff = diffPolicies(old, neu, { kubernetesMinor: 20 });
  // oracle: OPTIONS /api/v1/namespaces/default/pods resolves to verb ""; old rule 0 Metadata, new -1 None
  assert.deepEqual(holder(diff, 'alice OPTIONS /api/v1/namespaces/default/pods'), [0, 'Metadata', null, 'None']);
  assert.deepEqual(holder(diff, 'alice CONNECT /api/v1/namespaces/default/pods/web/exec'), [
    0,
    'Metadata',
    null,
    'None',
  ]);
  // oracle: PROPFIND /healthz resolves to the non-resource verb "propfind"; old 0 Metadata, new -1 None
  const propfind = diff.changes.filter((c) =>
    cellContains(c.cell, {
      user: 'alice',
      groups: [],
      verb: 'propfind',
      resourceRequest: false,
      namespace: '',
      apiGroup: '',
      apiVersion: '',
      resource: '',
      subresource: '',
      name: '',
      path: '/healthz',
    }),
  );
  assert.deepEqual(
    propfind.map((c) => [c.old.rule, c.old.level, c.new.rule, c.new.level]),
    [[0, 'Metadata', null, 'None']],
  );
  // oracle: PATCH /api/v1/namespaces/default/pods/web is rule 0 Metadata in both
  inNoClass(diff, 'alice PATCH /api/v1/namespaces/default/pods/web');
  // The class of the verb "" prints an OPTIONS request as its example, and says so in words.
  const empty = diff.changes.find((c) => c.request.resourceRequest && c.request.verb === '');
  assert.ok(empty, formatDiffText(diff, 'old', 'new'));
  assert.match(empty.example, / OPTIONS \/api/);
  assert.match(empty.description, /the verb "" \(OPTIONS and other methods\)/);
});

test('a subresource without a name, and a watch of a named subresource, are requests the diff covers', () => {
  const old = policy('- level: Metadata\n');
  const neu = policy('- level: None\n  resources:\n  - group: ""\n    resources: [pods/log]\n- level: Metadata\n');
  const diff = diffPolicies(old, neu, { kubernetesMinor: 20 });
  // oracle: list, name "", subresource log; old 0 Metadata, new 0 None
  assert.deepEqual(holder(diff, 'alice GET /api/v1/namespaces/default/pods//log'), [0, 'Metadata', 0, 'None']);
  // oracle: watch, name web, subresource log; old 0 Metadata, new 0 None
  assert.deepEqual(holder(diff, 'alice GET /api/v1/watch/namespaces/default/pods/web/log'), [0, 'Metadata', 0, 'None']);
  // oracle: deletecollection, name "", subresource log; old 0 Metadata, new 0 None
  assert.deepEqual(holder(diff, 'alice DELETE /api/v1/namespaces/default/pods//log'), [0, 'Metadata', 0, 'None']);
  // oracle: create, name "", subresource log; old 0 Metadata, new 0 None
  assert.deepEqual(holder(diff, 'alice POST /api/v1/namespaces/default/pods//log'), [0, 'Metadata', 0, 'None']);
  // oracle: patch of pods/web (no subresource): old 0 Metadata, new 1 Metadata (the same catch-all)
  inNoClass(diff, 'alice PATCH /api/v1/namespaces/default/pods/web');
  // Every verb but proxy, which never carries a subresource (specialVerbsNoSubresources), in words.
  assert.equal(diff.changes.length, 1, formatDiffText(diff, 'old', 'new'));
  assert.match(diff.changes[0].description, /^any verb but proxy of pods \(subresource log\)/);
});

test('told Kubernetes 1.20, omitManagedFields changes nothing (1.20 drops the field); from 1.23 it is a change', () => {
  const old = policy('- level: Request\n');
  const neu = policy('- level: Request\n  omitManagedFields: true\n');
  // oracle (1.20.2): both versions give every request rule 0, Request, no stages omitted
  assert.equal(diffPolicies(old, neu, { kubernetesMinor: 20 }).changes.length, 0);
  assert.equal(diffPolicies(old, neu, { kubernetesMinor: 22 }).changes.length, 0);
  // From 1.23 the rule's omitManagedFields is read (audit/v1 types.go, OmitManagedFields).
  const later = diffPolicies(old, neu, { kubernetesMinor: 23 });
  assert.ok(later.changes.length > 0);
  assert.ok(later.changes.every((c) => c.changed.includes('omitManagedFields')));
});

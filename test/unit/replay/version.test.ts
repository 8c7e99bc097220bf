// Replay decides events as the kube-apiserver of --kubernetes-version does, and sizes them under a
// policy that omits managed fields. Expected values come from the Kubernetes source, cited per case:
// - k8s.io/apiserver pkg/audit/policy/checker.go: `group: "*"` matches every group from 1.36
//   (k/k ea3bfd9e); up to 1.35 ruleMatchesResource compares `gr.Group == apiGroup` (v1.20.2, line 177).
// - omitManagedFields exists from 1.23 (k/k 9ed4bc91, 7ea7c202); the oracle's 1.20 drops it as an
//   unknown field. EvaluatePolicyRule takes the rule's value when set, else the policy's.
// - pkg/audit/request.go copyWithoutManagedFields: metadata.managedFields leaves the object, each item
//   of a list, each row's object of a Table; ObjectMeta's managedFields is `omitempty`, so the member
//   goes. A patch's requestObject is the patch as sent (audit.LogRequestPatch), left as it is.
// The expected sizes are the events re-serialized without those members (JSON.stringify, as the
// events here are written), not replay's own arithmetic.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replayTexts } from '../../helpers/replay';

const MANAGED = [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: {} }];

function event(verb: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: 'a',
    stage: 'ResponseComplete',
    requestURI: '/apis/apps/v1/namespaces/x/deployments/d',
    verb,
    user: { username: 'alice', groups: ['dev'] },
    objectRef: { resource: 'deployments', namespace: 'x', name: 'd', apiGroup: 'apps', apiVersion: 'v1' },
    requestObject: { kind: 'Deployment', metadata: { name: 'd', managedFields: MANAGED, labels: { a: 'b' } } },
    responseObject: { kind: 'Deployment', metadata: { name: 'd', uid: 'u', managedFields: MANAGED } },
    requestReceivedTimestamp: '2024-01-01T00:00:00.000000Z',
    stageTimestamp: '2024-01-01T00:00:01.000000Z',
    ...fields,
  };
}

/** The event as kube-apiserver would write it without the managed fields of the bodies named. */
function without(e: Record<string, unknown>, bodies: string[]): number {
  const copy = JSON.parse(JSON.stringify(e)) as Record<string, { metadata?: Record<string, unknown> }>;
  for (const body of bodies) delete copy[body].metadata!.managedFields;
  return JSON.stringify(copy).length + 1;
}

const line = (e: Record<string, unknown>): string => `${JSON.stringify(e)}\n`;
const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n';

test('group "*" matches every group from 1.36 only; before, it is compared as written', () => {
  const policy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  resources:
  - group: "*"
    resources: ["deployments"]
- level: Metadata
`;
  const log = [{ name: 'a.log', bytes: line(event('get')) }];
  assert.equal(replayTexts(policy, log).records[0].rule, 0, 'default 1.36: ea3bfd9e');
  assert.equal(replayTexts(policy, log, undefined, 36).records[0].rule, 0);
  assert.equal(replayTexts(policy, log, undefined, 35).records[0].rule, 1, '1.35: gr.Group == "apps" fails');
  assert.equal(replayTexts(policy, log, undefined, 20).records[0].rule, 1, '1.20.2 checker.go:177');
});

test('--against with omitManagedFields on the policy: managed fields leave both bodies kept', () => {
  const e = event('update');
  const against = `${POLICY}omitManagedFields: true\n`;
  const { records } = replayTexts(POLICY, [{ name: 'a.log', bytes: line(e) }], against);
  assert.equal(records[0].bytes, JSON.stringify(e).length + 1);
  assert.equal(records[0].againstBytes, without(e, ['requestObject', 'responseObject']));
  assert.equal(records[0].againstBytesEstimate, undefined);
});

test("a rule's omitManagedFields overrides the policy's, either way", () => {
  const e = event('update');
  const ruleOff = `apiVersion: audit.k8s.io/v1
kind: Policy
omitManagedFields: true
rules:
- level: RequestResponse
  omitManagedFields: false
`;
  const ruleOn =
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: RequestResponse\n  omitManagedFields: true\n';
  const log = [{ name: 'a.log', bytes: line(e) }];
  assert.equal(replayTexts(POLICY, log, ruleOff).records[0].againstBytes, JSON.stringify(e).length + 1);
  assert.equal(
    replayTexts(POLICY, log, ruleOn).records[0].againstBytes,
    without(e, ['requestObject', 'responseObject']),
  );
});

test('at Request the response goes whole and the request loses its managed fields; a patch keeps its own', () => {
  const e = event('update');
  const request = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nomitManagedFields: true\nrules:\n- level: Request\n';
  const { records } = replayTexts(POLICY, [{ name: 'a.log', bytes: line(e) }], request);
  const atRequest: Record<string, unknown> = { ...e, level: 'Request' };
  delete atRequest.responseObject;
  assert.equal(records[0].againstBytes, without(atRequest, ['requestObject']));

  const patch = event('patch');
  const omit = `${POLICY}omitManagedFields: true\n`;
  const patched = replayTexts(POLICY, [{ name: 'a.log', bytes: line(patch) }], omit).records[0];
  assert.equal(patched.againstBytes, without(patch, ['responseObject']), 'the patch as sent is not an object');
});

test('a list response loses the managed fields of each item, a Table those of each row object', () => {
  const item = (name: string): unknown => ({ metadata: { name, managedFields: MANAGED } });
  const list = event('list', {
    requestObject: undefined,
    responseObject: { kind: 'DeploymentList', metadata: { resourceVersion: '1' }, items: [item('a'), item('b')] },
  });
  const table = event('list', {
    requestObject: undefined,
    responseObject: { kind: 'Table', rows: [{ cells: ['a'], object: item('a') }] },
  });
  const omit = `${POLICY}omitManagedFields: true\n`;
  const strip = (e: Record<string, unknown>, edit: (body: Record<string, never>) => void): number => {
    const copy = JSON.parse(JSON.stringify(e)) as { responseObject: Record<string, never> };
    edit(copy.responseObject);
    return JSON.stringify(copy).length + 1;
  };
  const { records } = replayTexts(POLICY, [{ name: 'a.log', bytes: line(list) + line(table) }], omit);
  type Meta = { metadata: { managedFields?: unknown } };
  assert.equal(
    records[0].againstBytes,
    strip(list, (body) => (body.items as Meta[]).forEach((i) => delete i.metadata.managedFields)),
  );
  assert.equal(
    records[1].againstBytes,
    strip(table, (body) =>
      (body.rows as Array<{ object: Meta }>).forEach((r) => delete r.object.metadata.managedFields),
    ),
  );
});

test('before 1.23 omitManagedFields is an unknown field: nothing leaves the bodies', () => {
  const e = event('update');
  const log = [{ name: 'a.log', bytes: line(e) }];
  const against = `${POLICY}omitManagedFields: true\n`;
  assert.equal(replayTexts(POLICY, log, against, 22).records[0].againstBytes, JSON.stringify(e).length + 1);
  assert.equal(
    replayTexts(POLICY, log, against, 23).records[0].againstBytes,
    without(e, ['requestObject', 'responseObject']),
  );
});

test("the policy's own written bytes leave managed fields out too", () => {
  const e = event('update');
  const policy = `${POLICY}omitManagedFields: true\n`;
  const { report } = replayTexts(policy, [{ name: 'a.log', bytes: line(e) }]);
  assert.equal(report.rules[0].writtenBytes, without(e, ['requestObject', 'responseObject']));
});

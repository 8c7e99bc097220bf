// The request kube-apiserver's checker saw, read back from events of every era and verb. Each
// expected rule is the oracle's (kube-apiserver v1.20.2's RequestInfoFactory, GetAuthorizerAttributes
// and checker, given the event's method and URL; answers noted per case), so the test checks that
// what replay reads from the event is what the resolver made of the request.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { decodeLine } from '../../../server/src/service';
import { eventOfLegacyLine } from '../../../server/src/service/replay/legacyLine';
import { replayTexts } from '../../helpers/replay';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  namespaces: ["team-a"]
- level: Request
  resources:
  - group: apps
    resources: ["deployments"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["pods/exec"]
- level: Request
  verbs: ["deletecollection", "watch"]
- level: None
  nonResourceURLs: ["/healthz/*"]
- level: Metadata
`;

const USER = { username: 'alice', groups: ['system:authenticated'] };

function event(fields: Record<string, unknown>): string {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'id',
    stage: 'ResponseComplete',
    user: USER,
    sourceIPs: ['10.0.0.1'],
    ...fields,
    requestReceivedTimestamp: '2024-05-01T10:00:00.000000Z',
    stageTimestamp: '2024-05-01T10:00:00.010000Z',
  });
}

const rulesOf = (log: string): Array<number | null> =>
  replayTexts(POLICY, [{ name: 'audit.log', bytes: log }], undefined, 20).records.map((r) => r.rule);

test('audit.k8s.io/v1alpha1 (1.7 to 1.11): objectRef.apiVersion is group/version, split as its conversion does', () => {
  // Convert_v1alpha1_ObjectReference_To_audit_ObjectReference (k8s.io/apiserver
  // pkg/apis/audit/v1alpha1/conversion.go) splits apiVersion at its last "/".
  // Oracle, POST /apis/apps/v1beta1/namespaces/default/deployments: group apps, version v1beta1, rule 1.
  const v1alpha1 = JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1alpha1',
    metadata: { creationTimestamp: '2017-09-11T19:55:05Z' },
    level: 'Request',
    timestamp: '2017-09-11T19:55:05Z',
    auditID: '6d1c4a9e-1b4f-4e60-9c1e-0c5b6a0f1d2e',
    stage: 'ResponseComplete',
    requestURI: '/apis/apps/v1beta1/namespaces/default/deployments',
    verb: 'create',
    user: USER,
    sourceIPs: ['10.0.0.1'],
    objectRef: { resource: 'deployments', namespace: 'default', name: 'web', apiVersion: 'apps/v1beta1' },
    responseStatus: { metadata: {}, code: 201 },
  });
  // A core object in v1alpha1 is "v1" (no group); 1.8's internal form wrote "/v1". Both are the core group.
  // Oracle, GET /api/v1/namespaces/default/pods/p: rule 5 (Metadata); with group "apps" no rule 1.
  const core = v1alpha1
    .replace('"verb":"create"', '"verb":"get"')
    .replace('"resource":"deployments"', '"resource":"pods"')
    .replace('"apiVersion":"apps/v1beta1"', '"apiVersion":"/v1"');
  assert.deepEqual(rulesOf(`${v1alpha1}\n${core}\n`), [1, 5]);
});

test("a create's namespace is its URI's: objectRef's may come from the new object (a ClusterRole sent with one)", () => {
  // audit.LogRequestObject (pkg/audit/request.go) fills an empty objectRef.namespace and name from
  // the object's metadata after the policy was evaluated on the URI's RequestInfo.
  // Oracle: POST /apis/rbac.authorization.k8s.io/v1/clusterroles?fieldManager=helm: namespace "", rule 5;
  // POST /apis/rbac.authorization.k8s.io/v1/namespaces/team-a/clusterroles: namespace team-a, rule 0;
  // POST /api/v1/namespaces/team-a/configmaps: rule 0.
  const objectRef = {
    resource: 'clusterroles',
    namespace: 'team-a',
    name: 'reader',
    apiGroup: 'rbac.authorization.k8s.io',
    apiVersion: 'v1',
  };
  const clusterUri = event({
    requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterroles?fieldManager=helm',
    verb: 'create',
    objectRef,
  });
  // The same objectRef under another URI: the kind table must not take it for the first.
  const namespacedUri = event({
    requestURI: '/apis/rbac.authorization.k8s.io/v1/namespaces/team-a/clusterroles',
    verb: 'create',
    objectRef,
  });
  const configmap = event({
    requestURI: '/api/v1/namespaces/team-a/configmaps',
    verb: 'create',
    objectRef: { resource: 'configmaps', namespace: 'team-a', name: 'c', apiVersion: 'v1' },
  });
  assert.deepEqual(rulesOf(`${clusterUri}\n${namespacedUri}\n${clusterUri}\n${configmap}\n`), [5, 0, 5, 0]);
});

test('verbs and URIs as the resolver reads them: deletecollection, watch, exec, an escaped non-resource path', () => {
  // Oracle: DELETE /api/v1/namespaces/x/pods is deletecollection, rule 3; GET ...pods?watch=true is
  // watch, rule 3; POST .../pods/p/exec?command=sh is pods/exec named p, rule 2; GET
  // /healthz%2Fetcd?verbose=1 has the path /healthz/etcd, rule 4 (None); a Panic event of a get is
  // decided like its other stages, rule 5.
  const pods = { resource: 'pods', namespace: 'x', apiVersion: 'v1' };
  const log = [
    event({ requestURI: '/api/v1/namespaces/x/pods', verb: 'deletecollection', objectRef: pods }),
    event({
      requestURI: '/api/v1/namespaces/x/pods?watch=true&resourceVersion=1',
      verb: 'watch',
      stage: 'ResponseStarted',
      objectRef: pods,
    }),
    event({
      requestURI: '/api/v1/namespaces/x/pods/p/exec?command=sh&stdin=true',
      verb: 'create',
      objectRef: { ...pods, name: 'p', subresource: 'exec' },
    }),
    event({ requestURI: '/healthz%2Fetcd?verbose=1', verb: 'get' }),
    event({
      requestURI: '/api/v1/namespaces/team-b/configmaps/c',
      verb: 'get',
      stage: 'Panic',
      objectRef: { resource: 'configmaps', namespace: 'team-b', name: 'c', apiVersion: 'v1' },
    }),
  ];
  assert.deepEqual(rulesOf(`${log.join('\n')}\n`), [3, 3, 2, 4, 5]);
});

test('--audit-log-format=legacy text lines: the verb, user and groups from the line, the rest from the URI', () => {
  // format.go EventString: `<time> AUDIT: id=%q stage=%q ip=%q method=%q user=%q groups=%q as=%q
  // asgroups=%q user-agent=%q namespace=%q uri=%q response="%s"`, groups being %q-quoted and joined
  // with ",". Oracle answers as for the JSON events above: configmaps get -> rule 5, pods/exec -> 2,
  // /healthz%2Fetcd -> 4, the cluster-scoped create (namespace filled from the object) -> 5,
  // deletecollection -> 3.
  const legacy = (verb: string, uri: string, namespace = '<none>', user = 'alice'): string =>
    `2017-09-11T19:55:05.123456789Z AUDIT: id="6d1c4a9e-1b4f-4e60-9c1e-0c5b6a0f1d2e" stage="ResponseComplete" ` +
    `ip="10.0.0.1" method="${verb}" user="${user}" ` +
    `groups=${user === '<none>' ? '"<none>"' : '"\\"system:authenticated\\",\\"dev\\""'} ` +
    `as="<self>" asgroups="<lookup>" user-agent="kubectl/v1.9.0 (linux/amd64) \\"x\\"" namespace="${namespace}" ` +
    `uri="${uri}" response="200"`;
  const log = [
    legacy('get', '/api/v1/namespaces/team-b/configmaps/c', 'team-b'),
    legacy('create', '/api/v1/namespaces/x/pods/p/exec?command=sh&stdin=true', 'x'),
    legacy('get', '/healthz%2Fetcd?verbose=1', '<none>', '<none>'),
    legacy('create', '/apis/rbac.authorization.k8s.io/v1/clusterroles', 'team-a'),
    legacy('deletecollection', '/api/v1/namespaces/x/pods', 'x'),
    '2017-09-11T19:55:05.123456789Z AUDIT: id="6d1c4a9e" response="200"',
  ];
  const { records, report } = replayTexts(POLICY, [{ name: 'audit.log', bytes: `${log.join('\n')}\n` }], undefined, 20);
  assert.deepEqual(
    records.map((r) => [r.rule, r.verb, r.level, r.bytes]),
    [
      [5, 'get', 'Metadata', Buffer.byteLength(log[0]) + 1],
      [2, 'create', 'RequestResponse', Buffer.byteLength(log[1]) + 1],
      [4, 'get', 'None', Buffer.byteLength(log[2]) + 1],
      [5, 'create', 'Metadata', Buffer.byteLength(log[3]) + 1],
      [3, 'deletecollection', 'Request', Buffer.byteLength(log[4]) + 1],
    ],
  );
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [6],
  );
  assert.match(report.badLines[0].reason, /the response line of a request \(id "6d1c4a9e"\) whose request line/);
});

test("Kubernetes 1.6/1.7's text lines: a request line (HTTP method), then a response line of its id", () => {
  // legacy_audit.go (WithLegacyAudit): `<time> AUDIT: id=%q ip=%q method=%q user=%q groups=%q as=%q
  // asgroups=%q namespace=%q uri=%q` with req.Method, then `<time> AUDIT: id=%q response="%d"`. The
  // line before the first is from the Kubernetes 1.7 auditing page. Oracle (kube-apiserver v1.20.2,
  // each request given as its HTTP method and URL): GET configmaps/c -> rule 5 (Metadata); POST
  // pods/p/exec -> 2 (RequestResponse); GET /healthz%2Fetcd with no user -> 4 (None); DELETE
  // pods (a collection) -> 3 (Request, deletecollection); GET pods?watch=true -> 3 (Request, watch).
  const t = '2017-03-21T03:57:09.106841886-04:00';
  const request = (id: string, method: string, uri: string, namespace: string, user = 'alice'): string =>
    `${t} AUDIT: id="${id}" ip="127.0.0.1" method="${method}" user="${user}" ` +
    `groups=${user === '<none>' ? '"<none>"' : '"\\"system:authenticated\\",\\"dev\\""'} ` +
    `as="<self>" asgroups="<lookup>" namespace="${namespace}" uri="${uri}"`;
  const response = (id: string, code: number): string => `${t} AUDIT: id="${id}" response="${code}"`;
  const log = [
    request('a', 'GET', '/api/v1/namespaces/team-b/configmaps/c', 'team-b'),
    request('b', 'POST', '/api/v1/namespaces/x/pods/p/exec?command=sh&stdin=true', 'x'),
    response('a', 200),
    request('c', 'GET', '/healthz%2Fetcd?verbose=1', '<none>', '<none>'),
    response('b', 101),
    request('d', 'DELETE', '/api/v1/namespaces/x/pods', 'x'),
    request('e', 'GET', '/api/v1/namespaces/x/pods?watch=true', 'x'),
    response('d', 200),
    response('c', 200),
    response('z', 200),
  ];
  const { records, report } = replayTexts(POLICY, [{ name: 'audit.log', bytes: `${log.join('\n')}\n` }], undefined, 20);
  const size = (i: number): number => Buffer.byteLength(log[i]) + 1;
  assert.deepEqual(
    records.map((r) => [r.line, r.auditID, r.stage, r.verb, r.rule, r.bytes]),
    [
      [1, 'a', 'RequestReceived', 'get', 5, size(0)],
      [2, 'b', 'RequestReceived', 'create', 2, size(1)],
      [3, 'a', 'ResponseComplete', 'get', 5, size(2)],
      [4, 'c', 'RequestReceived', 'get', 4, size(3)],
      [5, 'b', 'ResponseComplete', 'create', 2, size(4)],
      [6, 'd', 'RequestReceived', 'deletecollection', 3, size(5)],
      [7, 'e', 'RequestReceived', 'watch', 3, size(6)],
      [8, 'd', 'ResponseComplete', 'deletecollection', 3, size(7)],
      [9, 'c', 'ResponseComplete', 'get', 4, size(8)],
    ],
  );
  // The response line of a request whose request line was rotated away.
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 40)]),
    [[10, 'not an audit event: the response line of']],
  );
});

test("text lines: the impersonated user and groups (as, asgroups) are the event's impersonatedUser", () => {
  const line =
    '2017-09-11T19:55:05.1Z AUDIT: id="1" stage="ResponseComplete" ip="10.0.0.1" method="get" user="admin" ' +
    'groups="\\"system:masters\\"" as="bob" asgroups="\\"dev\\",\\"x\\\\u00e9\\"" user-agent="k" namespace="a" ' +
    'uri="/api/v1/namespaces/a/pods/p" response="200"';
  const events: unknown[] = [];
  decodeLine(Buffer.from(eventOfLegacyLine(line, line.indexOf(' AUDIT: '))), 1, {
    event: (e) => events.push(e),
    bad: (reason) => assert.fail(reason),
  });
  const made = JSON.parse(eventOfLegacyLine(line, line.indexOf(' AUDIT: '))) as Record<string, unknown>;
  assert.deepEqual(made.user, { username: 'admin', groups: ['system:masters'] });
  assert.deepEqual(made.impersonatedUser, { username: 'bob', groups: ['dev', 'x\u00e9'] });
  assert.equal(events.length, 1);
});

// Two requests a policy decides apart, as kube-apiserver's log backend writes their events, and a
// policy for them: the replay tests wrap these same two events in every shape a log comes in.
// Oracle (kube-apiserver v1.20.2) under POLICY: GET /api/v1/namespaces/team-b/configmaps/c by alice
// -> rule 1 (Metadata); POST /api/v1/namespaces/x/pods/p/exec?command=sh&stdin=true by bob -> rule 0
// (RequestResponse).

export const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: RequestResponse
  resources:
  - group: ""
    resources: ["pods/exec"]
- level: Metadata
`;

export const GET = JSON.stringify({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: '0b5c8f1e-6d2a-4a8e-9f1a-3c2d1e0f9a8b',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/team-b/configmaps/c',
  verb: 'get',
  user: { username: 'alice', groups: ['system:authenticated'] },
  sourceIPs: ['10.0.0.1'],
  userAgent: 'kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b',
  objectRef: { resource: 'configmaps', namespace: 'team-b', name: 'c', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 200 },
  requestReceivedTimestamp: '2024-05-01T10:00:00.000000Z',
  stageTimestamp: '2024-05-01T10:00:00.004000Z',
  annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': '' },
});
export const EXEC = JSON.stringify({
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: '7f3e2d1c-0b9a-4876-8c5d-4e3f2a1b0c9d',
  stage: 'ResponseStarted',
  requestURI: '/api/v1/namespaces/x/pods/p/exec?command=sh\u0026stdin=true',
  verb: 'create',
  user: { username: 'bob', groups: ['system:authenticated'] },
  sourceIPs: ['10.0.0.2'],
  objectRef: { resource: 'pods', namespace: 'x', name: 'p', apiVersion: 'v1', subresource: 'exec' },
  responseStatus: { metadata: {}, code: 101 },
  requestReceivedTimestamp: '2024-05-01T10:00:01.000000Z',
  stageTimestamp: '2024-05-01T10:00:01.020000Z',
});
export const EVENTS = [GET, EXEC];
/** Each event's size as kube-apiserver's line: its JSON and a newline. */
export const SIZES = EVENTS.map((e) => Buffer.byteLength(e) + 1);

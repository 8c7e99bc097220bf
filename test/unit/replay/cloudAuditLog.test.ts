// GKE's Kubernetes audit logs as Cloud Logging exports them (LogEntry with an AuditLog protoPayload).
// The entries follow the format GKE documents (methodName io.k8s.<group>.<version>.<resource>[.<sub>].<verb>,
// resourceName <group>/<version>/..., authenticationInfo.principalEmail, operation.first/last).
// Expected rules are the oracle's (kube-apiserver v1.20.2) for the request each entry records, with
// the user and no groups (the entries record none); its answer is noted per entry.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { csvCell, replayTexts, replayWritten } from '../../helpers/replay';

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  namespaces: ["foo"]
- level: RequestResponse
  resources:
  - group: ""
    resources: ["pods/exec"]
- level: Request
  verbs: ["get"]
  resources:
  - group: rbac.authorization.k8s.io
    resources: ["clusterroles"]
    resourceNames: ["admin"]
- level: Request
  verbs: ["create"]
  namespaces: ["restricted-ns"]
  resources:
  - group: ""
    resources: ["pods"]
- level: Metadata
  omitStages: ["ResponseStarted"]
`;

function entry(method: string, resourceName: string, extra: Record<string, unknown> = {}, operation?: object): string {
  return JSON.stringify({
    insertId: `id-${method}`,
    logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
    operation: operation ?? { id: `op-${method}`, producer: 'k8s.io', first: true, last: true },
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      authenticationInfo: { principalEmail: 'student@example.com' },
      authorizationInfo: [{ granted: true, permission: method, resource: resourceName }],
      methodName: method,
      requestMetadata: { callerIp: '10.0.0.1', callerSuppliedUserAgent: 'kubectl/v1.30.0 (linux/amd64)' },
      resourceName,
      serviceName: 'k8s.io',
      ...extra,
    },
    receiveTimestamp: '2024-05-01T10:00:01.000000000Z',
    resource: { type: 'k8s_cluster', labels: { cluster_name: 'c', location: 'us-central1', project_id: 'p' } },
    severity: 'NOTICE',
    timestamp: '2024-05-01T10:00:00.000000Z',
  });
}

const POD = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'restricted-ns' } };

test('GKE Cloud Audit Log entries are read as the requests they record', () => {
  const log = [
    // Oracle: POST /api/v1/namespaces/restricted-ns/pods -> rule 3 (the resourceName names the new pod).
    entry('io.k8s.core.v1.pods.create', 'core/v1/namespaces/restricted-ns/pods/nginx', { request: POD, response: POD }),
    // Oracle: GET /api/v1/namespaces/default/pods (list) -> rule 4.
    entry('io.k8s.core.v1.pods.list', 'core/v1/namespaces/default/pods'),
    // Oracle: GET /apis/rbac.authorization.k8s.io/v1/clusterroles/admin -> rule 2.
    entry('io.k8s.authorization.rbac.v1.clusterroles.get', 'rbac.authorization.k8s.io/v1/clusterroles/admin'),
    // Oracle: POST /api/v1/namespaces/default/pods/test-pd/exec -> rule 1.
    entry('io.k8s.core.v1.pods.exec.create', 'core/v1/namespaces/default/pods/test-pd/exec'),
    // Oracle: POST /api/v1/namespaces (namespace "", not "foo") -> rule 4.
    entry('io.k8s.core.v1.namespaces.create', 'core/v1/namespaces/foo'),
    // Oracle: GET /api/v1/namespaces/kube-system/configmaps?watch=true -> rule 4, which omits
    // ResponseStarted: the first entry of the watch is not written, the last one is.
    entry('io.k8s.core.v1.configmaps.watch', 'core/v1/namespaces/kube-system/configmaps', {}, { id: 'w', first: true }),
    entry('io.k8s.core.v1.configmaps.watch', 'core/v1/namespaces/kube-system/configmaps', {}, { id: 'w', last: true }),
  ];
  // `gcloud logging read --format=json` prints one array; a log sink writes one entry per line.
  for (const text of [`${log.join('\n')}\n`, `[${log.join(',')}]\n`]) {
    const { records, report } = replayTexts(POLICY, [{ name: 'gke.json', bytes: text }], undefined, 20);
    assert.deepEqual(report.badLines, []);
    assert.deepEqual(
      records.map((r) => [r.rule, r.stage, r.written]),
      [
        [3, 'ResponseComplete', true],
        [4, 'ResponseComplete', true],
        [2, 'ResponseComplete', true],
        [1, 'ResponseComplete', true],
        [4, 'ResponseComplete', true],
        [4, 'ResponseStarted', false],
        [4, 'ResponseComplete', true],
      ],
    );
    assert.equal(report.totals.higherRecorded.events, 1, 'the pod create kept both bodies: RequestResponse > Request');
    assert.match(report.notes.join(' '), /7 events were read from GKE Cloud Audit Log entries, which do not record/);
  }
});

test('entries of other services, or that say no Kubernetes request, are bad lines that say why', () => {
  const compute = JSON.stringify({
    protoPayload: {
      '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
      serviceName: 'compute.googleapis.com',
      methodName: 'v1.compute.instances.insert',
    },
  });
  const noResource = entry('io.k8s.core.v1.pods.list', 'pods');
  const { records, report } = replayTexts(POLICY, [{ name: 'gke.json', bytes: `${compute}\n${noResource}\n` }]);
  assert.equal(records.length, 0);
  assert.deepEqual(
    report.badLines.map((b) => b.reason),
    [
      'not an audit event: a Cloud Logging entry of another service',
      'not an audit event: a Cloud Audit Log entry whose methodName "io.k8s.core.v1.pods.list" and resourceName say no request',
    ],
  );
  assert.deepEqual(report.notes.length, 1, 'no note about entries when none was read');
});

// Non-resource requests as GKE records them: methodName `io.k8s.<verb>` and resourceName the path
// without its `/` (`io.k8s.get` on `readyz`, `livez` and `metrics` in GKE's own log exclusion
// filters; `io.k8s.get` on `HNAP1`, a scanner's probe, in a GKE entry of Elastic's GCP audit tests).
const NON_RESOURCE_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  nonResourceURLs: ["/healthz*", "/version", "/readyz", "/livez"]
- level: Request
  nonResourceURLs: ["/metrics"]
  verbs: ["get"]
- level: RequestResponse
  nonResourceURLs: ["/api*"]
- level: Metadata
  resources:
  - group: ""
    resources: ["pods"]
- level: Request
  omitStages: ["RequestReceived"]
`;

test('GKE entries of non-resource requests are matched on their path by nonResourceURLs', () => {
  // [methodName, resourceName, the oracle's rule for METHOD /path as user student@example.com]
  const cases: Array<[string, string, number]> = [
    ['io.k8s.get', 'healthz', 0], // GET /healthz -> 0
    ['io.k8s.get', 'healthz/etcd', 0], // GET /healthz/etcd -> 0
    ['io.k8s.get', 'version', 0], // GET /version -> 0
    ['io.k8s.get', 'readyz', 0], // GET /readyz -> 0
    ['io.k8s.get', 'livez', 0], // GET /livez -> 0
    ['io.k8s.get', 'metrics', 1], // GET /metrics -> 1
    ['io.k8s.post', 'metrics', 4], // POST /metrics -> 4 (verb post, not get)
    ['io.k8s.get', 'openapi/v2', 4], // GET /openapi/v2 -> 4
    ['io.k8s.get', 'apis', 2], // GET /apis -> 2
    ['io.k8s.get', 'api/v1', 2], // GET /api/v1 -> 2 (discovery is not a resource request)
    ['io.k8s.get', 'apis/apps/v1', 2], // GET /apis/apps/v1 -> 2
    ['io.k8s.get', 'HNAP1', 4], // GET /HNAP1 -> 4
    ['io.k8s.core.v1.pods.list', 'core/v1/pods', 3], // GET /api/v1/pods -> 3, beside them
  ];
  const log = cases.map(([method, resourceName]) => entry(method, resourceName)).join('\n');
  const { records, report } = replayTexts(
    NON_RESOURCE_POLICY,
    [{ name: 'gke.json', bytes: `${log}\n` }],
    undefined,
    20,
  );
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.verb, r.rule]),
    cases.map(([method, , rule]) => [
      method === 'io.k8s.post' ? 'post' : method.endsWith('.list') ? 'list' : 'get',
      rule,
    ]),
  );
  const paths = report.rules[0].resources.map((r) => r.value).sort();
  assert.deepEqual(paths, ['/healthz', '/healthz/etcd', '/livez', '/readyz', '/version']);
});

test('GKE non-resource entries whose path is missing or is a resource path are bad lines that say so', () => {
  const log = [entry('io.k8s.get', ''), entry('io.k8s.get', 'api/v1/namespaces/default/pods')].join('\n');
  const { records, report } = replayTexts(NON_RESOURCE_POLICY, [{ name: 'gke.json', bytes: `${log}\n` }]);
  assert.equal(records.length, 0);
  assert.deepEqual(
    report.badLines.map((b) => b.reason),
    [
      'not an audit event: a Cloud Audit Log entry of a non-resource request (methodName "io.k8s.get") with no path',
      'not an audit event: a Cloud Audit Log entry whose methodName "io.k8s.get" names a non-resource request ' +
        'but whose resourceName "api/v1/namespaces/default/pods" is the path of a resource',
    ],
  );
});

/** The entry as a BigQuery export holds it (`bq query --format=json`): the payload renamed, the bodies
 *  as JSON text, booleans as strings (https://cloud.google.com/logging/docs/export/bigquery). */
type Json = Record<string, unknown>;

function asBigQuery(text: string): string {
  const { protoPayload, operation, ...rest } = JSON.parse(text) as { protoPayload: Json; operation: Json };
  const { request, response, ...payload } = protoPayload;
  return JSON.stringify({
    ...rest,
    operation: { ...operation, first: String(operation.first ?? false), last: String(operation.last ?? false) },
    protopayload_auditlog: {
      ...payload,
      ...(request === undefined ? {} : { requestJson: JSON.stringify(request) }),
      ...(response === undefined ? {} : { responseJson: JSON.stringify(response) }),
    },
  });
}

/** The entry as Cloud Logging's Log Analytics shows it (`proto_payload.audit_log`, snake_case names). */
function asLogAnalytics(text: string): string {
  const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const { protoPayload, insertId, ...rest } = JSON.parse(text) as { protoPayload: Json; insertId: string };
  const { authenticationInfo, requestMetadata, ...payload } = protoPayload as { [key: string]: Json };
  const renamed = (o: Json) => Object.fromEntries(Object.entries(o).map(([k, v]) => [snake(k), v]));
  return JSON.stringify({
    ...rest,
    insert_id: insertId,
    proto_payload: {
      audit_log: {
        ...renamed(payload),
        authentication_info: renamed(authenticationInfo),
        request_metadata: renamed(requestMetadata),
      },
    },
  });
}

test('GKE entries exported to BigQuery or read from Log Analytics are the same events as the entries', () => {
  const log = [
    // Oracle: POST /api/v1/namespaces/restricted-ns/pods -> rule 3 (Request).
    entry('io.k8s.core.v1.pods.create', 'core/v1/namespaces/restricted-ns/pods/nginx', { request: POD, response: POD }),
    // Oracle: GET /apis/rbac.authorization.k8s.io/v1/clusterroles/admin -> rule 2 (Request).
    entry('io.k8s.authorization.rbac.v1.clusterroles.get', 'rbac.authorization.k8s.io/v1/clusterroles/admin'),
    // Oracle: GET /api/v1/namespaces/team-b/configmaps/c -> rule 4 (Metadata), which omits
    // ResponseStarted: the first entry of a long request is not written.
    entry('io.k8s.core.v1.configmaps.get', 'core/v1/namespaces/team-b/configmaps/c', {}, { id: 'g', first: true }),
  ];
  const read = (lines: string[]) => {
    const { records, report } = replayTexts(
      POLICY,
      [{ name: 'gke.json', bytes: `[${lines.join(',')}]\n` }],
      undefined,
      20,
    );
    assert.deepEqual(report.badLines, []);
    assert.equal(report.totals.higherRecorded.events, 1, 'the pod create kept both bodies: RequestResponse > Request');
    return records.map((r) => [r.auditID, r.rule, r.level, r.stage, r.written, r.bytes]);
  };
  const entries = read(log);
  assert.deepEqual(
    entries.map(([, rule, level, stage, written]) => [rule, level, stage, written]),
    [
      [3, 'Request', 'ResponseComplete', true],
      [2, 'Request', 'ResponseComplete', true],
      [4, 'Metadata', 'ResponseStarted', false],
    ],
  );
  assert.deepEqual(read(log.map(asBigQuery)), entries);
  assert.deepEqual(read(log.map(asLogAnalytics)), entries);
});

/** The entries of the first test, saved from Logs Explorer, and the oracle's rules for them (the
 *  same: the requests are). */
function savedEntries(): { entries: Array<Record<string, unknown>>; want: number[] } {
  const entries = [
    entry('io.k8s.core.v1.pods.create', 'core/v1/namespaces/restricted-ns/pods/nginx', { request: POD, response: POD }),
    entry('io.k8s.core.v1.pods.list', 'core/v1/namespaces/default/pods'),
    entry('io.k8s.authorization.rbac.v1.clusterroles.get', 'rbac.authorization.k8s.io/v1/clusterroles/admin'),
    entry('io.k8s.core.v1.pods.exec.create', 'core/v1/namespaces/default/pods/test-pd/exec'),
  ].map((e) => JSON.parse(e) as Record<string, unknown>);
  return { entries, want: [3, 4, 2, 1] };
}

test('entries saved as CSV (Logs Explorer, a query): JSON in quoted cells, or columns named by paths', () => {
  const { entries, want } = savedEntries();
  const cell = (v: unknown): string => (v === undefined ? '' : csvCell(typeof v === 'string' ? v : JSON.stringify(v)));
  const csv = (columns: string[], value: (e: Record<string, unknown>, column: string) => unknown): string =>
    `${[columns.join(','), ...entries.map((e) => columns.map((c) => cell(value(e, c))).join(','))].join('\n')}\n`;
  // A column per member of the entry, objects as JSON text.
  const whole = csv(Object.keys(entries[0]), (e, c) => e[c]);
  // A column per leaf, named by its path (lists as JSON text): what a flattening export writes.
  const paths = (o: unknown, at: string): string[] =>
    typeof o === 'object' && o !== null && !Array.isArray(o)
      ? Object.entries(o).flatMap(([k, v]) => paths(v, at ? `${at}.${k}` : k))
      : [at];
  const columns = [...new Set(entries.flatMap((e) => paths(e, '')))];
  const leaf = (e: Record<string, unknown>, column: string): unknown =>
    column.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], e);
  const flat = csv(columns, leaf);
  assert.ok(columns.includes('protoPayload.authenticationInfo.principalEmail'));
  for (const text of [whole, flat]) {
    const { records, report } = replayTexts(POLICY, [{ name: 'downloaded-logs.csv', bytes: text }], undefined, 20);
    assert.deepEqual(
      records.map((r) => [r.line, r.rule]),
      want.map((rule, i) => [i + 2, rule]),
    );
    // Each sized as the event made from its entry, as a line of it would be.
    const lines = replayTexts(POLICY, [
      { name: 'gke.json', bytes: `${entries.map((e) => JSON.stringify(e)).join('\n')}\n` },
    ]);
    assert.deepEqual(
      records.map((r) => r.bytes),
      lines.records.map((r) => r.bytes),
    );
    // The header line is no event.
    assert.deepEqual(
      report.badLines.map((b) => b.line),
      [1],
    );
  }
});

test("Logs Explorer's CSV download: the payload a pretty-printed JSON cell over lines, each entry at its row's line", async () => {
  const { entries, want } = savedEntries();
  const cell = (v: unknown): string => csvCell(typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  const columns = ['insertId', 'timestamp', 'protoPayload', 'operation'];
  const rows = entries.map((e) => columns.map((c) => cell(e[c])).join(','));
  const text = `${columns.join(',')}\n${rows.join('\n')}\n`;
  let line = 2;
  const starts = rows.map((r) => ((line += r.split('\n').length), line - r.split('\n').length));
  assert.ok(starts[1] - starts[0] > 10);
  // Sized as the event made from the entry, as a line of the entry is.
  const lines = replayTexts(POLICY, [
    { name: 'gke.json', bytes: `${entries.map((e) => JSON.stringify(e)).join('\n')}\n` },
  ]);
  // LF, CRLF, and a UTF-8 byte order mark before the header (as spreadsheet programs save CSV).
  for (const [bom, eol] of [
    ['', '\n'],
    ['', '\r\n'],
    ['\ufeff', '\r\n'],
  ]) {
    const { records, report } = await replayWritten('downloaded-logs.csv', bom + text.replace(/\n/g, eol), POLICY);
    assert.deepEqual(
      records.map((r) => [r.line, r.rule, r.bytes]),
      want.map((rule, i) => [starts[i], rule, lines.records[i].bytes]),
    );
    assert.deepEqual(
      report.badLines.map((b) => b.line),
      [1],
    );
  }
  // A row cut inside its cell (the download was cut short) is one bad line; the rows before it count.
  const cut = text.slice(0, text.indexOf('""methodName""', text.indexOf(rows[3])));
  const { records, report } = await replayWritten('downloaded-logs.csv', cut, POLICY);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule]),
    want.slice(0, 3).map((rule, i) => [starts[i], rule]),
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 41)]),
    [
      [1, 'not JSON: unexpected "i" at byte 0'.slice(0, 41)],
      [starts[3], 'a CSV row whose quoted cell does not end '],
    ],
  );
});

// Events as they reach a user through a container runtime, a log shipper or a log store: the same two
// events in every wrapping must be read as the same two events, sized as kube-apiserver's own lines.
// Each wrapping is written after the format of the tool named (its documentation or source); the
// events are kube-apiserver's shape. Expected rules are the oracle's for the events' requests
// (v1.20.2: GET /api/v1/namespaces/team-b/configmaps/c -> rule 1; POST
// /api/v1/namespaces/x/pods/p/exec?command=sh -> rule 0).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replayTexts } from '../../helpers/replay';
import { EVENTS, EXEC, GET, POLICY, SIZES } from '../../helpers/twoRequests';

function replay(log: string) {
  return replayTexts(POLICY, [{ name: 'wrapped.log', bytes: log }], undefined, 20);
}

/** Both events read, at the oracle's rules, sized as kube-apiserver's lines, nothing bad. */
function assertBoth(log: string, lines = [1, 2]): void {
  const { records, report } = replay(log);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.auditID, r.rule, r.bytes]),
    [
      [lines[0], JSON.parse(GET).auditID, 1, SIZES[0]],
      [lines[1], JSON.parse(EXEC).auditID, 0, SIZES[1]],
    ],
  );
}

const each = (wrap: (event: string, i: number) => string): string => `${EVENTS.map(wrap).join('\n')}\n`;
const time = '2024-05-01T10:00:00.123456789Z';

test('CRI container log lines (--audit-log-path=-, /var/log/containers): the content after the tags', () => {
  // kubelet pkg/kubelet/kuberuntime/logs/logs.go parseCRILog: TIMESTAMP STREAM TAG CONTENT.
  assertBoth(each((e) => `${time} stdout F ${e}`));
});

test('CRI pieces (tag P) are joined per stream up to the F piece; standard error lines are klog, counted apart', () => {
  const cut = (e: string, at: number): string[] => [e.slice(0, at), e.slice(at, at * 2), e.slice(at * 2)];
  const [a1, a2, a3] = cut(GET, 100);
  const [b1, b2, b3] = cut(EXEC, 50);
  const klog = `${time} stderr F I0501 10:00:00.123456       1 controller.go:615] quota admission added evaluator`;
  const log = [
    `${time} stdout P ${a1}`,
    klog,
    `${time} stdout P ${a2}`,
    `${time} stdout F ${a3}`,
    `${time} stdout P ${b1}`,
    `${time} stdout P ${b2}`,
    `${time} stdout F ${b3}`,
    `${time} stdout P {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Meta`,
  ].join('\n');
  const { records, report } = replay(`${log}\n`);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule, r.bytes]),
    [
      [1, 1, SIZES[0]],
      [5, 0, SIZES[1]],
    ],
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.replace(/ \(.*/, '')]),
    [
      [2, 'standard error output, not an audit event'],
      [8, 'a line cut into pieces'],
    ].map(([line, reason]) => [line, reason]),
  );
  assert.match(report.badLines[1].reason, /CRI tag P.*never came/);
});

test("Docker's json-file records: a line longer than 16 KiB comes in records without a newline, joined", () => {
  // moby daemon/logger/jsonfilelog: {"log","stream","time"}; a partial message has no final "\n".
  const record = (log: string, stream = 'stdout'): string => JSON.stringify({ log, stream, time });
  const log = [
    record(GET.slice(0, 90)),
    record('E0501 10:00:00.1 1 watcher.go:1] an error\n', 'stderr'),
    record(`${GET.slice(90)}\n`),
    record(`${EXEC}\n`),
  ];
  const { records, report } = replay(`${log.join('\n')}\n`);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule, r.bytes]),
    [
      [1, 1, SIZES[0]],
      [4, 0, SIZES[1]],
    ],
  );
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [2],
  );
});

test('a prefix before the JSON: oc adm node-logs, syslog, kubectl logs --prefix', () => {
  assertBoth(each((e) => `ip-10-0-1-23.ec2.internal ${e}`));
  assertBoth(each((e) => `May  1 10:00:00 master-0 kube-apiserver[812]: ${e}`));
  assertBoth(each((e) => `[pod/kube-apiserver-master-0/kube-apiserver] ${e}`));
  // Columns after the event too: a TSV export (az monitor log-analytics query --output tsv of
  // AzureDiagnostics rows, log_s between other columns), the event's JSON alone is read.
  assertBoth(each((e) => `t1\t${time}\tkube-audit\t${e}\tkube-apiserver-6f9b7c-abcde\tstdout`));
  assertBoth(each((e) => `${e}\tkube-apiserver-6f9b7c-abcde`));
});

test('a CSV export (CloudWatch Logs Insights, Log Analytics): the quoted field, its quotes undoubled', () => {
  const csv = (e: string): string => `"${e.replace(/"/g, '""')}"`;
  const { records, report } = replay(`@timestamp,@message\n${each((e) => `2024-05-01 10:00:00.000,${csv(e)}`)}`);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule, r.bytes]),
    [
      [2, 1, SIZES[0]],
      [3, 0, SIZES[1]],
    ],
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 8)]),
    [[1, 'not JSON']],
    'the header line is counted, not dropped',
  );
});

test("shippers' records: the event as a JSON string in the shipper's member", () => {
  // Fluent Bit / Fluentd / Docker json-file: {"log": "...\n", "stream", "time"} (+ kubernetes metadata).
  assertBoth(
    each((e) =>
      JSON.stringify({
        log: `${e}\n`,
        stream: 'stdout',
        time,
        kubernetes: { pod_name: 'kube-apiserver-master-0', namespace_name: 'kube-system', labels: { tier: 'x' } },
      }),
    ),
  );
  // Vector's file source: {"file", "host", "message", "source_type", "timestamp"}.
  assertBoth(each((e) => JSON.stringify({ file: '/var/log/audit.log', host: 'n', message: e, source_type: 'file' })));
  // journalctl -o json of a kube-apiserver unit writing to standard output.
  assertBoth(each((e) => JSON.stringify({ __REALTIME_TIMESTAMP: '1714557600000000', MESSAGE: e, _PID: '812' })));
  // Log Analytics' AzureDiagnostics table: the event in log_s.
  assertBoth(each((e) => JSON.stringify({ TimeGenerated: time, Category: 'kube-audit', log_s: e })));
  // Loki's logcli --output=jsonl.
  assertBoth(each((e) => JSON.stringify({ labels: { job: 'audit' }, line: e, timestamp: time })));
});

test('a record that keeps both the raw line and its parsed members (Fluent Bit Merge_Log) counts once', () => {
  const merged = (e: string): string => JSON.stringify({ ...JSON.parse(e), log: `${e}\n`, stream: 'stdout' });
  const { records, report } = replay(each(merged));
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => r.rule),
    [1, 0],
  );
});

/**
 * What Elastic's Kubernetes integration makes of an event line (elastic/integrations,
 * packages/kubernetes/data_stream/audit_logs: agent/stream/stream.yml.hbs parses the line into
 * `kubernetes.audit`, drops `requestObject.metadata` and `responseObject.metadata`, puts `_` for `.` in
 * annotation keys; _dev/test/pipeline/test-audit.log-expected.json: Elasticsearch sorts the keys and,
 * tagged `preserve_original_event`, keeps the line in ECS's `event.original`).
 */
function elasticParsed(e: string): Record<string, unknown> {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, sorted(x)]),
          )
        : v;
  const event = JSON.parse(e) as Record<string, unknown>;
  const annotations = (event.annotations ?? {}) as Record<string, string>;
  event.annotations = Object.fromEntries(Object.entries(annotations).map(([k, v]) => [k.replace(/\./g, '_'), v]));
  delete (event.responseStatus as Record<string, unknown>).metadata;
  return sorted(event) as Record<string, unknown>;
}

test("Elastic's documents: the event in event.original, the line the shipper read, before kubernetes.audit", () => {
  const ecs = (e: string) => ({ action: JSON.parse(e).verb, kind: 'event', original: e, outcome: 'success' });
  // Keys as Elasticsearch returns them (sorted: event before kubernetes), and as Filebeat writes them.
  assertBoth(
    each((e) => JSON.stringify({ '@timestamp': time, event: ecs(e), kubernetes: { audit: elasticParsed(e) } })),
  );
  assertBoth(
    each((e) => JSON.stringify({ '@timestamp': time, kubernetes: { audit: elasticParsed(e) }, event: ecs(e) })),
  );
  // The dotted field name, as a document indexed with flat names holds it.
  assertBoth(
    each((e) =>
      JSON.stringify({ 'event.original': e, 'event.kind': 'event', kubernetes: { audit: elasticParsed(e) } }),
    ),
  );
  // An Elasticsearch _search answer of such documents.
  const hits = EVENTS.map((e, i) => ({
    _id: `${i}`,
    _source: { event: ecs(e), kubernetes: { audit: elasticParsed(e) } },
  }));
  const { records, report } = replay(`${JSON.stringify({ hits: { hits } })}\n`);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.rule, r.bytes]),
    [
      [1, SIZES[0]],
      [0, SIZES[1]],
    ],
  );
});

test('an Elastic document without event.original: the event is kubernetes.audit, sized as its text in the line', () => {
  const docs = EVENTS.map((e) =>
    JSON.stringify({ kubernetes: { audit: elasticParsed(e) }, agent: { type: 'filebeat' } }),
  );
  const { records, report } = replay(`${docs.join('\n')}\n`);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.rule, r.bytes]),
    EVENTS.map((e, i) => [1 - i, Buffer.byteLength(JSON.stringify(elasticParsed(e))) + 1]),
  );
});

test('exports of many events in one document: CloudWatch, Firehose, Loki, Elasticsearch', () => {
  const one = (doc: unknown): void => {
    const { records, report } = replay(`${JSON.stringify(doc)}\n`);
    assert.deepEqual(report.badLines, []);
    assert.deepEqual(
      records.map((r) => [r.line, r.rule, r.bytes]),
      [
        [1, 1, SIZES[0]],
        [1, 0, SIZES[1]],
      ],
    );
  };
  // CloudWatch Logs Insights "Export results as JSON".
  one(
    EVENTS.map((e) => ({
      '@timestamp': '2024-05-01 10:00:00.000',
      '@message': e,
      '@logStream': 'kube-apiserver-audit-1',
    })),
  );
  // aws logs filter-log-events.
  one({
    events: EVENTS.map((e, i) => ({
      logStreamName: 'kube-apiserver-audit-1',
      timestamp: 1,
      message: e,
      eventId: `${i}`,
    })),
    searchedLogStreams: [],
  });
  // A CloudWatch Logs subscription record (what Firehose delivers).
  one({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/eks/prod/cluster',
    logStream: 'kube-apiserver-audit-1',
    subscriptionFilters: ['audit'],
    logEvents: EVENTS.map((e, i) => ({ id: `${i}`, timestamp: 1714557600000, message: e })),
  });
  // Loki's query_range answer.
  one({
    status: 'success',
    data: {
      resultType: 'streams',
      result: [{ stream: { job: 'audit' }, values: EVENTS.map((e) => ['1714557600000000000', e]) }],
    },
  });
  // An Elasticsearch _search answer.
  one({
    took: 3,
    hits: {
      total: { value: 2 },
      hits: EVENTS.map((e, i) => ({ _index: 'audit', _id: `${i}`, _source: JSON.parse(e) })),
    },
  });
});

/** A row of Log Analytics' AKSAudit table holding an event (columns as Azure Monitor's table reference names them). */
function aksAuditRow(e: string, asStrings: boolean): Record<string, unknown> {
  const event = JSON.parse(e) as Record<string, unknown>;
  const dyn = (v: unknown): unknown => (asStrings ? JSON.stringify(v) : v);
  return {
    TenantId: 't',
    TimeGenerated: event.stageTimestamp,
    Level: event.level,
    AuditId: event.auditID,
    Stage: event.stage,
    RequestUri: event.requestURI,
    Verb: event.verb,
    User: dyn(event.user),
    SourceIps: dyn(event.sourceIPs),
    UserAgent: event.userAgent ?? '',
    ObjectRef: dyn(event.objectRef),
    ResponseStatus: dyn(event.responseStatus),
    RequestObject: '',
    ResponseObject: '',
    RequestReceivedTime: event.requestReceivedTimestamp,
    StageReceivedTime: event.stageTimestamp,
    PodName: 'kube-apiserver-6f9b7c-abcde',
    Type: 'AKSAudit',
  };
}

test("Log Analytics' AKSAudit table rows: the event's fields as PascalCase columns, dynamic ones as objects or strings", () => {
  const row = (e: string, asStrings: boolean): string => JSON.stringify(aksAuditRow(e, asStrings));
  for (const asStrings of [false, true]) {
    const { records, report } = replay(each((e) => row(e, asStrings)));
    assert.deepEqual(report.badLines, []);
    assert.deepEqual(
      records.map((r) => [r.line, r.auditID, r.rule, r.stage]),
      [
        [1, JSON.parse(GET).auditID, 1, 'ResponseComplete'],
        [2, JSON.parse(EXEC).auditID, 0, 'ResponseStarted'],
      ],
    );
  }
});

test('AKSAudit rows exported as CSV (the portal): each row read as the row it is, not its first JSON column', () => {
  // One column per field, a dynamic column as JSON text, quotes doubled (RFC 4180); the portal names a
  // datetime column with its zone. The same events as the JSON rows above: same rules, same sizes.
  const rows = EVENTS.map((e) => aksAuditRow(e, true));
  const columns = Object.keys(rows[0]);
  const cell = (v: unknown): string => {
    const text = String(v ?? '');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const header = columns.map((c) => (c.endsWith('Time') ? `${c} [UTC]` : c)).join(',');
  const csv = `${header}\n${rows.map((r) => columns.map((c) => cell(r[c])).join(',')).join('\n')}\n`;
  const { records, report } = replay(csv);
  const json = replay(each((e) => JSON.stringify(aksAuditRow(e, true))));
  assert.deepEqual(
    records.map((r) => [r.line, r.auditID, r.rule, r.stage, r.bytes]),
    json.records.map((r) => [r.line + 1, r.auditID, r.rule, r.stage, r.bytes]),
  );
  assert.deepEqual(
    records.map((r) => r.rule),
    [1, 0],
  );
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1],
    'the header line',
  );
});

test('Firehose to S3: subscription records one after another on a line, each read', () => {
  const record = (e: string): string =>
    JSON.stringify({
      messageType: 'DATA_MESSAGE',
      logGroup: '/aws/eks/prod/cluster',
      logEvents: [{ id: '1', message: e }],
    });
  const { records, report } = replay(`${EVENTS.map(record).join('')}\n`);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule, r.bytes]),
    [
      [1, 1, SIZES[0]],
      [1, 0, SIZES[1]],
    ],
  );
});

test('journalctl -o json without --all: an event longer than 4096 bytes is MESSAGE null, a bad line that says so', () => {
  // man journalctl, --output=json: "Fields larger than 4096 bytes are encoded as null values" (unless --all).
  const record = (message: string | null) =>
    JSON.stringify({
      __CURSOR: 's=1',
      __REALTIME_TIMESTAMP: '1714557600000000',
      _SYSTEMD_UNIT: 'k3s.service',
      MESSAGE: message,
    });
  const { records, report } = replay(`${record(GET)}\n${record(null)}\n`);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule, r.bytes]),
    [[1, 1, SIZES[0]]],
  );
  assert.equal(report.badLines.length, 1);
  assert.equal(report.badLines[0].line, 2);
  assert.match(report.badLines[0].reason, /MESSAGE is null.*journalctl --all -o json/);
});

test('a record around no event, or around a broken one, is a bad line that says why', () => {
  const klog = JSON.stringify({ message: 'I0501 10:00:00.1 1 controller.go:615] quota', source_type: 'file' });
  const cut = JSON.stringify({ message: GET.slice(0, 80), source_type: 'file' });
  const pod = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } });
  const { records, report } = replay(`${klog}\n${cut}\n${pod}\n${GET}\n`);
  assert.equal(records.length, 1);
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1, 2, 3],
  );
  assert.match(report.badLines[0].reason, /no "verb", and no member holds an event$/);
  assert.match(report.badLines[1].reason, /no member holds an event \(message: not JSON: /);
  assert.match(report.badLines[2].reason, /kind "Pod"/);
});

test('kubectl logs of a kube-apiserver that writes events to standard output: its klog lines say what they are', () => {
  // With --audit-log-path=- the events go to standard output and klog's messages to standard error;
  // `kubectl logs` (and `--prefix`) shows both. The header is klog's: Lmmdd hh:mm:ss.uuuuuu thread file:line].
  const log = [
    'I0501 10:00:00.123456       1 controller.go:615] quota admission added evaluator for: leases.coordination.k8s.io',
    GET,
    '[pod/kube-apiserver-cp-1/kube-apiserver] W0501 10:00:01.000000       1 lease.go:250] Resetting endpoints',
    EXEC,
    'not an event at all',
  ].join('\n');
  const { records, report } = replay(`${log}\n`);
  assert.deepEqual(
    records.map((r) => [r.line, r.rule]),
    [
      [2, 1],
      [4, 0],
    ],
  );
  const klog = "a log message of kube-apiserver (klog's format), not an audit event";
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason]),
    [
      [1, klog],
      [3, klog],
      [5, 'not JSON: unexpected "n" at byte 0'],
    ],
  );
});

test("kube-audit-rest's log (AdmissionReview requests) is not an audit log, and its lines say what they are", () => {
  // RichardoC/kube-audit-rest testing/locally/data/kube-audit-rest.log: one admission.k8s.io/v1
  // AdmissionReview per line (operation, userInfo, object; no verb, stage or requestURI).
  const review = JSON.stringify({
    kind: 'AdmissionReview',
    apiVersion: 'admission.k8s.io/v1',
    request: {
      uid: 'df417f78-c769-4c84-94f6-e6d9800d0e88',
      resource: { group: '', version: 'v1', resource: 'events' },
      namespace: 'kube-system',
      operation: 'CREATE',
      userInfo: { username: 'system:node:lima-rancher-desktop', groups: ['system:nodes', 'system:authenticated'] },
    },
  });
  const { records, report } = replay(`${review}\n${GET}\n`);
  assert.deepEqual(
    records.map((r) => r.line),
    [2],
  );
  assert.match(
    report.badLines[0].reason,
    /^not an audit event: kind "AdmissionReview", an admission webhook's request/,
  );
});

// Events that reach a user base64-encoded (and often gzip-compressed) inside a carrier's record, and
// CloudWatch Logs Insights result rows. Each record is written by hand after the format its service
// documents (no example text is copied):
// - Lambda's CloudWatch Logs event, `{"awslogs": {"data": base64(gzip(subscription record))}}`:
//   https://docs.aws.amazon.com/lambda/latest/dg/services-cloudwatchlogs.html
// - Lambda's Kinesis event, `Records[].kinesis.data`: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
// - `aws kinesis get-records`, `Records[].Data`:
//   https://docs.aws.amazon.com/cli/latest/reference/kinesis/get-records.html
// - Firehose data transformation, `records[].data`:
//   https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html
//   (CloudWatch Logs subscriptions deliver gzip to all of these:
//   https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html)
// - Pub/Sub push request `{"message": {"data": base64}, "subscription": ...}` and `gcloud pubsub
//   subscriptions pull --format=json`: https://cloud.google.com/pubsub/docs/push (a Cloud Logging sink
//   to Pub/Sub publishes each LogEntry as JSON).
// - `aws logs get-query-results`: https://docs.aws.amazon.com/cli/latest/reference/logs/get-query-results.html
// - base64url (RFC 4648 section 5: `-` and `_` for `+` and `/`), padded or not: proto3's JSON mapping
//   reads a `bytes` field (Pub/Sub's `data`) in "either standard or URL-safe base64 encoding
//   with/without paddings": https://protobuf.dev/programming-guides/proto3/#json
// Expected rules are the oracle's (kube-apiserver v1.20.2) for the events' requests: GET
// /api/v1/namespaces/team-b/configmaps/c by alice -> rule 1 (Metadata); POST
// /api/v1/namespaces/x/pods/p/exec?command=sh&stdin=true by bob -> rule 0 (RequestResponse); the same
// two as GKE entries (users alice@example.com and bob@example.com, no groups) -> rules 1 and 0.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { replayTexts } from '../../helpers/replay';
import { EVENTS, EXEC, GET, POLICY, SIZES } from '../../helpers/twoRequests';

/** What a CloudWatch Logs subscription sends: one record around several log events, gzipped. */
const SUBSCRIPTION = gzipSync(
  JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: '/aws/eks/prod/cluster',
    logStream: 'kube-apiserver-audit-0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    subscriptionFilters: ['audit'],
    logEvents: EVENTS.map((e, i) => ({ id: `3819${i}`, timestamp: 1714557600000 + i, message: e })),
  }),
).toString('base64');

function replay(doc: unknown) {
  return replayTexts(POLICY, [{ name: 'carried.json', bytes: `${JSON.stringify(doc)}\n` }], undefined, 20);
}

/** Both events read at the oracle's rules, each sized as kube-apiserver's line, nothing bad. */
function assertBoth(doc: unknown): void {
  const { records, report } = replay(doc);
  assert.deepEqual(report.badLines, []);
  assert.deepEqual(
    records.map((r) => [r.auditID, r.rule, r.level, r.bytes]),
    [
      [JSON.parse(GET).auditID, 1, 'Metadata', SIZES[0]],
      [JSON.parse(EXEC).auditID, 0, 'RequestResponse', SIZES[1]],
    ],
  );
}

test('a CloudWatch Logs subscription gzipped and base64: to Lambda, Kinesis, a Firehose transformation', () => {
  assertBoth({ awslogs: { data: SUBSCRIPTION } });
  assertBoth({
    Records: [
      {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: 'a3f9d0c1e5b7',
          sequenceNumber: '49590338271490256608559692538361571095921575989136588898',
          data: SUBSCRIPTION,
          approximateArrivalTimestamp: 1714557601.123,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: 'shardId-000000000006:49590338271490256608559692538361571095921575989136588898',
        eventName: 'aws:kinesis:record',
        awsRegion: 'us-east-1',
      },
    ],
  });
  assertBoth({
    Records: [
      {
        SequenceNumber: '49590338271490256608559692538361571095921575989136588898',
        ApproximateArrivalTimestamp: '2024-05-01T10:00:01.123000+00:00',
        Data: SUBSCRIPTION,
        PartitionKey: 'a3f9d0c1e5b7',
      },
    ],
    NextShardIterator: 'AAAAAAAAAAH',
    MillisBehindLatest: 0,
  });
  assertBoth({
    invocationId: 'invocation-1',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/audit',
    region: 'us-east-1',
    records: [{ recordId: '49590338271490256608559692538361571095921575989136588898', data: SUBSCRIPTION }],
  });
});

test('base64 without gzip: a Firehose record of raw lines, Pub/Sub messages of Cloud Logging entries', () => {
  const raw = (e: string): string => Buffer.from(`${e}\n`).toString('base64');
  assertBoth({
    invocationId: 'invocation-2',
    records: EVENTS.map((e, i) => ({ recordId: `${i}`, approximateArrivalTimestamp: 1714557601000, data: raw(e) })),
  });
  const entry = (method: string, resourceName: string, user: string): string =>
    JSON.stringify({
      insertId: `id-${method}`,
      logName: 'projects/p/logs/cloudaudit.googleapis.com%2Factivity',
      operation: { id: `op-${method}`, producer: 'k8s.io', first: true, last: true },
      protoPayload: {
        '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
        authenticationInfo: { principalEmail: user },
        methodName: method,
        resourceName,
        serviceName: 'k8s.io',
      },
      resource: { type: 'k8s_cluster', labels: { cluster_name: 'c', location: 'us-central1', project_id: 'p' } },
      timestamp: '2024-05-01T10:00:00.000000Z',
    });
  const entries = [
    entry('io.k8s.core.v1.configmaps.get', 'core/v1/namespaces/team-b/configmaps/c', 'alice@example.com'),
    entry('io.k8s.core.v1.pods.exec.create', 'core/v1/namespaces/x/pods/p/exec', 'bob@example.com'),
  ];
  const message = (e: string, i: number) => ({
    data: Buffer.from(e).toString('base64'),
    messageId: `1234567890${i}`,
    publishTime: '2024-05-01T10:00:02.000Z',
    attributes: { 'logging.googleapis.com/timestamp': '2024-05-01T10:00:00.000000Z' },
  });
  const decided = (docs: unknown[]) => {
    const text = docs.map((d) => JSON.stringify(d)).join('\n');
    const { records, report } = replayTexts(POLICY, [{ name: 'pubsub.json', bytes: `${text}\n` }], undefined, 20);
    assert.deepEqual(report.badLines, []);
    return records.map((r) => [r.auditID, r.verb, r.rule]);
  };
  const want = [
    ['op-io.k8s.core.v1.configmaps.get', 'get', 1],
    ['op-io.k8s.core.v1.pods.exec.create', 'create', 0],
  ];
  // Push requests, one per line.
  assert.deepEqual(
    decided(entries.map((e, i) => ({ message: message(e, i), subscription: 'projects/p/subscriptions/s' }))),
    want,
  );
  // gcloud pubsub subscriptions pull --format=json: one list (pretty-printed, which the file reader
  // gathers into one line before this: logLines.ts).
  assert.deepEqual(decided([entries.map((e, i) => ({ ackId: `ack-${i}`, message: message(e, i) }))]), want);
});

test('base64url and base64 without its padding are decoded as base64 is', () => {
  const gzipped = Buffer.from(SUBSCRIPTION, 'base64');
  const url = gzipped.toString('base64url'); // Node writes it without padding
  assert.match(url, /[-_]/);
  assert.doesNotMatch(url, /[+/=]/);
  const padded = `${url}${'='.repeat((4 - (url.length % 4)) % 4)}`;
  for (const data of [url, padded]) assertBoth({ awslogs: { data } });
  // Raw lines whose encodings hold `-` or `_` (the `?` and `&` of a URI), with padding, without, and short of it.
  const raw = (e: string): string => Buffer.from(`${e}\n`).toString('base64url');
  assert.match(EVENTS.map(raw).join(''), /[-_]/);
  const pads = (e: string): string => '='.repeat((4 - (raw(e).length % 4)) % 4);
  for (const data of [
    raw,
    (e: string) => `${raw(e)}${pads(e)}`,
    (e: string) => Buffer.from(`${e}\n`).toString('base64').replace(/=+$/, ''),
    (e: string) => `${raw(e)}${pads(e).slice(1)}`,
  ])
    assertBoth({ records: EVENTS.map((e, i) => ({ recordId: `${i}`, data: data(e) })) });
});

test('an encoded member that does not decode says why; a gzip bomb stops at the longest line', () => {
  const bad = (data: string): string => {
    const { records, report } = replay({ awslogs: { data } });
    assert.equal(records.length, 0);
    assert.equal(report.badLines.length, 1);
    return report.badLines[0].reason;
  };
  // Cut short: the first half of the gzip.
  assert.match(bad(SUBSCRIPTION.slice(0, 40)), /awslogs\.data: .*gzip data that is cut short or corrupt/);
  // Not base64 past its first characters.
  assert.match(bad(`${SUBSCRIPTION.slice(0, 12)}!!!!${SUBSCRIPTION.slice(16)}`), /awslogs\.data: .*not base64/);
  // Both alphabets in one text: neither base64 nor base64url.
  assert.match(bad(`${SUBSCRIPTION.slice(0, 12)}-_+/${SUBSCRIPTION.slice(16)}`), /awslogs\.data: .*not base64/);
  const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024, 0x20)).toString('base64');
  assert.match(bad(bomb), /awslogs\.data: .*gzip data longer than 64 MiB/);
  // A shipper's other base64 strings (a token, an id) that decode to no JSON are its own: no reason given.
  const { records } = replay({ awslogs: { data: SUBSCRIPTION }, checksum: 'QUJDREVGR0hJSktMTU5PUA==' });
  assert.equal(records.length, 2);
});

test('aws logs get-query-results: each row of fields is one record, its @message the event', () => {
  const rows = EVENTS.map((e, i) => [
    { field: '@timestamp', value: `2024-05-01 10:00:0${i}.000` },
    { field: '@message', value: e },
    { field: '@ptr', value: `CmAKJwojMTIzNDU2Nzg5MDEyOi9hd3MvZWtzL3Byb2QvY2x1c3RlchAH${i}` },
  ]);
  const doc = {
    results: rows,
    statistics: { recordsMatched: 2, recordsScanned: 2, bytesScanned: 2048 },
    status: 'Complete',
  };
  assertBoth(doc);
  // A row without the event (a query that left @message out) is one bad item, and says so.
  const { records, report } = replay({ ...doc, results: [...rows, [{ field: '@timestamp', value: '2024-05-01' }]] });
  assert.equal(records.length, 2);
  assert.deepEqual(
    report.badLines.map((l) => l.reason),
    ['results[2]: not an audit event: no "verb", and no member holds an event'],
  );
});

// `kube-audit-policy test --generate` over real audit logs: the committed corpus events (Apache-2.0
// and MIT files of test/fixtures/events) and inline logs in every shape the replay reader takes
// (v1 and v1beta1 lines, a webhook EventList, AKS records, gzip, standard input, broken lines).
// The levels pinned for the corpus are checked against kube-apiserver's own checker
// (test/fixtures/events/oracle-table.json, made by the oracle); the kinds of request are worked out
// here from each event's JSON, independently of the tool. The generated file must pass `test`, and
// fail after an edit exactly on the cases the edit changes.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/cli';
import { CORPUS_FIXTURES, eventFile, EVENTS_FIXTURES } from '../helpers/replay';

const dir = mkdtempSync(join(tmpdir(), 'kap-generate-'));
// The committed files, and the one under the Elastic License from ../shared when it is there
// (it may not be copied into the repository).
const ELASTIC = 'elastic-integrations-k8s-audit-pipeline-tests.jsonl';
const EVENT_FILES = [
  ...readdirSync(EVENTS_FIXTURES).filter((f) => f.endsWith('.jsonl')),
  ...(eventFile(ELASTIC) ? [ELASTIC] : []),
].sort();
const EVENT_PATHS = EVENT_FILES.map((f) => eventFile(f)!);

interface Row {
  readonly policy: string;
  readonly file: string;
  readonly line: number;
  readonly rule: number | null;
  readonly level: string | null;
}
const oracle = JSON.parse(readFileSync(join(EVENTS_FIXTURES, 'oracle-table.json'), 'utf8')) as {
  policies: string[];
  rows: Row[];
};

interface GeneratedCase {
  readonly request: string;
  readonly level: string;
  /** The 0-based rule named in the case's comment; null: no rule matches. */
  readonly rule: number | null;
}

function casesOf(text: string): GeneratedCase[] {
  const re = /^ {2}- request: (.*)\n {4}level: (\w+)\n {4}omitStages: \[.*\]\n {4}# (?:no rule matches|rule #(\d+))$/gm;
  return [...text.matchAll(re)].map((m) => ({
    request: m[1],
    level: m[2],
    rule: m[3] === undefined ? null : Number(m[3]) - 1,
  }));
}

interface EventJson {
  verb: string;
  requestURI: string;
  user?: { username?: string; groups?: string[] };
  objectRef?: Record<string, string | undefined>;
}

/** What kube-apiserver's checker reads of an event (checker.go ruleMatches; docs/REPLAY.md): a
 *  create has no name yet when it is authorized, and a non-resource request is its path. */
function kindOf(e: EventJson): string {
  const user = e.user?.username || null;
  const groups = user === null ? [] : [...(e.user?.groups ?? [])].sort();
  const ref = e.objectRef;
  if (!ref) return JSON.stringify([user, groups, e.verb, decodeURIComponent(e.requestURI.split('?')[0])]);
  const name = e.verb === 'create' && !ref.subresource ? '' : (ref.name ?? '');
  return JSON.stringify([
    user,
    groups,
    e.verb,
    ref.apiGroup ?? '',
    ref.resource ?? '',
    ref.subresource ?? '',
    ref.namespace ?? '',
    name,
  ]);
}

/** Each event of the committed files in input order, with the index of its kind (first seen first). */
function corpusKinds(): { file: string; line: number; event: EventJson; kind: number }[] {
  const kinds = new Map<string, number>();
  return EVENT_FILES.flatMap((file, f) =>
    readFileSync(EVENT_PATHS[f], 'utf8')
      .split('\n')
      .flatMap((text, i) => {
        if (text.trim() === '') return [];
        const event = JSON.parse(text) as EventJson;
        const key = kindOf(event);
        if (!kinds.has(key)) kinds.set(key, kinds.size);
        return [{ file, line: i + 1, event, kind: kinds.get(key)! }];
      }),
  );
}

const generate = (policy: string, out: string, logs: readonly string[], input?: string | Buffer) =>
  runCli(['test', '--generate', '--policy', policy, '--output', out, ...logs], input);

for (const policy of oracle.policies) {
  const title = `the corpus events (${EVENT_FILES.length} files) pinned against ${policy}`;
  test(`${title}: a case per kind, at kube-apiserver's level and rule`, () => {
    const out = join(dir, `${policy}.audit-test.yaml`);
    const r = generate(join(CORPUS_FIXTURES, policy), out, EVENT_PATHS);
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /could not be read|cannot be written/, r.stderr);
    const events = corpusKinds();
    assert.match(r.stderr, new RegExp(`from ${events.length} requests written to`));
    const cases = casesOf(readFileSync(out, 'utf8'));
    assert.equal(cases.length, new Set(events.map((e) => e.kind)).size);
    for (const e of events) {
      const row = oracle.rows.find((x) => x.policy === policy && x.file === e.file && x.line === e.line);
      assert.ok(row, `${e.file}:${e.line} is in the oracle's table`);
      const pinned = cases[e.kind];
      // Every event of a kind gets the oracle's answer: the kind holds all the checker reads.
      assert.deepEqual(
        { level: pinned.level, rule: pinned.rule },
        { level: row.level ?? 'None', rule: row.rule },
        `${e.file}:${e.line} (case ${e.kind}: ${pinned.request})`,
      );
    }
    const rerun = runCli(['test', out]);
    assert.equal(rerun.status, 0, rerun.stdout);
    assert.match(rerun.stdout, new RegExp(`: ${cases.length} passed, 0 failed\\n$`));
  });
}

const SIMPLE_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    userGroups: ["system:nodes"]
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets", "configmaps"]
  - level: RequestResponse
`;

test('after an edit, the generated file fails on exactly the kinds of request the edit changes', () => {
  const policy = join(dir, 'simple-policy.yaml');
  writeFileSync(policy, SIMPLE_POLICY);
  const out = join(dir, 'simple.audit-test.yaml');
  const r = generate(policy, out, EVENT_PATHS);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(runCli(['test', out]).status, 0);
  // Secrets now at Request: every kind of request on core secrets not made by a node changes
  // (rule #1 still takes the nodes' requests first), and nothing else.
  writeFileSync(policy, SIMPLE_POLICY.replace('resources: ["secrets", "configmaps"]', 'resources: ["configmaps"]'));
  const after = runCli(['test', '--format', 'json', out]);
  assert.equal(after.status, 1, after.stdout);
  const report = JSON.parse(after.stdout) as { files: { cases: { index: number; passed: boolean }[] }[] };
  const failing = report.files[0].cases.filter((c) => !c.passed).map((c) => c.index);
  const expected = new Set<number>();
  for (const e of corpusKinds()) {
    const ref = e.event.objectRef;
    const node = e.event.user?.groups?.includes('system:nodes') && e.event.user.username;
    if (ref && (ref.apiGroup ?? '') === '' && ref.resource === 'secrets' && !node) expected.add(e.kind);
  }
  assert.ok(expected.size > 0, 'the corpus has requests on secrets');
  assert.deepEqual(
    failing,
    [...expected].sort((a, b) => a - b),
  );
});

// Inline events, one of each shape. The expected levels follow checker.go (first match wins):
//   rule 0 None: group system:nodes; rule 1 Request: user "Jane Doe" in group "team,a" (a name and a
//   group no request line can carry); rule 2 Metadata: core secrets; rule 3 Metadata: /healthz*;
//   rule 4 RequestResponse: everything else.
const SHAPES_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: None
    userGroups: ["system:nodes"]
  - level: Request
    users: ["Jane Doe"]
    userGroups: ["team,a"]
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets"]
  - level: Metadata
    nonResourceURLs: ["/healthz*"]
  - level: RequestResponse
`;

const event = (fields: Record<string, unknown>, apiVersion = 'audit.k8s.io/v1'): Record<string, unknown> => ({
  kind: 'Event',
  apiVersion,
  level: 'Metadata',
  auditID: 'id',
  stage: 'ResponseComplete',
  requestURI: '/',
  ...fields,
});
const alice = { username: 'alice', groups: ['system:authenticated'] };
const SECRET_GET = event({
  verb: 'get',
  user: alice,
  requestURI: '/api/v1/namespaces/prod/secrets/db',
  objectRef: { resource: 'secrets', namespace: 'prod', name: 'db', apiVersion: 'v1' },
});
const NODE_GET = event(
  {
    verb: 'get',
    user: { username: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] },
    requestURI: '/api/v1/namespaces/prod/pods/web',
    objectRef: { resource: 'pods', namespace: 'prod', name: 'web', apiVersion: 'v1' },
  },
  'audit.k8s.io/v1beta1',
);
const DEPLOY = { apiGroup: 'apps', apiVersion: 'v1', resource: 'deployments', namespace: 'prod', name: 'web' };
const JANE = event({ verb: 'get', user: { username: 'Jane Doe', groups: ['team,a'] }, requestURI: '/healthz?verbose' });
const CAROL = event({ verb: 'get', user: { username: 'carol' }, requestURI: '/healthz/ready' });
const NO_RESOURCE = event({ verb: 'get', user: alice, requestURI: '/apis/apps/v1', objectRef: { apiGroup: 'apps' } });
const LOG_LINES: (string | Buffer)[] = [
  JSON.stringify(SECRET_GET), // 1: Metadata (rule 2)
  JSON.stringify(NODE_GET), // 2: None (rule 0), a v1beta1 event
  // 3: a webhook batch: EventList items carry no kind or apiVersion; a create has no name yet
  JSON.stringify({
    kind: 'EventList',
    apiVersion: 'audit.k8s.io/v1',
    items: [
      { ...event({ verb: 'create', user: alice, objectRef: DEPLOY }), kind: undefined, apiVersion: undefined },
      { ...event({ verb: 'patch', user: alice, objectRef: DEPLOY }), kind: undefined, apiVersion: undefined },
    ],
  }),
  // 4: an AKS diagnostic record, the event as a string: Request (rule 1), the attribute form
  JSON.stringify({ category: 'kube-audit', properties: { log: `${JSON.stringify(JANE)}\n` } }),
  // 5: an AKS record, the event as an object: Metadata (rule 3)
  JSON.stringify({ records: [{ category: 'kube-audit', properties: { log: CAROL } }] }),
  JSON.stringify({ ...SECRET_GET, stage: 'RequestReceived' }), // 6: the same kind as line 1
  'garbage', // 7: not JSON
  '{"kind":"Event","verb":"get"', // 8: cut short
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' } }), // 9: not an event
  Buffer.concat([Buffer.from('{"verb":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), // 10: not UTF-8
  JSON.stringify(NO_RESOURCE), // 11: a resource request with no resource: no case can express it
];
const LOG = Buffer.concat(LOG_LINES.flatMap((l) => [Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')]));

const EXPECTED_CASES = [
  { request: 'alice groups=system:authenticated GET /api/v1/namespaces/prod/secrets/db', level: 'Metadata', rule: 2 },
  {
    request: 'system:node:n1 groups=system:nodes,system:authenticated GET /api/v1/namespaces/prod/pods/web',
    level: 'None',
    rule: 0,
  },
  {
    request: 'alice groups=system:authenticated POST /apis/apps/v1/namespaces/prod/deployments',
    level: 'RequestResponse',
    rule: 4,
  },
  {
    request: 'alice groups=system:authenticated PATCH /apis/apps/v1/namespaces/prod/deployments/web',
    level: 'RequestResponse',
    rule: 4,
  },
  { request: '{"user":"Jane Doe","groups":["team,a"],"verb":"get","path":"/healthz"}', level: 'Request', rule: 1 },
  { request: 'carol GET /healthz/ready', level: 'Metadata', rule: 3 },
];

test('every shape of log: standard input and gzip give the same cases; bad lines are counted, not fatal', () => {
  const policy = join(dir, 'shapes-policy.yaml');
  writeFileSync(policy, SHAPES_POLICY);
  const fromStdin = join(dir, 'stdin.audit-test.yaml');
  const r = generate(policy, fromStdin, ['-'], LOG);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /6 cases from 8 requests written to .*\n.*standard input: audit log, 8 events, 4 bad lines\n/);
  for (const [line, reason] of [
    [7, 'not JSON'],
    [8, 'not JSON'],
    [9, 'not an audit event: kind "Pod"'],
    [10, 'not valid UTF-8'],
  ] as const)
    assert.match(r.stderr, new RegExp(`stdin:${line}: ${reason}`));
  assert.match(r.stderr, /1 kind of request cannot be written as a case .*\n.*"user":"alice".*"resource":""/);
  const text = readFileSync(fromStdin, 'utf8');
  assert.deepEqual(casesOf(text), EXPECTED_CASES);
  assert.match(text, /^# Not pinned: 1 kind of request no case can express:\n# {3}\{"user":"alice",.*\n$/m);

  const gz = join(dir, 'audit.log.1.gz');
  writeFileSync(gz, gzipSync(LOG));
  const fromGzip = join(dir, 'gzip.audit-test.yaml');
  const g = generate(policy, fromGzip, [gz]);
  assert.equal(g.status, 0, g.stderr);
  assert.match(g.stderr, /audit\.log\.1\.gz: audit log, 8 events, 4 bad lines/);
  assert.deepEqual(casesOf(readFileSync(fromGzip, 'utf8')), EXPECTED_CASES);

  // The round trip: the attribute form carries the user and the groups (rule 1 needs both).
  const rerun = runCli(['test', fromStdin]);
  assert.equal(rerun.status, 0, rerun.stdout);
  assert.match(rerun.stdout, /6 passed, 0 failed\n$/);
  // Jane's group no longer counts: only her case changes, to rule 3's Metadata (/healthz*).
  writeFileSync(policy, SHAPES_POLICY.replace('userGroups: ["team,a"]', 'userGroups: ["team,b"]'));
  const after = runCli(['test', fromStdin]);
  assert.equal(after.status, 1);
  assert.match(after.stdout, /5 passed, 1 failed\n$/);
  assert.match(
    after.stdout,
    /FAIL case 5 .*Jane Doe.*\n {4}expected level Request, the policy gives Metadata: rule #4 /,
  );
});

test('a truncated gzip file: the events before the cut count, the rest is one bad line', () => {
  const policy = join(dir, 'shapes-policy-2.yaml');
  writeFileSync(policy, SHAPES_POLICY);
  const whole = gzipSync(Buffer.concat(Array.from({ length: 2000 }, () => Buffer.from(`${JSON.stringify(CAROL)}\n`))));
  const gz = join(dir, 'cut.log.gz');
  writeFileSync(gz, whole.subarray(0, whole.length - 20));
  const r = runCli(['test', '--generate', '--policy', policy, gz]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /cut\.log\.gz:\d+: the rest of the file cannot be read/);
  assert.equal(casesOf(r.stdout).length, 1);
});

test('request lines and audit logs together: each input says what it is by its first line', () => {
  const policy = join(dir, 'shapes-policy-3.yaml');
  writeFileSync(policy, SHAPES_POLICY);
  const lines = join(dir, 'requests.txt');
  writeFileSync(
    lines,
    `# seen in the access log\ncarol GET /healthz/ready\n${JSON.stringify(SECRET_GET)}\nbob GET /api/v1/pods\n`,
  );
  const log = join(dir, 'audit.log');
  writeFileSync(log, `${JSON.stringify(SECRET_GET)}\n`);
  const r = runCli(['test', '--generate', '--policy', policy, lines, log]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /requests\.txt: request lines, 2 requests, 1 bad line\n/);
  assert.match(r.stderr, /requests\.txt:3: JSON \(an audit event\?\) in a file of request lines/);
  assert.match(r.stderr, /audit\.log: audit log, 1 event\n/);
  assert.deepEqual(
    casesOf(r.stdout).map((c) => c.request),
    ['carol GET /healthz/ready', 'bob GET /api/v1/pods', EXPECTED_CASES[0].request],
  );
});

test('a container log (CRI lines, pieces joined) is an audit log, read as replay reads it', () => {
  const policy = join(dir, 'shapes-policy-cri.yaml');
  writeFileSync(policy, SHAPES_POLICY);
  const event = JSON.stringify(SECRET_GET);
  const log = join(dir, 'kube-apiserver.log');
  const at = '2024-05-01T10:00:00.123456789Z';
  writeFileSync(log, `${at} stdout P ${event.slice(0, 40)}\n${at} stdout F ${event.slice(40)}\n`);
  const r = runCli(['test', '--generate', '--policy', policy, log]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /kube-apiserver\.log: audit log, 1 event\n/);
  assert.deepEqual(
    casesOf(r.stdout).map((c) => c.request),
    [EXPECTED_CASES[0].request],
  );
});

test('bad usage and unreadable logs exit 2 before anything is written', () => {
  const policy = join(dir, 'shapes-policy-4.yaml');
  writeFileSync(policy, SHAPES_POLICY);
  const missing = runCli(['test', '--generate', '--policy', policy, join(dir, 'no-such.log')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*no-such\.log: no such file or directory/);
  const noLog = runCli(['test', '--generate', '--policy', policy]);
  assert.equal(noLog.status, 2);
  assert.match(noLog.stderr, /--generate needs at least one LOG/);
  assert.equal(runCli(['test', '--fold', '.']).status, 2);
});

// Test files: how they are read (problems at their place, never a throw) and how cases are
// judged. Levels are kube-apiserver's (checker.go, first match wins), noted beside each case.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  createPolicyDocument,
  failureMessage,
  FILE_KEYS,
  parseTestFile,
  runSuite,
  testFileHover,
} from '../../../server/src/service';

const POLICY = createPolicyDocument(
  'file:///p.yaml',
  1,
  `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
      - group: ""
        resources: ["endpoints"]
  - level: RequestResponse
    namespaces: ["prod"]
    resources:
      - group: ""
        resources: ["pods"]
  - level: Metadata
`,
);

test('cases pass and fail by level, bounds, stages and rule, and a failure names the deciding rule', () => {
  const file = parseTestFile(`policy: p.yaml
cases:
  - request: alice DELETE /api/v1/namespaces/prod/pods/web
    level: RequestResponse
    rule: 1
  - request: { user: system:kube-proxy, verb: watch, resource: endpoints }
    level: None
  - request: bob GET /api/v1/namespaces/x/secrets/y
    level: Metadata
    omitStages: [RequestReceived]
  - request: bob GET /api/v1/namespaces/x/secrets/y
    minLevel: Request
  - request: bob GET /api/v1/namespaces/prod/pods/web
    maxLevel: Metadata
    recordedStages: [RequestReceived]
`);
  assert.deepEqual(file.problems, []);
  const suite = runSuite(file, POLICY);
  // 1: rule #2 (prod pods) at RequestResponse; 2: rule #1 (kube-proxy watches endpoints) None;
  // 3: the catch-all, Metadata, the policy omits RequestReceived.
  assert.deepEqual(
    suite.results.map((r) => r.passed),
    [true, true, true, false, false],
  );
  assert.equal(
    failureMessage(suite.results[3]),
    'expected at least Request, the policy gives Metadata: rule #3 (line 16) decides',
  );
  assert.equal(
    failureMessage(suite.results[4]),
    'expected at most Metadata, the policy gives RequestResponse; expected RequestReceived to be recorded, the policy omits [RequestReceived]: rule #2 (line 11) decides',
  );
  assert.deepEqual([suite.passed, suite.failed], [3, 2]);
});

test('mistakes in a test file are problems at their place, and such cases are not run', () => {
  const text = `policy: p.yaml
kubernetesVersion: "2.0"
casez: []
cases:
  - request: alice FETCH /api/v1/pods
    level: Metadata
  - request: alice GET /api/v1/pods
    levle: Metadata
  - request: alice GET /api/v1/pods
    level: metadata
  - request: alice GET /api/v1/pods
  - just a string
`;
  const file = parseTestFile(text);
  const at = (p: { start: number }) => text.slice(p.start).split('\n')[0];
  assert.deepEqual(
    file.problems.map((p) => [at(p), p.message.split(' (')[0].split(':')[0]]),
    [
      ['"2.0"', '`kubernetesVersion` must be a version like "1.30" (1.12 or later), not "2.0"'],
      ['casez: []', 'unknown key `casez` in the test file'],
      ['alice FETCH /api/v1/pods', 'the request cannot be read'],
      ['alice GET /api/v1/pods', 'the case expects nothing'],
      ['levle: Metadata', 'unknown key `levle` in a case'],
      ['metadata', '`level` must be one of None, Metadata, Request, RequestResponse, not "metadata"'],
      ['alice GET /api/v1/pods', 'the case expects nothing'],
      ['just a string', 'a case is a mapping with `request` and what to expect'],
    ].map(([a, b]) => [a, b.split(' (')[0].split(':')[0]]),
  );
  assert.ok(file.cases.every((c) => c.request === undefined));
});

test('any text reads without throwing', () => {
  for (const text of [
    '',
    ':',
    '- a\n- b',
    'cases: 3',
    'cases:\n  - request: [1, 2]\n    level: None',
    '\u0000\u0001',
    'a: &x [*x]',
  ]) {
    const file = parseTestFile(text);
    assert.ok(file.problems.length > 0, JSON.stringify(text));
  }
});

test("a policy kube-apiserver of the file's version refuses fails every case", () => {
  const refused = createPolicyDocument(
    'file:///r.yaml',
    1,
    'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n  - level: Metadata\n',
  );
  const file = parseTestFile('cases:\n  - request: alice GET /api/v1/pods\n    level: Metadata\n');
  // audit.k8s.io/v1beta1 was removed in 1.24 (the newest version is the default), loads in 1.23.
  assert.match(runSuite(file, refused).refused ?? '', /^kube-apiserver 1\.36 refuses this policy/);
  assert.equal(runSuite(file, refused).failed, 1);
  const file123 = parseTestFile(
    'kubernetesVersion: "1.23"\ncases:\n  - request: alice GET /api/v1/pods\n    level: Metadata\n',
  );
  assert.equal(runSuite(file123, refused).refused, undefined);
  assert.equal(runSuite(file123, refused).passed, 1);
});

test('`embeddedAt` names one of the policies the `policy` file holds; without `policy` it is a problem', () => {
  const file = parseTestFile(
    `policy: cm.yaml\nembeddedAt: 'data["policy.yaml"]'\ncases:\n  - request: GET /healthz\n    level: None\n`,
  );
  assert.deepEqual([file.policy, file.embeddedAt, file.problems], ['cm.yaml', 'data["policy.yaml"]', []]);
  const text = `embeddedAt: x\ncases:\n  - request: GET /healthz\n    level: None\n`;
  const alone = parseTestFile(text);
  assert.deepEqual(
    alone.problems.map((p) => [text.slice(p.start, p.end), p.message]),
    [['x', '`embeddedAt` names one of the policies the file `policy` holds: give `policy` too']],
  );
  // A key of the file, explained on hover.
  assert.ok(FILE_KEYS.includes('embeddedAt'));
  const hover = testFileHover('embeddedAt: x\n', { line: 0, character: 3 });
  assert.match(JSON.stringify(hover?.contents), /holds several policies, the one at this path/);
  const notString = parseTestFile(`policy: cm.yaml\nembeddedAt: [a]\ncases: []\n`);
  assert.deepEqual(
    notString.problems.map((p) => p.message),
    ['`embeddedAt` must be a string'],
  );
});

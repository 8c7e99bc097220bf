// test --generate's pure parts: the kinds of request (what checker.go ruleMatches reads, nothing
// else), cases that read back as the request they pin (a line, else the attribute form), kinds no
// case can express (listed, never dropped), and the input reader's choice between an audit log and
// request lines. Levels follow checker.go (the first rule that matches decides).
import { strict as assert } from 'node:assert';
import { isUtf8 } from 'node:buffer';
import { test } from 'node:test';
import {
  attributesFrom,
  createPolicyDocument,
  parseTestFile,
  RequestLogReader,
  runSuite,
  TestGenerator,
} from '../../../server/src/service';
import type { RequestAttributes, RequestInput } from '../../../server/src/service';

const POLICY = createPolicyDocument(
  'file:///policy.yaml',
  1,
  `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
  - level: None
    verbs: ["impersonate"]
    userGroups: ["bots"]
  - level: Request
    verbs: ["impersonate"]
  - level: Metadata
`,
);

const request = (input: RequestInput): RequestAttributes => attributesFrom(input);
const generate = (requests: RequestAttributes[], fold = false) => {
  const generator = new TestGenerator(POLICY, { fold });
  for (const r of requests) generator.add(r);
  return generator.render({ policyPath: 'policy.yaml' });
};

test('one case per set of what the checker reads: group order, API version and repeats do not count', () => {
  const pods = { user: 'alice', verb: 'get', resource: 'pods', namespace: 'x', name: 'a' };
  const out = generate([
    request({ ...pods, groups: ['g1', 'g2'], apiVersion: 'v1' }),
    request({ ...pods, groups: ['g2', 'g1'], apiVersion: 'v2' }),
    request({ ...pods, groups: ['g1', 'g2'], name: 'b' }),
    request({ ...pods, groups: ['g1', 'g2'], name: 'b' }),
  ]);
  assert.equal(out.requests, 4);
  assert.equal(out.cases, 2);
  assert.deepEqual(out.unexpressible, []);
  // --fold: the policy lists no names, so both pods are one kind.
  assert.equal(generate([request({ ...pods, name: 'a' }), request({ ...pods, name: 'b' })], true).cases, 1);
});

test('a verb no HTTP method gives is pinned in the attribute form, groups included, and passes', () => {
  const out = generate([
    request({ user: 'ci', groups: ['bots'], verb: 'impersonate', resource: 'users', name: 'alice' }),
    request({ user: 'ci', verb: 'impersonate', resource: 'users', name: 'alice' }),
  ]);
  assert.equal(out.cases, 2);
  const bot = '{"user":"ci","groups":["bots"],"verb":"impersonate","resource":"users","name":"alice"}';
  assert.ok(out.text.includes(`- request: ${bot}\n    level: None\n`), out.text);
  assert.match(
    out.text,
    /- request: \{"user":"ci","verb":"impersonate","resource":"users","name":"alice"\}\n {4}level: Request\n/,
  );
  const file = parseTestFile(out.text);
  assert.deepEqual(file.problems, []);
  const suite = runSuite(file, POLICY);
  assert.deepEqual({ passed: suite.passed, failed: suite.failed }, { passed: 2, failed: 0 });
});

test('a kind no case can express is listed at the end of the file, not dropped', () => {
  const noResource: RequestAttributes = { ...request({ user: 'a', verb: 'get', resource: 'pods' }), resource: '' };
  const noPath: RequestAttributes = { ...request({ user: 'a', verb: 'get', path: '/x' }), path: '' };
  const out = generate([noResource, noPath, request({ user: 'a', verb: 'get', path: '/healthz' })]);
  assert.equal(out.cases, 1);
  assert.equal(out.unexpressible.length, 2);
  assert.match(out.text, /^# Not pinned: 2 kinds of request no case can express:$/m);
  assert.equal(runSuite(parseTestFile(out.text), POLICY).passed, 1);
});

test('the reader: the first significant line decides between an audit log and request lines', () => {
  const read = (text: string) => {
    const requests: RequestAttributes[] = [];
    const bad: string[] = [];
    const reader = new RequestLogReader(
      { request: (r) => requests.push(r), bad: (line, reason) => bad.push(`${line}: ${reason}`) },
      { isValid: isUtf8, decode: (b) => Buffer.from(b).toString('utf8') },
    );
    text.split('\n').forEach((line, i) => reader.line(i + 1, Buffer.from(line)));
    return { kind: reader.kind, requests, bad };
  };
  const event = JSON.stringify({
    level: 'Metadata',
    stage: 'ResponseComplete',
    verb: 'get',
    requestURI: '/healthz',
    user: { username: 'alice' },
  });
  const log = read(`# exported from the cluster\n\n${event}\n# a comment is not JSON\n`);
  assert.equal(log.kind, 'audit log');
  assert.equal(log.requests.length, 1);
  assert.equal(log.bad.length, 1);
  assert.match(log.bad[0], /^4: not JSON/);
  const lines = read('# requests\nalice GET /healthz\n\n# more\nbob DELETE /api/v1/namespaces/x/pods/y\n');
  assert.equal(lines.kind, 'request lines');
  assert.deepEqual(
    lines.requests.map((r) => [r.user, r.verb]),
    [
      ['alice', 'get'],
      ['bob', 'delete'],
    ],
  );
  assert.deepEqual(lines.bad, []);
  assert.equal(read('\n# nothing\n').kind, undefined);
});

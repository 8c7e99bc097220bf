// `kube-audit-policy explain` as a user runs it: the natural form and the flags, both formats,
// exit codes and one-line usage errors.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const POLICY = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'omitStages: ["RequestReceived"]',
  'rules:',
  '  - level: None',
  '    users: ["system:kube-proxy"]',
  '  - level: RequestResponse',
  '    namespaces: ["prod"]',
  '    verbs: ["delete"]',
  '    resources:',
  '    - group: ""',
  '      resources: ["pods"]',
  '    omitManagedFields: true',
  '  - level: Metadata',
  '    userGroups: ["system:authenticated"]',
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'kap-explain-'));
const file = join(dir, 'policy.yaml');
writeFileSync(file, POLICY);

function json(args: string[]): {
  rule: number | null;
  line: number | null;
  level: string;
  omitStages: string[];
  omitManagedFields: boolean;
  trace: Array<{ rule: number; line: number; field: string; reason: string }>;
} {
  const r = runCli(['explain', '--policy', file, '--format', 'json', ...args]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('the natural form: --user alice DELETE /path', () => {
  const result = json(['--user', 'alice', 'DELETE', '/api/v1/namespaces/prod/pods/webapp-pod']);
  assert.deepEqual(result, {
    rule: 1,
    line: 7,
    level: 'RequestResponse',
    omitStages: ['RequestReceived'],
    omitManagedFields: true,
    trace: [{ rule: 0, line: 5, field: 'users', reason: 'user "alice" is not in users ["system:kube-proxy"]' }],
  });
});

test('the user may come first in the natural form', () => {
  assert.equal(json(['system:kube-proxy', 'DELETE', '/api/v1/namespaces/prod/pods/webapp-pod']).level, 'None');
});

test('flags: a resource request', () => {
  const result = json([
    '--user',
    'bob',
    '--group',
    'system:authenticated',
    '--verb',
    'get',
    '--resource',
    'configmaps',
    '--namespace',
    'default',
  ]);
  assert.deepEqual([result.rule, result.level, result.trace.map((t) => t.field)], [2, 'Metadata', ['users', 'verbs']]);
});

test('flags: a non-resource request without a user matches nothing', () => {
  const result = json(['--verb', 'get', '--path', '/healthz']);
  assert.deepEqual(
    [result.rule, result.line, result.level, result.omitStages, result.omitManagedFields],
    [null, null, 'None', ['RequestReceived'], false],
  );
  assert.deepEqual(
    result.trace.map((t) => t.field),
    ['users', 'verbs', 'userGroups'],
  );
});

test('text output says it in words', () => {
  const r = runCli([
    'explain',
    '--policy',
    file,
    '--user',
    'alice',
    'DELETE',
    '/api/v1/namespaces/prod/pods/webapp-pod',
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Request: user "alice": delete pods "webapp-pod" \(core group\) in namespace "prod"$/m);
  assert.match(r.stdout, /rule #1 \(line 5\) does not match: user "alice" is not in users/);
  assert.match(r.stdout, /rule #2 \(line 7\) matches, and the first matching rule wins\./);
  assert.match(r.stdout, /^Level: RequestResponse; omitted stages: RequestReceived; managed fields omitted\.$/m);
});

test('bad usage: exit 2 and one clear line', () => {
  const cases: Array<[string[], RegExp]> = [
    [['explain', '--verb', 'get', '--path', '/x'], /explain needs --policy FILE/],
    [['explain', '--policy', file], /explain needs a request/],
    [['explain', '--policy', file, '--verb', 'get'], /give a resource .* or a path/],
    [['explain', '--policy', file, '--group', 'g', '--verb', 'get', '--path', '/x'], /give the user too/],
    [['explain', '--policy', file, 'FETCH', '/x'], /"FETCH" is not an HTTP method/],
    [['explain', '--policy', file, '--verb', 'get', 'GET', '/x'], /not both \(--verb\)/],
    [['explain', '--policy', file, '--format', 'yaml', 'GET', '/x'], /invalid --format "yaml"/],
    [
      ['explain', '--policy', join(dir, 'missing.yaml'), 'GET', '/x'],
      /cannot read .*missing\.yaml: no such file or directory/,
    ],
    [['explain', '--policy', file, '--bogus', 'GET', '/x'], /unknown option --bogus/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('a policy kube-apiserver would refuse: the answer, and a note on standard error', () => {
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n');
  const r = runCli(['explain', '--policy', broken, '--format', 'json', 'GET', '/healthz']);
  assert.equal(r.status, 0);
  assert.equal(JSON.parse(r.stdout).rule, 0);
  assert.match(
    r.stderr,
    /^kube-audit-policy: note: kube-apiserver would refuse this policy \(1 error\); run kube-audit-policy lint /,
  );
  assert.equal(runCli(['explain', '--policy', file, 'GET', '/healthz']).stderr, '');
});

test('--kubernetes-version is checked and used for that note', () => {
  const star = join(dir, 'star.yaml');
  writeFileSync(
    star,
    'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  resources: [{group: "*"}]\n',
  );
  assert.equal(runCli(['explain', '--policy', star, 'GET', '/healthz']).stderr, '');
  assert.match(
    runCli(['explain', '--policy', star, '--kubernetes-version', '1.35', 'GET', '/healthz']).stderr,
    /would refuse this policy/,
  );
  const bad = runCli(['explain', '--policy', star, '--kubernetes-version', 'latest', 'GET', '/healthz']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /invalid --kubernetes-version "latest"/);
});

// `kube-audit-policy test` as a user runs it: test files and directories, packs, --generate, the
// three formats and the exit codes (0 all pass, 1 a case fails, 2 bad usage or a bad file).
// Expected levels are kube-apiserver's (checker.go: first match wins), noted beside the cases.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'kap-test-'));
const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
      - group: ""
        resources: ["endpoints", "services"]
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets", "configmaps"]
  - level: RequestResponse
`;
writeFileSync(join(dir, 'policy.yaml'), POLICY);
const write = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const passing = write(
  'ok.audit-test.yaml',
  `policy: policy.yaml
cases:
  - request: system:kube-proxy GET /api/v1/endpoints?watch=true
    level: None          # rule #1
  - request: bob GET /api/v1/namespaces/x/secrets/y
    level: Metadata      # rule #2
    omitStages: [RequestReceived]
    rule: 1
  - request: { user: alice, verb: delete, namespace: prod, resource: pods, name: web }
    level: RequestResponse   # rule #3, the catch-all
`,
);
const failing = write(
  'bad.audit-test.yaml',
  `policy: policy.yaml
cases:
  - request: alice DELETE /api/v1/namespaces/prod/pods/web
    level: Metadata      # the policy gives RequestResponse (rule #3)
    name: pod deletions at Metadata
`,
);

test('a passing test file exits 0 and says so', () => {
  const r = runCli(['test', passing]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^PASS .*ok\.audit-test\.yaml \(policy .*policy\.yaml\): 3 passed, 0 failed$/m);
  assert.match(r.stdout, /1 test file: 3 passed, 0 failed\n$/);
});

test('a failing case exits 1 and says what was expected, what the policy gives and which rule decided', () => {
  const r = runCli(['test', failing]);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /FAIL case 1 \(line 3\) "pod deletions at Metadata": alice DELETE \/api\/v1\/namespaces\/prod\/pods\/web/,
  );
  assert.match(r.stdout, /expected level Metadata, the policy gives RequestResponse: rule #3 \(line 15\) decides/);
});

test('a directory is searched for *.audit-test.yaml; JSON has one object with every case', () => {
  const r = runCli(['test', '--format', 'json', dir]);
  assert.equal(r.status, 1);
  const json = JSON.parse(r.stdout);
  assert.deepEqual([json.passed, json.failed, json.errors], [3, 1, 0]);
  assert.deepEqual(
    json.files.map((f: { file: string }) => f.file.split('/').pop()),
    ['bad.audit-test.yaml', 'ok.audit-test.yaml'],
  );
  const failed = json.files[0].cases[0];
  assert.deepEqual(
    [failed.passed, failed.actual.rule, failed.actual.level, failed.expected.level],
    [false, 2, 'RequestResponse', 'Metadata'],
  );
});

test('JUnit XML has a testcase per case and a failure with the message', () => {
  const r = runCli(['test', '--format', 'junit', passing, failing]);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="kube-audit-policy test" tests="4" failures="1" errors="0">/,
  );
  assert.equal((r.stdout.match(/<testcase /g) ?? []).length, 4);
  assert.match(
    r.stdout,
    /<failure message="expected level Metadata, the policy gives RequestResponse: rule #3 \(line 15\) decides">/,
  );
});

test('a test file with mistakes, a missing policy, a missing file and bad flags exit 2', () => {
  const typo = write(
    'typo.audit-test.yaml',
    'policy: policy.yaml\ncases:\n  - request: alice GET /api/v1/pods\n    levle: Metadata\n',
  );
  const r = runCli(['test', typo]);
  assert.equal(r.status, 2);
  assert.match(r.stdout, /error at line 4: unknown key `levle` in a case/);
  const noPolicy = write(
    'nopolicy.audit-test.yaml',
    'policy: missing.yaml\ncases:\n  - request: alice GET /api/v1/pods\n    level: Metadata\n',
  );
  assert.equal(runCli(['test', noPolicy]).status, 2);
  const missing = runCli(['test', join(dir, 'nothing.audit-test.yaml')]);
  assert.equal(missing.status, 2);
  assert.match(
    missing.stderr,
    /^kube-audit-policy: cannot read .*nothing\.audit-test\.yaml: no such file or directory\n$/,
  );
  assert.equal(runCli(['test', '--format', 'xml', passing]).status, 2);
  assert.equal(runCli(['test', '--pack', 'cis']).status, 2);
  assert.match(
    runCli(['test', '--pack', 'nist', '--policy', join(dir, 'policy.yaml')]).stderr,
    /unknown pack "nist" \(the packs are cis, falco, who-did-what\)/,
  );
  // A prototype member's name is no pack either (it used to be read as one, and fail inside).
  for (const args of [
    ['--pack', 'constructor', '--policy', join(dir, 'policy.yaml')],
    ['--print', '--pack', 'toString'],
  ])
    assert.match(runCli(['test', ...args]).stderr, /^kube-audit-policy: unknown pack "(constructor|toString)"/);
});

test('packs run against --policy: the catch-all at RequestResponse breaks CIS on configmaps and tokenreviews', () => {
  const r = runCli(['test', '--pack', 'cis', '--policy', join(dir, 'policy.yaml')]);
  assert.equal(r.status, 1);
  // secrets and configmaps are at Metadata (rule #2); tokenreviews fall to the catch-all (RequestResponse),
  // which CIS 3.2.2 wants at Metadata at most. Everything else is recorded.
  assert.match(r.stdout, /^FAIL pack:cis \(policy .*\): 25 passed, 1 failed$/m);
  assert.match(r.stdout, /tokenreviews create is logged at most at Metadata/);
  assert.match(r.stdout, /source: CIS Kubernetes Benchmark 3\.2\.2/);
  assert.match(runCli(['test', '--pack', 'cis', '--print']).stdout, /^# CIS Kubernetes Benchmark 3\.2\.2/);
});

test('--generate pins what the policy does for each kind of request; the file passes, and fails after a change', () => {
  const log = write(
    'requests.txt',
    [
      '# requests seen',
      'system:kube-proxy GET /api/v1/endpoints?watch=true',
      'bob GET /api/v1/namespaces/x/secrets/a',
      'bob GET /api/v1/namespaces/x/secrets/b', // another name: another kind (a rewrite may list it)
      'bob GET /api/v1/namespaces/x/secrets/b', // the same request again
      'carol GET /healthz',
      '',
    ].join('\n'),
  );
  const out = join(dir, 'pinned.audit-test.yaml');
  const r = runCli(['test', '--generate', '--policy', join(dir, 'policy.yaml'), '--output', out, log]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /4 cases from 5 requests written to .*\n.*requests\.txt: request lines, 5 requests\n/);
  const text = readFileSync(out, 'utf8');
  assert.match(text, /^policy: "policy\.yaml"$/m);
  assert.equal(runCli(['test', out]).status, 0);
  writeFileSync(
    join(dir, 'policy.yaml'),
    POLICY.replace('resources: ["secrets", "configmaps"]', 'resources: ["configmaps"]'),
  );
  try {
    const after = runCli(['test', out]);
    assert.equal(after.status, 1);
    assert.match(
      after.stdout,
      /bob GET \/api\/v1\/namespaces\/x\/secrets\/a\n {4}expected level Metadata, the policy gives RequestResponse/,
    );
  } finally {
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
  }
  // --fold: the policy lists no secret names, so both secrets are one case.
  const folded = runCli(['test', '--generate', '--fold', '--policy', join(dir, 'policy.yaml'), log]);
  assert.equal(folded.status, 0, folded.stderr);
  assert.match(folded.stderr, /3 cases from 5 requests\n/);
  // A line that is not a request is reported with its place, and the rest is read.
  const bad = write('bad-requests.txt', 'alice FETCH /x\nalice GET /api/v1/pods\n');
  const withBad = runCli(['test', '--generate', '--policy', join(dir, 'policy.yaml'), bad]);
  assert.equal(withBad.status, 0, withBad.stderr);
  assert.match(withBad.stderr, /1 case from 1 request\n/);
  assert.match(withBad.stderr, /bad-requests\.txt:1: "FETCH" is not an HTTP method/);
});

test("the test files of the corpus policies pass (their expected values are kube-apiserver's)", () => {
  const r = runCli(['test', 'test/fixtures/corpus-tests']);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /8 test files: 88 passed, 0 failed\n$/);
});

test('--policy may name a file that holds the policy; --embedded-at picks one of several', () => {
  const indented = POLICY.replace(/^(?=.)/gm, '    ');
  const host = write(
    'audit-configmap.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n  policy.yaml: |\n${indented}`,
  );
  const r = runCli(['test', '--policy', host, passing]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const two = write(
    'two.yaml',
    `${readFileSync(host, 'utf8')}  catch-all.yaml: |\n    apiVersion: audit.k8s.io/v1\n    kind: Policy\n    rules:\n      - level: Metadata\n`,
  );
  const ambiguous = runCli(['test', '--policy', two, passing]);
  assert.equal(ambiguous.status, 2, ambiguous.stdout + ambiguous.stderr);
  assert.match(
    ambiguous.stdout + ambiguous.stderr,
    /holds 2 policies: choose one with --embedded-at \(data\["policy\.yaml"\], data\["catch-all\.yaml"\]\)/,
  );
  const picked = runCli(['test', '--policy', two, '--embedded-at', 'data["policy.yaml"]', passing]);
  assert.equal(picked.status, 0);
  // The report says which policy of the file the cases ran against, as lint names it.
  assert.match(
    picked.stdout,
    /^PASS .*ok\.audit-test\.yaml \(policy .*two\.yaml \(data\["policy\.yaml"\]\)\): 3 passed/m,
  );
  // Under the catch-all Metadata policy the None and RequestResponse cases fail (checker.go: one rule).
  assert.equal(runCli(['test', '--policy', two, '--embedded-at', 'data["catch-all.yaml"]', passing]).status, 1);
  assert.equal(runCli(['test', '--embedded-at', 'data["policy.yaml"]', passing]).status, 2);
});

test("a test file's `embeddedAt` names one of the policies its `policy` file holds, as --embedded-at does", () => {
  const indented = (text: string) => text.replace(/^(?=.)/gm, '    ');
  write(
    'sub-two.yaml',
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n  policy.yaml: |\n${indented(POLICY)}` +
      `  catch-all.yaml: |\n${indented('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Metadata\n')}`,
  );
  const cases = readFileSync(passing, 'utf8').replace('policy: policy.yaml\n', '');
  const named = write('named.audit-test.yaml', `policy: sub-two.yaml\nembeddedAt: 'data["policy.yaml"]'\n${cases}`);
  const r = runCli(['test', named]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^PASS .*named\.audit-test\.yaml \(policy .*sub-two\.yaml \(data\["policy\.yaml"\]\)\): 3/m);
  // Against the catch-all (one rule, Metadata: checker.go) the None and RequestResponse cases fail.
  const other = write('other.audit-test.yaml', `policy: sub-two.yaml\nembeddedAt: data["catch-all.yaml"]\n${cases}`);
  assert.equal(runCli(['test', other]).status, 1);
  // Not named: refused with the list, in the test file's words; a path it does not hold: the list too.
  const ambiguous = runCli(['test', write('amb.audit-test.yaml', `policy: sub-two.yaml\n${cases}`)]);
  assert.equal(ambiguous.status, 2);
  assert.match(
    ambiguous.stdout,
    /holds 2 policies: choose one with `embeddedAt` \(data\["policy\.yaml"\], data\["catch-all\.yaml"\]\)/,
  );
  const wrong = runCli([
    'test',
    write('wrong.audit-test.yaml', `policy: sub-two.yaml\nembeddedAt: data["x"]\n${cases}`),
  ]);
  assert.equal(wrong.status, 2);
  assert.match(
    wrong.stdout,
    /holds no policy at data\["x"\] \(it holds: data\["policy\.yaml"\], data\["catch-all\.yaml"\]\)/,
  );
  // A policy file holds no other policy.
  const itself = runCli([
    'test',
    write('itself.audit-test.yaml', `policy: policy.yaml\nembeddedAt: data["x"]\n${cases}`),
  ]);
  assert.equal(itself.status, 2);
  assert.match(itself.stdout, /`embeddedAt`: .*policy\.yaml is itself a policy, it holds none/);
  // --policy replaces the file's policy and its `embeddedAt` with it.
  const override = runCli(['test', '--policy', join(dir, 'policy.yaml'), other]);
  assert.equal(override.status, 0, override.stdout);
});

test('--generate --embedded-at writes `embeddedAt` beside `policy`, and the file it writes runs', () => {
  const host = join(dir, 'sub-two.yaml');
  const requests = write('gen-requests.txt', 'bob GET /api/v1/namespaces/x/secrets/y\nalice GET /api/v1/pods\n');
  const out = join(dir, 'gen.audit-test.yaml');
  const generated = runCli([
    'test',
    '--generate',
    '--policy',
    host,
    '--embedded-at',
    'data["catch-all.yaml"]',
    '--output',
    out,
    requests,
  ]);
  assert.equal(generated.status, 0, generated.stderr);
  assert.match(readFileSync(out, 'utf8'), /^policy: "sub-two\.yaml"\nembeddedAt: "data\[\\"catch-all\.yaml\\"\]"\n/m);
  const r = runCli(['test', out]);
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /\(data\["catch-all\.yaml"\]\)\): 2 passed/);
});

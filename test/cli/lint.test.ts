// `kube-audit-policy lint` as a user runs it: exit codes, the text and JSON formats, stdin.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const GOOD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';
const BAD = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metdata\n';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kap-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('the seed example: two warnings in file:line:col form, exit 0', () => {
  const r = runCli(['lint', 'examples/seed-policy.yaml']);
  assert.equal(r.status, 0);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^examples\/seed-policy\.yaml:8:7: warning unknown-field: /);
  assert.match(lines[1], /^examples\/seed-policy\.yaml:10:23: warning surrounding-whitespace: /);
  assert.equal(lines.length, 3);
});

test('an error gives exit 1', () => {
  const dir = tempDir({ 'p.yaml': BAD });
  const r = runCli(['lint', join(dir, 'p.yaml')]);
  assert.equal(r.status, 1);
  assert.match(
    r.stdout,
    /p\.yaml:4:10: error invalid-level: kube-apiserver will refuse to start: rules\[0\]\.level: Unsupported value: "Metdata"/,
  );
});

test('--format json prints exactly one object in the documented shape', () => {
  const r = runCli(['lint', '--format', 'json', 'examples/seed-policy.yaml']);
  assert.equal(r.status, 0);
  const parsed = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(parsed), ['files']);
  assert.equal(parsed.files[0].file, 'examples/seed-policy.yaml');
  assert.deepEqual(parsed.files[0].diagnostics[0], {
    code: 'unknown-field',
    severity: 'warning',
    message: parsed.files[0].diagnostics[0].message,
    path: 'rules[0].resources[0].groups',
    range: { start: { line: 7, character: 6 }, end: { line: 7, character: 12 } },
  });
  assert.equal(typeof parsed.files[0].diagnostics[0].message, 'string');
});

test('- reads standard input', () => {
  const r = runCli(['lint', '--format=json', '-'], BAD);
  assert.equal(r.status, 1);
  const parsed = JSON.parse(r.stdout);
  assert.equal(parsed.files[0].file, '-');
  assert.deepEqual(
    parsed.files[0].diagnostics.map((d: { code: string }) => d.code),
    ['invalid-level'],
  );
});

test('a directory is searched for YAML files that are audit policies; other YAML is skipped', () => {
  const dir = tempDir({
    'a/good.yaml': GOOD,
    'b/bad.yml': BAD,
    'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
    'notes.txt': BAD,
  });
  const r = runCli(['lint', '--format', 'json', dir]);
  assert.equal(r.status, 1);
  const files = JSON.parse(r.stdout).files.map((f: { file: string }) => f.file.slice(dir.length + 1));
  assert.deepEqual(files, ['a/good.yaml', 'b/bad.yml']);
});

test('a directory lint finds policies by their shape too, which kube-apiserver refuses (oracle: refused, each)', () => {
  const dir = tempDir({
    // oracle: unknown group version field audit.k8s.io/__internal, Kind=Policy in policy
    'no-api-version.yaml': 'rules:\n- level: Metadata\n',
    // oracle: the same
    'kind-only.yaml': 'kind: Policy\nrules:\n- level: None\n',
    // oracle: no kind "Policy" is registered for version "audit.k8s.io"
    'no-version.yaml': 'apiVersion: audit.k8s.io\nrules:\n- level: None\n',
    'kyverno.yaml': 'apiVersion: kyverno.io/v1\nkind: Policy\nspec:\n  rules:\n  - name: x\n',
    'prometheus.yaml': 'groups:\n- name: g\n  rules:\n  - alert: X\n',
    'configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nrules:\n- level: x\n',
  });
  const r = runCli(['lint', '--format', 'json', dir]);
  assert.equal(r.status, 1);
  const files = JSON.parse(r.stdout).files.map((f: { file: string; diagnostics: Array<{ code: string }> }) => [
    f.file.slice(dir.length + 1),
    f.diagnostics[0]?.code,
  ]);
  assert.deepEqual(files, [
    ['kind-only.yaml', 'invalid-api-version'],
    ['no-api-version.yaml', 'invalid-api-version'],
    ['no-version.yaml', 'invalid-api-version'],
  ]);
});

test('a file named explicitly is checked even if it does not declare itself a policy', () => {
  const dir = tempDir({ 'p.yaml': 'rules:\n- level: None\n' });
  const r = runCli(['lint', join(dir, 'p.yaml')]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /invalid-api-version/);
});

test('--kubernetes-version makes version rules exact', () => {
  const text = 'apiVersion: audit.k8s.io/v1\nrules:\n- level: None\n  resources:\n  - group: "*"\n';
  assert.equal(runCli(['lint', '-'], text).status, 0);
  const old = runCli(['lint', '--kubernetes-version', '1.35', '-'], text);
  assert.equal(old.status, 1);
  assert.match(old.stdout, /invalid-group/);
});

test('--severity changes or silences a code', () => {
  const r = runCli([
    'lint',
    '--severity',
    'unknown-field=error',
    '--severity',
    'surrounding-whitespace=off',
    'examples/seed-policy.yaml',
  ]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /error unknown-field/);
  assert.doesNotMatch(r.stdout, /surrounding-whitespace/);
});

test('bad usage and unreadable input: exit 2 and one clear line', () => {
  const cases: Array<[string[], RegExp]> = [
    [['lint', '/no/such/file.yaml'], /cannot read \/no\/such\/file\.yaml: no such file or directory/],
    [['lint', '--bogus', 'x'], /unknown option --bogus/],
    [['lint', '--kubernetes-version', 'latest', 'x'], /invalid --kubernetes-version "latest"/],
    [['lint', '--format', 'xml', 'x'], /invalid --format "xml"/],
    [['lint'], /lint needs at least one PATH/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ];
  for (const [args, message] of cases) {
    const r = runCli(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  }
});

test('a directory without audit policies is exit 2', () => {
  const dir = tempDir({ 'deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\n' });
  const r = runCli(['lint', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no audit policy found/);
});

test('--format sarif writes SARIF 2.1.0 with rules and located results', () => {
  const r = runCli(['lint', '--format', 'sarif', 'examples/seed-policy.yaml']);
  assert.equal(r.status, 0);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const ruleIds = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
  assert.ok(ruleIds.includes('unknown-field') && ruleIds.includes('invalid-level'));
  assert.deepEqual(
    run.results.map((res: { ruleId: string; level: string }) => [res.ruleId, res.level]),
    [
      ['unknown-field', 'warning'],
      ['surrounding-whitespace', 'warning'],
    ],
  );
  assert.deepEqual(run.results[0].locations[0].physicalLocation.region, {
    startLine: 8,
    startColumn: 7,
    endLine: 8,
    endColumn: 13,
  });
  assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/seed-policy.yaml');
});

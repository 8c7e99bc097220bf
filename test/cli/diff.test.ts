// `kube-audit-policy diff OLD NEW` as a user runs it: files and git:REV:PATH, the three formats,
// exit 0 for no change and 1 for changes, 2 for bad usage.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'kap-diff-'));
const OLD =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    nonResourceURLs: ["/healthz*"]\n  - level: Metadata\n';
const REORDERED =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    nonResourceURLs: ["/healthz", "/healthz*"]\n  - level: Metadata\n';
const CHANGED =
  'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n    nonResourceURLs: ["/healthz"]\n  - level: Metadata\n';
for (const [name, text] of Object.entries({ 'old.yaml': OLD, 'same.yaml': REORDERED, 'new.yaml': CHANGED }))
  writeFileSync(join(dir, name), text);

test('no change exits 0 and says so', () => {
  const r = runCli(['diff', join(dir, 'old.yaml'), join(dir, 'same.yaml')]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^No change: /);
});

test('a change exits 1 with the class, the levels and an example request', () => {
  const r = runCli(['diff', join(dir, 'old.yaml'), join(dir, 'new.yaml')]);
  assert.equal(r.status, 1);
  // /healthz/etcd (and anything else under /healthz but /healthz itself) is now recorded.
  assert.match(r.stdout, /^1 class of requests changes from /);
  assert.match(
    r.stdout,
    /None \(rule #1\) -> Metadata \(rule #2\):\n {2}1\. any verb of non-resource URL \/healthz\* but \/healthz, by anyone\n {5}e\.g\. alice GET \/healthz\S+\n/,
  );
  const json = JSON.parse(runCli(['diff', '--format', 'json', join(dir, 'old.yaml'), join(dir, 'new.yaml')]).stdout);
  assert.deepEqual(Object.keys(json.changes[0]), ['description', 'example', 'changed', 'old', 'new']);
  assert.deepEqual(json.changes[0].old, { rule: 0, level: 'None', omitStages: [], omitManagedFields: false });
  assert.deepEqual(json.changes[0].new, { rule: 1, level: 'Metadata', omitStages: [], omitManagedFields: false });
  assert.match(
    runCli(['diff', '--format', 'markdown', join(dir, 'old.yaml'), join(dir, 'new.yaml')]).stdout,
    /^### Audit policy: 1 class of requests changes\n/,
  );
});

test('--kubernetes-version below 1.23 reads no omitManagedFields: a change to it alone is no change', () => {
  const request = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: Request\n';
  writeFileSync(join(dir, 'request.yaml'), request);
  writeFileSync(join(dir, 'managed.yaml'), `${request}    omitManagedFields: true\n`);
  // kube-apiserver 1.20.2 (the oracle) gives every request rule 0, Request, in both versions.
  const old = runCli(['diff', '--kubernetes-version', '1.20', join(dir, 'request.yaml'), join(dir, 'managed.yaml')]);
  assert.equal(old.status, 0, old.stdout + old.stderr);
  // From 1.23 the rule's omitManagedFields is read (audit/v1 types.go, OmitManagedFields).
  const later = runCli(['diff', '--kubernetes-version', '1.23', join(dir, 'request.yaml'), join(dir, 'managed.yaml')]);
  assert.equal(later.status, 1, later.stdout + later.stderr);
});

test('git:REV:PATH reads a committed version', () => {
  const repo = mkdtempSync(join(tmpdir(), 'kap-diff-git-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo });
  git('init', '-q');
  writeFileSync(join(repo, 'policy.yaml'), OLD);
  git('add', 'policy.yaml');
  git('commit', '-qm', 'old');
  writeFileSync(join(repo, 'policy.yaml'), CHANGED);
  // git show reads PATH from the repository of the current directory, so run the CLI there.
  const r = spawnSync(process.execPath, [CLI_PATH, 'diff', 'git:HEAD:policy.yaml', 'policy.yaml'], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^1 class of requests changes from git:HEAD:policy\.yaml to policy\.yaml:/);
  const same = spawnSync(process.execPath, [CLI_PATH, 'diff', 'git:HEAD:policy.yaml', 'git::policy.yaml'], {
    cwd: repo,
    encoding: 'utf8',
  });
  assert.equal(same.status, 0, same.stderr);
});

test('the GCE policy of 2017 and of today differ (the 2017 one is refused, which is said on stderr)', () => {
  const r = runCli([
    'diff',
    'test/fixtures/corpus/gce-master-audit-policy-2017-no-apiversion.yaml',
    'test/fixtures/corpus/gce-master-audit-policy.yaml',
  ]);
  assert.equal(r.status, 1);
  assert.match(
    r.stderr,
    /note: kube-apiserver would refuse test\/fixtures\/corpus\/gce-master-audit-policy-2017-no-apiversion\.yaml/,
  );
});

test('a policy held in a ConfigMap is compared as the policy it holds', () => {
  const inConfigMap = (policy: string) =>
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: audit\ndata:\n  audit-policy.yaml: |\n' +
    policy.replace(/^(?=.)/gm, '    ');
  writeFileSync(join(dir, 'old-configmap.yaml'), inConfigMap(OLD));
  writeFileSync(
    join(dir, 'two-policies.yaml'),
    `${inConfigMap(OLD)}  other.yaml: |\n${OLD.replace(/^(?=.)/gm, '    ')}`,
  );
  const same = runCli(['diff', join(dir, 'old-configmap.yaml'), join(dir, 'same.yaml')]);
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.match(same.stdout, /^No change: /);
  // The same one class as between the two policy files above: /healthz* but /healthz.
  const changed = runCli(['diff', join(dir, 'old-configmap.yaml'), join(dir, 'new.yaml')]);
  assert.equal(changed.status, 1, changed.stdout + changed.stderr);
  assert.match(changed.stdout, /^1 class of requests changes from /);
  const ambiguous = runCli(['diff', join(dir, 'two-policies.yaml'), join(dir, 'new.yaml')]);
  assert.equal(ambiguous.status, 2);
  assert.match(
    ambiguous.stderr,
    /two-policies\.yaml holds 2 policies: choose one with --old-embedded-at \(data\["audit-policy\.yaml"\], data\["other\.yaml"\]\)/,
  );
  // Named, the one at that path is compared, and the report says which it was.
  const picked = runCli([
    'diff',
    '--old-embedded-at',
    'data["other.yaml"]',
    join(dir, 'two-policies.yaml'),
    join(dir, 'new.yaml'),
  ]);
  assert.equal(picked.status, 1, picked.stdout + picked.stderr);
  assert.match(picked.stdout, /^1 class of requests changes from \S*two-policies\.yaml \(data\["other\.yaml"\]\) to /);
  const swapped = runCli(['diff', join(dir, 'new.yaml'), join(dir, 'two-policies.yaml')]);
  assert.match(swapped.stderr, /choose one with --new-embedded-at/);
});

test('bad usage exits 2', () => {
  assert.equal(runCli(['diff', join(dir, 'old.yaml')]).status, 2);
  assert.match(
    runCli(['diff', join(dir, 'old.yaml'), join(dir, 'missing.yaml')]).stderr,
    /cannot read .*missing\.yaml: no such file or directory/,
  );
  assert.match(
    runCli(['diff', 'git:NOPE:policy.yaml', join(dir, 'old.yaml')]).stderr,
    /^kube-audit-policy: cannot read git:NOPE:policy\.yaml: /,
  );
});

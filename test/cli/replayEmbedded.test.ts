// `replay --policy` and `--against` on files that hold policies (a ConfigMap, Markdown, a shell
// here-document), as lint, explain, diff and test read them: the policy the host holds is replayed,
// named by its region, its rules at the host's lines. The expected rows are those of the same
// policy replayed as a file of its own: a host changes where the rules are, never what they match.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli';
import { EVENTS_FIXTURES } from '../helpers/replay';

const LOG = path.join(EVENTS_FIXTURES, 'openshift-clo-syslog-test.jsonl');
const QUIET = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '- level: None',
  '  users: ["system:aggregator"]',
  '- level: Request',
  '  verbs: ["get"]',
  '- level: Metadata',
];
const LOUD = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: RequestResponse'];

const dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-embedded-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly string[]): string {
  const at = path.join(dir, name);
  writeFileSync(at, `${lines.join('\n')}\n`);
  return at;
}

const indented = (lines: readonly string[]): string[] => lines.map((l) => `    ${l}`);
/** A ConfigMap whose `data` holds each policy under its key, as `|-` block scalars. */
const configMap = (policies: Record<string, readonly string[]>): string[] => [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: audit',
  'data:',
  ...Object.entries(policies).flatMap(([key, lines]) => [`  ${key}: |-`, ...indented(lines)]),
];

interface Row {
  events: number;
  bytes: number;
  written: number;
  line: number | null;
}
interface Report {
  policy: { name: string; rules: number };
  against: { name: string } | null;
  rules: Row[];
  againstRules?: Row[];
}

function replay(...args: string[]): Report {
  const r = runCli(['replay', '--format', 'json', ...args, LOG]);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

const counts = (rows: readonly Row[]) => rows.map(({ events, bytes, written }) => ({ events, bytes, written }));
const lines = (rows: readonly Row[]) => rows.map((r) => r.line);

const quiet = file('quiet.yaml', QUIET);
const loud = file('loud.yaml', LOUD);
const alone = replay('--policy', quiet, '--against', loud);

test('the rows of a policy alone are not all alike (the hosts below would show a wrong pick)', () => {
  assert.deepEqual(lines(alone.rules), [4, 6, 8]);
  assert.ok(new Set(alone.rules.map((r) => r.events)).size === 3, JSON.stringify(counts(alone.rules)));
});

test('a ConfigMap that holds one policy: its rows, named by the region, at the host lines', () => {
  const cm = file('one-cm.yaml', configMap({ 'policy.yaml': QUIET }));
  const report = replay('--policy', cm);
  assert.equal(report.policy.name, `${cm} (data["policy.yaml"])`);
  assert.deepEqual(counts(report.rules), counts(alone.rules));
  // Six host lines come before the policy's first: the ConfigMap's five and the key's.
  assert.deepEqual(lines(report.rules), [10, 12, 14]);
});

test('a Markdown fence and a shell here-document are replayed as the policy they hold', () => {
  const md = file('policy.md', ['# Audit', '', '```yaml', ...QUIET, '```']);
  const sh = file('install.sh', ['#!/bin/sh', "cat <<'EOF' > /etc/kubernetes/audit.yaml", ...QUIET, 'EOF']);
  for (const [host, before] of [
    [md, 3],
    [sh, 2],
  ] as const) {
    const report = replay('--policy', host);
    assert.deepEqual(counts(report.rules), counts(alone.rules), host);
    assert.deepEqual(lines(report.rules), [4 + before, 6 + before, 8 + before], host);
  }
});

test('a host with several policies: refused with their list until --embedded-at names one', () => {
  const two = file('two-cm.yaml', configMap({ 'loud.yaml': LOUD, 'policy.yaml': QUIET }));
  const refused = runCli(['replay', '--policy', two, LOG]);
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, '');
  assert.equal(
    refused.stderr,
    `kube-audit-policy: ${two} holds 2 policies: choose one with --embedded-at (data["loud.yaml"], data["policy.yaml"])\n`,
  );
  const picked = replay('--policy', two, '--embedded-at', 'data["policy.yaml"]');
  assert.equal(picked.policy.name, `${two} (data["policy.yaml"])`);
  assert.deepEqual(counts(picked.rules), counts(alone.rules));
  const wrong = runCli(['replay', '--policy', two, '--embedded-at', 'data["nope"]', LOG]);
  assert.equal(wrong.status, 2);
  assert.match(
    wrong.stderr,
    /holds no policy at data\["nope"\] \(it holds: data\["loud\.yaml"\], data\["policy\.yaml"\]\)/,
  );
});

test('--against reads a host too; --against-embedded-at picks one of several', () => {
  const two = file('two-against.yaml', configMap({ 'policy.yaml': QUIET, 'loud.yaml': LOUD }));
  const refused = runCli(['replay', '--policy', quiet, '--against', two, LOG]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /holds 2 policies: choose one with --against-embedded-at \(data\["policy\.yaml"\], /);
  const report = replay('--policy', quiet, '--against', two, '--against-embedded-at', 'data["loud.yaml"]');
  assert.equal(report.against?.name, `${two} (data["loud.yaml"])`);
  assert.deepEqual(counts(report.againstRules ?? []), counts(alone.againstRules ?? []));
  assert.deepEqual(
    report.rules.map((r) => r.events),
    alone.rules.map((r) => r.events),
  );
});

test('bad usage: a file that holds no policy, --embedded-at on a policy, --against-embedded-at alone', () => {
  const deployment = file('deployment.yaml', ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web']);
  const none = runCli(['replay', '--policy', deployment, LOG]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /deployment\.yaml holds no audit policy/);
  const itself = runCli(['replay', '--policy', quiet, '--embedded-at', 'data["policy.yaml"]', LOG]);
  assert.equal(itself.status, 2);
  assert.match(itself.stderr, /--embedded-at: .*quiet\.yaml is itself a policy, it holds none/);
  const orphan = runCli(['replay', '--policy', quiet, '--against-embedded-at', 'x', LOG]);
  assert.equal(orphan.status, 2);
  assert.match(orphan.stderr, /--against-embedded-at goes with --against FILE/);
});

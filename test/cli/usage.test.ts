// The command line's own interface: the version from package.json, help for each command, the
// top-level usage built from the command table, and a reader that closes the pipe early.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_PATH, REPO, runCli } from '../helpers/cli';
import { SERVER_PATH } from '../helpers/lspClient';

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

test('--version prints the name and the package.json version, for the CLI and the language server', () => {
  for (const flag of ['--version', '-V'])
    assert.deepEqual(runCli([flag]), { status: 0, stdout: `kube-audit-policy ${version}\n`, stderr: '' });
  const server = spawnSync(process.execPath, [SERVER_PATH, '--version'], { encoding: 'utf8' });
  assert.deepEqual(
    [server.status, server.stdout, server.stderr],
    [0, `kube-audit-policy-language-server ${version}\n`, ''],
  );
});

test('every command has --help, -h and `help COMMAND`: its usage, its options and exit status 0', () => {
  for (const [command, options] of [
    ['lint', ['--format', '--kubernetes-version', '--severity']],
    ['explain', ['--policy', '--format', '--user', '--group', '--verb', '--resource', '--path']],
    ['replay', ['--policy', '--against', '--format', '--events', '--kubernetes-version']],
  ] as const) {
    const help = runCli([command, '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.equal(help.stderr, '');
    assert.match(help.stdout, new RegExp(`^usage:\\n  kube-audit-policy ${command} `));
    for (const option of options) assert.ok(help.stdout.includes(`  ${option} `), `${command} --help names ${option}`);
    assert.deepEqual(runCli([command, '-h']), help);
    assert.deepEqual(runCli(['help', command]), help);
    assert.deepEqual(runCli([command, '--format', 'json', '--help']), help, 'help wins over other options');
  }
});

test('the top-level usage names every command; no command is bad usage', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  for (const command of ['lint', 'explain', 'replay'])
    assert.match(help.stdout, new RegExp(`^  kube-audit-policy ${command} `, 'm'));
  const bare = runCli([]);
  assert.equal(bare.status, 2);
  assert.equal(bare.stdout, help.stdout);
  const unknown = runCli(['lnt']);
  assert.deepEqual(
    [unknown.status, unknown.stdout, unknown.stderr],
    [2, '', 'kube-audit-policy: unknown command "lnt" (run kube-audit-policy --help)\n'],
  );
});

test('option errors are one line: an option without its value, a switch with one, a short option', () => {
  for (const [args, message] of [
    [['lint', '--format'], '--format needs a value'],
    [['lint', '--help=yes', 'x.yaml'], '--help takes no value'],
    [['lint', '-x', 'x.yaml'], 'unknown option -x'],
    [['lint', '--format', 'json', '--format', 'text', 'x.yaml'], '--format given more than once'],
  ] as const) {
    const result = runCli([...args]);
    assert.deepEqual([result.status, result.stderr], [2, `kube-audit-policy: ${message}\n`], args.join(' '));
  }
});

test('`lint ... | head -1` stops quietly when the reader closes the pipe', () => {
  // Far more output than a pipe holds, so the CLI is still writing when head exits.
  const rules = Array.from(
    { length: 3000 },
    (_, i) => `- level: Metadata\n  resources:\n  - groups: ""\n    resources: ["p${i}"]\n`,
  );
  const file = join(tmpdir(), `kap-epipe-${process.pid}.yaml`);
  writeFileSync(file, `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${rules.join('')}`);
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI_PATH}" lint "${file}" | head -1`], {
    encoding: 'utf8',
  });
  assert.equal(result.stderr, '', 'no EPIPE stack trace');
  assert.match(result.stdout.split('\n')[0], /kap-epipe-\d+\.yaml:\d+:\d+: /);
});

// The command line on whatever CI hands it: every problem with the command or its inputs is exit 2
// and exactly one line naming the problem (never a stack trace), and huge input on standard input
// is checked like a file.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const root = mkdtempSync(join(tmpdir(), 'kap-robust-'));

function usageError(args: string[], message: RegExp, input?: string | Buffer): void {
  const r = runCli(args, input);
  assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
  assert.match(r.stderr, message);
  assert.equal(r.stderr.trim().split('\n').length, 1, `not one line: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\bat .*\.js:\d+/);
}

test('a missing file: exit 2, one line naming it', () => {
  usageError(['lint', join(root, 'missing.yaml')], /cannot read .*missing\.yaml: no such file or directory/);
});

test('a directory with no policies (empty, or only other files): exit 2, one line naming it', () => {
  const empty = join(root, 'empty');
  mkdirSync(empty);
  usageError(['lint', empty], /empty/);
  const other = join(root, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'README.md'), '# not yaml\n');
  writeFileSync(join(other, 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\n');
  usageError(['lint', other], /no audit policy found in .*other/);
});

test('an unreadable file: exit 2, one line naming it', (t) => {
  // A symbolic link loop cannot be read by anyone, root included.
  const loop = join(root, 'loop.yaml');
  symlinkSync(loop, loop);
  usageError(['lint', loop], /cannot read .*loop\.yaml/);
  if (process.getuid?.() === 0) {
    t.diagnostic('running as root: permission bits do not stop reads, so only the link loop is checked');
    return;
  }
  const locked = join(root, 'locked.yaml');
  writeFileSync(locked, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n');
  chmodSync(locked, 0o000);
  usageError(['lint', locked], /cannot read .*locked\.yaml: permission denied/);
});

test('an unknown flag and an invalid --kubernetes-version: exit 2, one line naming it', () => {
  usageError(['lint', '--no-such-flag', 'x.yaml'], /unknown option --no-such-flag/);
  for (const version of ['banana', '2.0', '1.', '1.5', '']) {
    usageError(['lint', '--kubernetes-version', version, 'x.yaml'], /invalid --kubernetes-version/);
  }
  usageError(['lint', '--kubernetes-version'], /--kubernetes-version needs a value/);
});

test('huge input on standard input: 60,000 rules are checked and the one error is found', () => {
  const parts = ['apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n'];
  for (let i = 0; i < 60_000; i++) parts.push(`- level: Metadata\n  users: ["user-${i}"]\n`);
  parts.push('- level: Loud\n');
  const started = performance.now();
  const r = runCli(['lint', '--format', 'json', '-'], parts.join(''));
  const ms = performance.now() - started;
  process.stdout.write(`# cli: ${parts.join('').length} characters on stdin checked in ${ms.toFixed(0)} ms\n`);
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout) as {
    files: Array<{ file: string; diagnostics: Array<{ code: string; path: string; severity: string }> }>;
  };
  const errors = report.files[0].diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(
    errors.map((d) => [d.code, d.path]),
    [['invalid-level', 'rules[60000].level']],
  );
});

test('binary data: invalid UTF-8 is unreadable input (exit 2, one line); control characters are a diagnostic', () => {
  const binary = join(root, 'binary.yaml');
  writeFileSync(binary, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  usageError(['lint', binary], /cannot read .*binary\.yaml: not valid UTF-8/);
  usageError(
    ['lint', '-'],
    /cannot read standard input: not valid UTF-8/,
    Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a]),
  );
  const control = join(root, 'control.yaml');
  writeFileSync(control, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\x00\x1b\n');
  const r = runCli(['lint', control]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /yaml-syntax: .*control characters are not allowed \(U\+0000 here\)/);
});

test('an empty file named explicitly: a diagnostic, not a crash', () => {
  const empty = join(root, 'empty.yaml');
  writeFileSync(empty, '');
  const e = runCli(['lint', empty]);
  assert.equal(e.status, 1, e.stderr);
  assert.match(e.stdout, /invalid-api-version: .*holds no policy/);
});

test('nesting deeper than the tree holds: the same diagnostics whatever stack the process has', () => {
  const head = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
  const flow = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
  const block = (depth: number): string =>
    Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}- k${i}:`).join('\n') + '\n';
  const texts = {
    // under a field kube-apiserver drops, with a merge key below it
    'flow.yaml': `${head}x: ${flow(3000)}\nrules:\n- &r0\n  level: None\n- <<: *r0\n`,
    // a rule's value, where the `yaml` package's own reading gives up at a depth the stack sets
    'users.yaml': `${head}rules:\n- level: None\n  users: ${flow(3000)}\n`,
    // go-yaml refuses it (a scalar where a key must be), so the `yaml` package's tree is the one shown
    'block.yaml': `${head}rules:\n- level: None\n  users:\n${block(1200)}${'  '.repeat(1201)}x\n`,
  };
  for (const [name, text] of Object.entries(texts)) {
    const file = join(root, name);
    writeFileSync(file, text);
    const outputs = ['--stack-size=700', '--stack-size=984', '--stack-size=3000'].map(
      (stack) => runCli(['lint', '--format', 'json', file], undefined, [stack]).stdout,
    );
    assert.match(outputs[0], /"code":"(nested-too-deeply|wrong-type|yaml-syntax)"/, name);
    assert.equal(outputs[1], outputs[0], `${name}: default stack against a small one`);
    assert.equal(outputs[2], outputs[0], `${name}: a large stack against a small one`);
  }
});

// heredoc-not-ended: a shell script's here-document whose delimiter line a shell does not take as its
// end (indented, or followed by blanks) writes the rest of the script into the policy file, or the
// script does not parse. What the shell does is asked of bash itself: each script is run with its
// output file in a temporary folder, and the warning must be there exactly when bash's file is not
// the policy shown (bash(1), "Here Documents").
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createHostDocument, DEFAULT_SETTINGS, hostCodeActions, hostDiagnostics } from '../../../server/src/service';
import type { ServiceSettings } from '../../../server/src/service';
import { applyEdits, editsOf } from './support';

const POLICY = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'rules:', '- level: Metadata'];
const OUT = '@OUT@';

/** A script that writes POLICY (each line after `indent`) with `opener` and ends it with `end`. */
const script = (opener: string, indent: string, end: string, around: 'top' | 'if' = 'top'): string => {
  const body = [`cat ${opener} > ${OUT}`, ...POLICY.map((l) => indent + l), end];
  const lines = around === 'if' ? ['if true; then', ...body, 'fi'] : [...body, 'echo written'];
  return `${lines.join('\n')}\n`;
};

const CASES: Array<[string, string]> = [
  ['<<EOF, EOF', script('<<EOF', '', 'EOF')],
  ['<<-EOF, tab-indented', script('<<-EOF', '\t', '\tEOF')],
  ["<< 'EOF' in if, EOF", script("<< 'EOF'", '  ', 'EOF', 'if')],
  ['<<EOF in if, indented EOF', script('<<EOF', '  ', '  EOF', 'if')],
  ['<<EOF, indented EOF', script('<<EOF', '  ', '  EOF')],
  ['<<-EOF, space-indented EOF', script('<<-EOF', '  ', '  EOF')],
  ['<<EOF, tab-indented EOF', script('<<EOF', '\t', '\tEOF')],
  ['<<EOF, EOF and a blank', script('<<EOF', '', 'EOF ')],
  ['<<-EOF, tab then space', script('<<-EOF', '\t', '\t EOF')],
];

/** Whether bash ends the here-document at its delimiter line: its file is the body's lines. */
function bashWritesPolicy(text: string, indent: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), 'heredoc-'));
  try {
    const out = path.join(dir, 'audit.yaml');
    try {
      execFileSync('bash', ['-c', text.replaceAll(OUT, out)], { stdio: 'ignore' });
    } catch {
      // A script bash refuses (the here-document ran to the end inside `if`) writes nothing.
    }
    // The body's lines as a shell hands them on: `<<-` strips leading tabs, and nothing else.
    const dash = text.includes('<<-');
    const shown = POLICY.map((l) => (dash ? (indent + l).replace(/^\t+/, '') : indent + l)).join('\n') + '\n';
    return existsSync(out) && readFileSync(out, 'utf8') === shown;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const warnings = (uri: string, text: string, settings: ServiceSettings = DEFAULT_SETTINGS) =>
  hostDiagnostics(createHostDocument(uri, 1, text), settings).filter((d) => d.code === 'heredoc-not-ended');

test('the warning is there exactly when bash does not write the policy shown', () => {
  let warned = 0;
  for (const [name, text] of CASES) {
    const indent = /\n(\s*)apiVersion/.exec(text)![1];
    const written = bashWritesPolicy(text, indent);
    const found = warnings('file:///w/write-policy.sh', text);
    assert.equal(found.length, written ? 0 : 1, `${name}: bash ${written ? 'writes' : 'does not write'} the policy`);
    if (found.length === 0) continue;
    warned++;
    // At the delimiter line's text, without its indentation.
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > 0 && l.trim() === 'EOF');
    assert.equal(found[0].range.start.line, line, name);
    assert.equal(found[0].range.start.character, lines[line].length - lines[line].trimStart().length, name);
    assert.equal(found[0].range.end.character, lines[line].trimEnd().length, name);
  }
  assert.equal(warned, 6);
});

test('the message says what is wrong with the line', () => {
  const [indented] = warnings('file:///w/a.sh', script('<<-EOF', '  ', '  EOF'));
  assert.match(String(indented.message), /`EOF` is indented with spaces \(`<<-` strips leading tabs only\)/);
  const [blank] = warnings('file:///w/a.sh', script('<<EOF', '', 'EOF  '));
  assert.match(String(blank.message), /`EOF` is followed by blanks/);
});

test('Terraform ends a heredoc on an indented delimiter, and a script in YAML or Markdown is de-indented first', () => {
  const tf = ['resource "local_file" "audit" {', '  content = <<EOT', ...POLICY.map((l) => `  ${l}`), '  EOT', '}', ''];
  assert.deepEqual(warnings('file:///w/main.tf', tf.join('\n')), []);
  const cloudInit = [
    '#cloud-config',
    'runcmd:',
    '  - |',
    ...script('<<EOF', '', 'EOF')
      .split('\n')
      .map((l) => `    ${l}`),
  ];
  assert.deepEqual(warnings('file:///w/user-data.yaml', cloudInit.join('\n')), []);
  const guide = [
    '1. Write it:',
    '',
    '   ```bash',
    ...script('<<EOF', '', 'EOF')
      .trim()
      .split('\n')
      .map((l) => `   ${l}`),
    '   ```',
    '',
  ];
  assert.deepEqual(warnings('file:///w/README.md', guide.join('\n')), []);
  // The same mistake in a Markdown block is one.
  const wrong = ['```sh', ...script('<<EOF', '  ', '  EOF').trim().split('\n'), '```', ''];
  assert.equal(warnings('file:///w/README.md', wrong.join('\n')).length, 1);
});

test('its severity follows the settings, and a script whose policies share the heredoc says it once', () => {
  const text = script('<<EOF', '  ', '  EOF');
  const off: ServiceSettings = {
    ...DEFAULT_SETTINGS,
    severity: { ...DEFAULT_SETTINGS.severity, 'heredoc-not-ended': 'off' },
  };
  assert.deepEqual(warnings('file:///w/a.sh', text, off), []);
  const error: ServiceSettings = { ...DEFAULT_SETTINGS, severity: { 'heredoc-not-ended': 'error' } };
  assert.equal(warnings('file:///w/a.sh', text, error)[0].severity, 1);
  // `ssh node bash <<REMOTE` around two policies' `cat <<EOF`: its own end missed once.
  const remote = [
    'ssh node bash <<REMOTE',
    ...script('<<EOF', '', 'EOF').trim().split('\n'),
    script('<<EOF', '', 'EOF').replace('echo written\n', '').replace(OUT, 'b.yaml').trim(),
    '  REMOTE',
    '',
  ];
  assert.equal(warnings('file:///w/a.sh', remote.join('\n')).length, 1);
});

test('the quick fix writes the delimiter alone on its line, and bash then writes the policy shown', () => {
  for (const [name, text] of CASES) {
    const uri = 'file:///w/write-policy.sh';
    const host = createHostDocument(uri, 1, text);
    const [warning] = hostDiagnostics(host, DEFAULT_SETTINGS).filter((d) => d.code === 'heredoc-not-ended');
    if (!warning) continue;
    const actions = hostCodeActions(host, warning.range, { diagnostics: [warning] }, DEFAULT_SETTINGS);
    const fix = actions.find((a) => a.diagnostics?.includes(warning));
    assert.ok(fix, name);
    assert.equal(fix.title, 'Write `EOF` alone on its line', name);
    const fixed = applyEdits(host, editsOf(fix, uri));
    const indent = /\n(\s*)apiVersion/.exec(text)![1];
    assert.ok(bashWritesPolicy(fixed, indent), `${name}: after the fix`);
    assert.deepEqual(warnings(uri, fixed), [], name);
  }
});

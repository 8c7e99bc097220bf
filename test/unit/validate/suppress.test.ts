// `# kube-audit-policy-disable-next-line` silences the line after it as the editor counts lines,
// whatever the line breaks: \n, \r\n, or a lone \r (a line break to LSP and to kube-apiserver's
// YAML reader, libyaml).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { diagnose } from '../../helpers/fixture';

const LINES = [
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'omitStages: ["RequestReceived"]',
  'rules:',
  '- level: None',
  '  # rules for the operators',
  '  # kube-audit-policy-disable-next-line surrounding-whitespace',
  '  users: [" alice"]',
  '- level: Metadata',
];

const codes = (text: string): string[] => diagnose(text).map((d) => d.code);

test('the finding is there without the comment', () => {
  const without = LINES.filter((l) => !l.includes('disable-next-line'));
  assert.deepEqual(codes(`${without.join('\n')}\n`), ['surrounding-whitespace']);
});

for (const [name, eol] of [
  ['LF', '\n'],
  ['CR LF', '\r\n'],
] as const) {
  test(`${name} line breaks: the comment silences the next line`, () => {
    assert.deepEqual(codes(`${LINES.join(eol)}${eol}`), []);
  });
}

test('a lone CR before the disable comment does not shift it', () => {
  // The comment line above the disable comment ends in a lone CR: still its own line.
  const text = `${LINES.slice(0, 6).join('\n')}\r${LINES.slice(6).join('\n')}\n`;
  assert.deepEqual(codes(text.replace('disable-next-line', 'no-such-marker')), ['surrounding-whitespace']);
  assert.deepEqual(codes(text), []);
});

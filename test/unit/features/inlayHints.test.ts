// Rule numbers as inlay hints: `#n` right before the n-th rule's first key, only for rules that
// start inside the requested range.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { inlayHints } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

const TEXT = yaml(
  'apiVersion: audit.k8s.io/v1',
  'kind: Policy',
  'rules:',
  '  - level: None',
  '    users: ["system:kube-proxy"]',
  '  - {level: Request, verbs: [get]}',
  '  -   level: Metadata',
);

/** Each hint as its label and the text that follows it on its line. */
function hintsOf(text: string, from = 0, to = text.length): Array<[string, string]> {
  const d = doc(text);
  return inlayHints(d, { start: d.lines.positionAt(from), end: d.lines.positionAt(to) }).map((h) => {
    const at = d.lines.offsetAt(h.position);
    return [String(h.label), d.text.slice(at, d.text.indexOf('\n', at)).replace(/\r$/, '')];
  });
}

test('a hint before each rule, numbered from 1', () => {
  assert.deepEqual(hintsOf(TEXT), [
    ['#1', 'level: None'],
    ['#2', '{level: Request, verbs: [get]}'],
    ['#3', 'level: Metadata'],
  ]);
});

test('only rules that start inside the range', () => {
  const from = TEXT.indexOf('  - {level');
  assert.deepEqual(hintsOf(TEXT, from, from + 10), [['#2', '{level: Request, verbs: [get]}']]);
});

test('CRLF line breaks place the hints on the same lines', () => {
  assert.deepEqual(hintsOf(TEXT.replace(/\n/g, '\r\n')), hintsOf(TEXT));
});

test('a file without rules has no hints', () => {
  assert.deepEqual(hintsOf(yaml('apiVersion: audit.k8s.io/v1', 'kind: Policy')), []);
});

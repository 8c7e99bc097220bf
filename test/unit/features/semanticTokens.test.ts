// Semantic tokens: each decoded token as `text=type`, only for known keys and valid values.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { SEMANTIC_TOKEN_LEGEND, semanticTokenEdits, semanticTokens } from '../../../server/src/service';
import { doc, yaml } from '../../helpers/fixture';

function decode(text: string): string[] {
  const d = doc(text);
  const data = semanticTokens(d);
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
    out.push(`${lines[line].slice(char, char + data[i + 2])}=${SEMANTIC_TOKEN_LEGEND.tokenTypes[data[i + 3]]}`);
  }
  return out;
}

test('semantic tokens: keys, levels, stages, verbs, groups, resources and users', () => {
  const text = yaml(
    'apiVersion: audit.k8s.io/v1',
    'omitStages: [RequestReceived, Bogus]',
    'rules:',
    '  - level: None',
    '    users: ["system:kube-proxy"]',
    '    verbs: [watch, connect]',
    '    resources:',
    '    - group: ""',
    '      resources: [endpoints]',
    '    colour: red',
  );
  assert.deepEqual(decode(text), [
    'apiVersion=property',
    'omitStages=property',
    'RequestReceived=enumMember',
    'rules=property',
    'level=property',
    'None=enumMember',
    'users=property',
    '"system:kube-proxy"=variable',
    'verbs=property',
    'watch=keyword',
    'resources=property',
    'group=property',
    '""=namespace',
    'resources=property',
    'endpoints=type',
  ]);
});

test('semantic tokens for a range cover only the rules in it', () => {
  const text = yaml('apiVersion: audit.k8s.io/v1', 'rules:', '- level: None', '- level: Metadata', '- level: Request');
  const d = doc(text);
  const start = text.indexOf('- level: Metadata');
  const data = semanticTokens(d, start, start + '- level: Metadata'.length);
  assert.equal(data.length / 5, 2); // level, Metadata
});

/** What a client does with a delta: each edit replaces `deleteCount` numbers at `start` with `data`. */
function applyEdits(previous: Uint32Array, edits: ReturnType<typeof semanticTokenEdits>): number[] {
  const out = Array.from(previous);
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out.splice(e.start, e.deleteCount, ...(e.data ?? []));
  return out;
}

test('a delta turns the tokens before an edit into those after it', () => {
  fc.assert(
    fc.property(fc.array(fc.nat(9), { maxLength: 60 }), fc.array(fc.nat(9), { maxLength: 60 }), (a, b) => {
      const previous = Uint32Array.from(a);
      const next = Uint32Array.from(b);
      assert.deepEqual(applyEdits(previous, semanticTokenEdits(previous, next)), b);
    }),
  );
});

test("a keystroke in one rule's value: the delta is that token's numbers, not the document's", () => {
  const before = yaml(
    'apiVersion: audit.k8s.io/v1',
    'rules:',
    '- level: None',
    '- level: Metadata',
    '- level: Request',
  );
  const after = before.replace('level: Metadata', 'level: Metadat');
  const previous = semanticTokens(doc(before));
  const next = semanticTokens(doc(after));
  const edits = semanticTokenEdits(previous, next);
  assert.deepEqual(applyEdits(previous, edits), Array.from(next));
  // `Metadat` is no level: its token (5 numbers) goes; the next token's start delta is unchanged.
  assert.equal(edits.length, 1);
  assert.equal(edits[0].deleteCount - (edits[0].data?.length ?? 0), 5);
  assert.ok(edits[0].deleteCount <= 10, JSON.stringify(edits));
  assert.deepEqual(semanticTokenEdits(next, next), []);
});

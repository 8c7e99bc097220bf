// The bound on nesting that keeps the `yaml` package's recursion off the end of the stack, and the
// shallowed copy of a deeper text: same length, same line breaks, within the bound. And the crash
// the bound prevents: V8 ends the process when a regular expression is compiled with the stack
// nearly full, which happened when texts nested thousands of levels were read one after another.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../../server/src/service';
import { shallowed, tooDeepFrom } from '../../../server/src/service/text/nesting';
import { realCorpus } from '../../helpers/corpus';

const flow = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

test('real policies are within the bound', () => {
  const corpus = realCorpus();
  assert.ok(corpus.length > 0);
  for (const { name, text } of corpus) assert.equal(tooDeepFrom(text), -1, name);
});

test('what the bound counts: open flow collections, and columns of indentation and indicators', () => {
  assert.equal(tooDeepFrom(`a: ${flow(64)}\n`), -1);
  assert.equal(tooDeepFrom(`a: ${flow(65)}\n`), 3 + 64);
  assert.equal(tooDeepFrom(`a: ${'[x], '.repeat(1000)}\n`), -1, 'closed collections count no more');
  assert.equal(tooDeepFrom(`a:\n${' '.repeat(128)}b: 1\n`), -1);
  assert.equal(tooDeepFrom(`a:\n${' '.repeat(129)}b: 1\n`), 3 + 129);
  assert.equal(tooDeepFrom(`a:\n${'- '.repeat(65)}b\n`), 3 + 128, 'compact sequences');
  assert.equal(tooDeepFrom(`a: 1\n${' '.repeat(500)}\nb: 2\n`), -1, 'a line of spaces nests nothing');
  // inside a flow collection indentation nests nothing: a pretty-printed JSON file
  assert.equal(tooDeepFrom(`{"a": [\n${' '.repeat(300)}1]}`), -1);
});

const deepText = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', '{', ']', '}', ', ', 'a: ', '"x]"', "'y['", '\n', '\r\n', '- ', '  ', '#'),
      fc.nat({ max: 300 }).map((n) => '['.repeat(n)),
      fc.nat({ max: 300 }).map((n) => `\n${' '.repeat(n)}- k:`),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('a shallowed copy: same length and line breaks, within the bound, the same text before the cut', () => {
  fc.assert(
    fc.property(deepText, (text) => {
      const shallow = shallowed(text);
      if (tooDeepFrom(text) === -1) return assert.equal(shallow, undefined);
      assert.ok(shallow);
      assert.equal(shallow.text.length, text.length);
      for (let i = 0; i < text.length; i++)
        if ('\n\r'.includes(text[i]) || '\n\r'.includes(shallow.text[i]))
          assert.equal(shallow.text[i], text[i], `at ${i}`);
      assert.equal(tooDeepFrom(shallow.text), -1);
      assert.equal(shallow.text.slice(0, shallow.cutAt), text.slice(0, shallow.cutAt));
    }),
    { numRuns: 2000 },
  );
});

test('texts nested thousands of levels, read one after another in one process, never crash it', () => {
  const head = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
  for (let i = 0; i < 24; i++) {
    const lineEnd = ['\n', '\r', '\u0085', '\u2028', '\u2029', '\r\n'][i % 6];
    const text = `${head}x: ${flow(9000)}\nrules:\n- level: ${i % 2 ? 'None' : 'Bogus'}\n`.replace(/\n/g, lineEnd);
    const doc = createPolicyDocument(`file:///deep-${i}.yaml`, 1, text);
    const codes = validate(doc, DEFAULT_SETTINGS, { force: true }).map((d) => d.code);
    assert.ok(codes.includes('nested-too-deeply'), `${i}: ${codes.join(', ')}`);
    assert.equal(codes.includes('invalid-level'), i % 2 === 0, `${i}: ${codes.join(', ')}`);
  }
});

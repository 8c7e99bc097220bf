// mayBePolicy lets a file that is plainly no policy skip the parse (hostDocument.ts). It may say yes
// too often, never too rarely: whenever detectPolicy, after the full parse, finds a policy, the
// text test must have said yes. Checked on policies whose telling words are written every way
// YAML and JSON can write them (escapes, explicit and aliased keys, tags, flow style, comments).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { createPolicyDocument, detectPolicy } from '../../server/src/service';
import { mayBePolicy } from '../../server/src/service/decode/detect';
import { check, yamlishText } from './support';

/** Ways to write one key or scalar: as is, quoted, escaped letter by letter, split by an escaped
 *  line break, or under a tag. */
function spelt(word: string): fc.Arbitrary<string> {
  const hex = (c: string) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  const u4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return fc.oneof(
    fc.constant(word),
    fc.constant(`"${word}"`),
    fc.constant(`'${word}'`),
    fc.constant(`!!str ${word}`),
    fc.nat(word.length - 1).map((i) => `"${word.slice(0, i)}${hex(word[i])}${word.slice(i + 1)}"`),
    fc.nat(word.length - 1).map((i) => `"${word.slice(0, i)}${u4(word[i])}${word.slice(i + 1)}"`),
    fc.integer({ min: 1, max: word.length - 1 }).map((i) => `"${word.slice(0, i)}\\\n  ${word.slice(i)}"`),
  );
}

/** A key written directly, as an explicit key, or through an anchor defined on an earlier key. */
const keyed = (word: string): fc.Arbitrary<{ anchor: string; key: string }> =>
  fc.oneof(
    spelt(word).map((key) => ({ anchor: '', key: `${key}:` })),
    spelt(word).map((key) => ({ anchor: '', key: `? ${key}\n:` })),
    spelt(word).map((key) => ({ anchor: '', key: `? ${key} # a comment\n:` })),
    spelt(word).map((key) => ({ anchor: `x${word}: &k${word} ${key}\n`, key: `*k${word} :` })),
  );

const policyLike: fc.Arbitrary<string> = fc
  .record({
    apiVersion: fc.option(spelt('audit.k8s.io/v1'), { nil: undefined }),
    kind: fc.option(spelt('Policy'), { nil: undefined }),
    rules: fc.option(keyed('rules'), { nil: undefined }),
    level: keyed('level'),
    flow: fc.boolean(),
    noise: yamlishText,
  })
  .map(({ apiVersion, kind, rules, level, flow, noise }) => {
    const head = [apiVersion && `apiVersion: ${apiVersion}`, kind && `kind: ${kind}`].filter(Boolean).join('\n');
    const rule = flow && !level.key.includes('\n') ? `- {${level.key} None}` : `- ${level.key} None`;
    const body = rules ? `${rules.anchor}${level.anchor}${rules.key}\n${rule.replace(/\n/g, '\n  ')}` : '';
    return [head, body, `# ${noise.replace(/\n/g, ' ')}`].join('\n');
  });

test('mayBePolicy says yes to every text detectPolicy finds a policy in', () => {
  let policies = 0;
  check(
    fc.property(fc.oneof(policyLike, yamlishText), (text) => {
      if (detectPolicy(createPolicyDocument('file:///p.yaml', 1, text).parsed) === 'other') return;
      policies++;
      assert.equal(mayBePolicy(text), true, JSON.stringify(text));
    }),
  );
  // The generator must reach policies, or the property above holds vacuously.
  assert.ok(policies > 50, `only ${policies} generated texts were policies`);
});

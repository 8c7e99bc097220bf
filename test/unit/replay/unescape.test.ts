// An event shipped as a JSON string is unescaped over bytes (jsonScan.ts unescapeString): it must
// give exactly what JSON.parse and TextEncoder give, for every escape JSON has.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { unescapeString } from '../../../server/src/service/replay/jsonScan';

const encoder = new TextEncoder();

function expected(json: string): Uint8Array {
  return encoder.encode(JSON.parse(json) as string);
}

test('every escape, surrogate pairs and lone surrogates give what JSON.parse and TextEncoder give', () => {
  const cases = [
    '""',
    '"plain"',
    String.raw`"{\"kind\":\"Event\",\"requestURI\":\"/api?a=1\\u0026b=2\"}\n"`,
    String.raw`"\b\f\n\r\t\/\\\""`,
    String.raw`"\u0041\u00e9\u20ac\uD83D\uDE00 end"`,
    String.raw`"\uD83D alone \uDE00 and \uDBFF\u0041"`,
    '"raw é € 😀"',
  ];
  for (const json of cases) {
    const b = encoder.encode(json);
    assert.deepEqual(unescapeString(b, 0, b.length), expected(json), json);
  }
});

test('random strings round-trip through JSON.stringify', () => {
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const alphabet = ['a', '"', '\\', '\n', '\t', '\u0001', 'é', '€', '\ud83d\ude00', '\ud83d', '\ude00', '{', '/'];
  for (let i = 0; i < 2000; i++) {
    const text = Array.from({ length: random(40) }, () => alphabet[random(alphabet.length)]).join('');
    // Some escapes written as \uXXXX, as Go writes <, > and &.
    const json = JSON.stringify(text).replace(/[{/]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const b = encoder.encode(`  ${json}  `);
    assert.deepEqual(unescapeString(b, 2, b.length - 2), expected(json), json);
  }
});

// Go's encoding/json syntax errors, as kube-apiserver reports a policy file that starts with `{`
// and is not JSON. Each expected message is the 1.20.2 oracle's loadError for the text, after
// "failed decoding: couldn't get version/kind; json parse error: " (its scanner is Go's
// encoding/json scanner.go, unchanged in its wording since).
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { goJsonSyntaxError } from '../../../server/src/service/parse/goyaml/goJsonSyntax';

const CASES: ReadonlyArray<readonly [string, string, number]> = [
  // [text, the oracle's message, the offset of the character it names]
  ['{"rules": [{"level": "None"},]}', "invalid character ']' looking for beginning of value", 29],
  ['{"rules": [],}', "invalid character '}' looking for beginning of object key string", 13],
  ['{"apiVersion": "v1" "kind": "Policy"}', "invalid character '\"' after object key:value pair", 20],
  ['{apiVersion: "v1"}', "invalid character 'a' looking for beginning of object key string", 1],
  ["{'apiVersion': 'x'}", "invalid character '\\'' looking for beginning of object key string", 1],
  ['{"a": 1, // c\n "b": 2}', "invalid character '/' looking for beginning of object key string", 9],
  ['{"a": tru}', "invalid character '}' in literal true (expecting 'e')", 9],
  ['{"a": nul}', "invalid character '}' in literal null (expecting 'l')", 9],
  ['{"a": -}', "invalid character '}' in numeric literal", 7],
  ['{"a": 01}', "invalid character '1' after object key:value pair", 7],
  ['{"a": 1.}', "invalid character '}' after decimal point in numeric literal", 8],
  ['{"a": 1e}', "invalid character '}' in exponent of numeric literal", 8],
  ['{"a": "\\x"}', "invalid character 'x' in string escape code", 8],
  ['{"a": "\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape", 11],
  ['{"a": "b\tc"}', "invalid character '\\t' in string literal", 8],
  ['{"a": 1} x', "invalid character 'x' after top-level value", 9],
  ['{"a": [1, 2}', "invalid character '}' after array element", 11],
  ['{"a" 1}', "invalid character '1' after object key", 5],
  // Go's scanner reads bytes: a character outside ASCII is named by its first UTF-8 byte.
  ['{"a": \u201cb\u201d}', "invalid character 'â' looking for beginning of value", 6],
  ['{"a": \u00a0}', "invalid character 'Â' looking for beginning of value", 6],
  ['{"a": \u007f}', "invalid character '\\x7f' looking for beginning of value", 6],
  ['{"a": \\}', "invalid character '\\\\' looking for beginning of value", 6],
  // The end of the text is read as a space (scanner.eof).
  ['{"a": 1', 'unexpected end of JSON input', 7],
  ['{"a": tru', "invalid character ' ' in literal true (expecting 'e')", 9],
];

describe("Go's encoding/json syntax errors", () => {
  for (const [text, message, offset] of CASES) {
    test(JSON.stringify(text), () => {
      assert.deepEqual(goJsonSyntaxError(text), { message, offset });
    });
  }

  test('valid JSON has no error (the oracle loads it or refuses it for what it says, not its syntax)', () => {
    assert.equal(goJsonSyntaxError('{"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": []}\n\n'), undefined);
  });

  test('nesting deeper than Go allows: exceeded max depth', () => {
    // scanner.go maxNestingDepth = 10000 (Go 1.15, which built 1.20.2). The oracle: "invalid
    // character '[' exceeded max depth" for 10,000 brackets in the value, the end of input for 9,998.
    const deep = `{"a": ${'['.repeat(10000)}`;
    assert.deepEqual(goJsonSyntaxError(deep), {
      message: "invalid character '[' exceeded max depth",
      offset: 6 + 9999,
    });
    assert.equal(goJsonSyntaxError(`{"a": ${'['.repeat(9998)}`)?.message, 'unexpected end of JSON input');
  });
});

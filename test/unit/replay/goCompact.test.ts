// An event's JSON as kube-apiserver's log backend writes it (Go's encoding/json encoder), made from
// another spelling of the same JSON. The expected text is Go's own: `json.Unmarshal` of the input
// into a map, then `json.NewEncoder(os.Stdout).Encode` (Go 1.19, run by hand; its newline left out).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { goCompact, goCompactSize } from '../../../server/src/service/replay/goCompact';

const INPUT = '{"a": "x\\u2028<>&\\ud83d\\ude00\\ud800\\/\\u0001\\u00e9 é\\t\\"\\\\",\n  "b": 1}';
const GO = '{"a":"x\\u2028\\u003c\\u003e\\u0026😀\ufffd/\\u0001é é\\t\\"\\\\","b":1}';

test("Go's spelling: HTML characters and U+2028 escaped, other characters as they are, a lone surrogate U+FFFD", () => {
  const input = new TextEncoder().encode(INPUT);
  assert.equal(new TextDecoder().decode(goCompact(input)), GO);
  assert.equal(goCompactSize(input), Buffer.byteLength(GO));
  // The same text written out (U+2028 raw, `&` raw) is spelt the same.
  const raw = new TextEncoder().encode('{ "a" : "x\u2028<>&😀\ufffd/\\u0001é é\\t\\"\\\\", "b": 1 }');
  assert.equal(new TextDecoder().decode(goCompact(raw)), GO);
});

test('a text that is no JSON is none: the reader says why at the text as it came', () => {
  for (const text of ['{"a": 1', '{"a": 1} x', 'not json', '']) {
    assert.equal(goCompact(new TextEncoder().encode(text)), undefined, text);
  }
});

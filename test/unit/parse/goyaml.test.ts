// The port of go-yaml v2 (server/src/service/parse/goyaml): whether kube-apiserver gets past its
// YAML step, and its exact error. Every expected value is the oracle's answer (Kubernetes 1.20.2's
// LoadPolicyFromBytes, ../shared/tools/kube-apiserver-oracle), its loadError quoted in full beside
// the case: the port's message is that text without the loader's "failed decoding: " prefix.
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { readPolicyText } from '../../../server/src/service/parse/goyaml/load';
import { isPrintable } from '../../../server/src/service/parse/goyaml/reader';

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';

interface Case {
  readonly name: string;
  readonly text: string;
  /** The oracle's loadError without "failed decoding: ", or null when the file gets past the YAML step. */
  readonly oracle: string | null;
}

const CASES: readonly Case[] = [
  // loadError: "failed decoding: yaml: line 5: did not find expected alphabetic or numeric character"
  {
    name: 'an alias without a name',
    text: `${POLICY}rules:\n- level: None\n  users: [*]\n`,
    oracle: 'yaml: line 5: did not find expected alphabetic or numeric character',
  },
  // loadError: "failed decoding: yaml: line 5: mapping values are not allowed in this context"
  {
    name: 'a key indented one space more than its mapping',
    text: `${POLICY}rules:\n- level: None\n   users: [a]\n`,
    oracle: 'yaml: line 5: mapping values are not allowed in this context',
  },
  // loadError: "failed decoding: yaml: line 4: did not find expected '-' indicator"
  {
    name: 'a key indented less than its mapping',
    text: `${POLICY}rules:\n  - level: None\n   users: [a]\n`,
    oracle: "yaml: line 4: did not find expected '-' indicator",
  },
  // loadError: "failed decoding: yaml: line 6: could not find expected ':'"
  {
    name: 'a plain line without a colon',
    text: `${POLICY}rules:\n- level: None\n  users\n`,
    oracle: "yaml: line 6: could not find expected ':'",
  },
  // loadError: "failed decoding: yaml: line 5: did not find expected ',' or ']'"
  {
    name: 'an unterminated flow list',
    text: `${POLICY}rules:\n- level: None\n  verbs: [get\n- level: Metadata\n`,
    oracle: "yaml: line 5: did not find expected ',' or ']'",
  },
  // loadError: "failed decoding: yaml: line 5: found a tab character that violates indentation"
  {
    name: 'a tab as indentation',
    text: `${POLICY}rules:\n- level: None\n\tverbs: [get]\n`,
    oracle: 'yaml: line 5: found a tab character that violates indentation',
  },
  // loadError: "failed decoding: yaml: control characters are not allowed"
  {
    name: 'a control character in a comment',
    text: `# a\u0007\n${POLICY}rules:\n- level: None\n`,
    oracle: 'yaml: control characters are not allowed',
  },
  // loadError: "failed decoding: yaml: control characters are not allowed"
  {
    name: 'a control character in the 512 bytes read with the first document',
    text: `${POLICY}rules:\n- level: None\n---\n# \u0007\n`,
    oracle: 'yaml: control characters are not allowed',
  },
  // loadError: null
  {
    name: 'a control character beyond the reads of the first document',
    text: `${POLICY}rules:\n- level: None\n---\n# ${'x'.repeat(1000)}\u0007\n`,
    oracle: null,
  },
  // loadError: "failed decoding: yaml: unknown anchor 'u' referenced"
  {
    name: 'an unknown anchor',
    text: `${POLICY}rules:\n- level: None\n  users: *u\n`,
    oracle: "yaml: unknown anchor 'u' referenced",
  },
  // loadError: "failed decoding: yaml: anchor 'r' value contains itself"
  {
    name: 'an anchor that contains itself',
    text: `${POLICY}rules: &r\n- level: None\n- *r\n`,
    oracle: "yaml: anchor 'r' value contains itself",
  },
  // loadError: "failed decoding: yaml: map merge requires map or sequence of maps as the value"
  {
    name: 'a merge of a scalar',
    text: `${POLICY}x: &x 1\nrules:\n- <<: *x\n  level: None\n`,
    oracle: 'yaml: map merge requires map or sequence of maps as the value',
  },
  // loadError: "failed decoding: yaml: line 2: did not find expected key"
  {
    name: 'an empty key',
    text: `${POLICY}: x\nrules:\n- level: None\n`,
    oracle: 'yaml: line 2: did not find expected key',
  },
  // loadError: "failed decoding: yaml: invalid map key: map[interface {}]interface {}{\"a\":1}"
  {
    name: 'a mapping as a key',
    text: `${POLICY}? {a: 1}\n: x\nrules:\n- level: None\n`,
    oracle: 'yaml: invalid map key: map[interface {}]interface {}{"a":1}',
  },
  // loadError: "failed decoding: yaml: invalid map key: []interface {}{\"a\", \"b\\tc\\u00a0é\", 1.5,
  //   1e+06, 1e-05, interface {}(nil), true, map[interface {}]interface {}{\"a\":[]interface {}{},
  //   \"b\":map[interface {}]interface {}{}, \"z\":1, \"é\":2}}" (fmt's %#v: strings quoted, a float
  //   in %g's shortest form, map keys sorted)
  {
    name: 'a list of every kind of value as a key',
    text: `${POLICY}rules:\n- ? [a, "b\\tc\\u00a0\\u00e9", 1.5, 1e6, 0.00001, ~, true, {z: 1, a: [], "\\u00e9": 2, b: {}}]\n  : y\n`,
    oracle:
      'yaml: invalid map key: []interface {}{"a", "b\\tc\\u00a0é", 1.5, 1e+06, 1e-05, interface {}(nil), true, ' +
      'map[interface {}]interface {}{"a":[]interface {}{}, "b":map[interface {}]interface {}{}, "z":1, "é":2}}',
  },
  // loadError: "failed decoding: yaml: invalid map key: map[interface {}]interface {}{\"level\":\"None\",
  //   \"users\":[]interface {}{\"a\"}}" (an anchored mapping merged into the key)
  {
    name: 'a mapping with a merge key as a key',
    text: `${POLICY}base: &b {users: [a]}\nrules:\n- ? {<<: *b, level: None}\n  : y\n`,
    oracle: 'yaml: invalid map key: map[interface {}]interface {}{"level":"None", "users":[]interface {}{"a"}}',
  },
  // loadError: "failed decoding: yaml: cannot decode !!str `abc` as a !!int"
  {
    name: 'an int tag on a word',
    text: `${POLICY}x: !!int abc\nrules:\n- level: None\n`,
    oracle: 'yaml: cannot decode !!str `abc` as a !!int',
  },
  // loadError: "failed decoding: yaml: found incompatible YAML document"
  {
    name: 'a YAML 1.2 directive',
    text: `%YAML 1.2\n---\n${POLICY}rules:\n- level: None\n`,
    oracle: 'yaml: found incompatible YAML document',
  },
  // loadError: "failed decoding: yaml: line 6: could not find expected ':'" (go-yaml's is_bom looks at
  // the start of its buffer, so a byte order mark in the middle of the file is a plain scalar)
  {
    name: 'a byte order mark on a later line',
    text: `${POLICY}rules:\n- level: Metadata\n\ufeff\n`,
    oracle: "yaml: line 6: could not find expected ':'",
  },
  // loadError: null (rules 1)
  { name: 'a byte order mark at the start', text: `\ufeff${POLICY}rules:\n- level: None\n`, oracle: null },
  // loadError: null (rules 1): NEL is a YAML 1.1 line break
  { name: 'NEL before the first key', text: `\u0085${POLICY}rules:\n- level: None\n`, oracle: null },
  // loadError: null (rules 2)
  {
    name: "a quoted scalar's continuation line indented less than its key",
    text: `${POLICY}rules:\n- level: None\n  users: ["system:kube-\nproxy"]\n- level: Metadata\n`,
    oracle: null,
  },
  // loadError: null (rules 1)
  { name: 'a broken second document', text: `${POLICY}rules:\n- level: None\n---\n: [\n`, oracle: null },
  // loadError: "failed decoding: couldn't get version/kind; json parse error:
  //   invalid character 'x' after top-level value"
  {
    name: 'JSON with trailing text',
    text: '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None"}]} x',
    oracle: "couldn't get version/kind; json parse error: invalid character 'x' after top-level value",
  },
];

describe('go-yaml v2 port: the verdict and the first error', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const message = readPolicyText(c.text).failure?.message ?? null;
      assert.equal(message, c.oracle);
    });
  }
});

describe('go-yaml v2 port: where the first document ends', () => {
  test('a line indented less than a policy indented as a whole ends it', () => {
    // loadError: null, rules 1: the rule below `metadata: {}` is never read.
    const text =
      '  apiVersion: audit.k8s.io/v1\n  kind: Policy\n  rules:\n  - level: None\n    users: [a]\nmetadata: {}\n- level: Metadata\n';
    assert.deepEqual(readPolicyText(text).stop, { offset: text.indexOf('metadata'), kind: 'content' });
  });

  test('a second document', () => {
    const text = `${POLICY}rules:\n- level: None\n---\nx: 1\n`;
    assert.deepEqual(readPolicyText(text).stop, { offset: text.indexOf('---'), kind: 'document' });
  });

  test('the end of the text', () => {
    assert.equal(readPolicyText(`${POLICY}rules:\n- level: None\n# done\n`).stop?.kind, 'end');
  });
});

test("the reader's printable test is go-yaml's character class, for every code point", () => {
  // yaml_parser_update_buffer (readerc.go) lets through tab, LF, CR, 0x20-0x7E, NEL, 0xA0-0xD7FF,
  // 0xE000-0xFFFD and 0x10000-0x10FFFF; a string's lone surrogates are let through as well.
  const printable = /^[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]$/u;
  for (let code = 0; code <= 0x10ffff; code++) {
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    const expected = surrogate || printable.test(String.fromCodePoint(code));
    if (isPrintable(code) !== expected) assert.fail(`U+${code.toString(16)}: ${isPrintable(code)}`);
  }
});

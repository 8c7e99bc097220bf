// Files in the encodings kube-apiserver reads (UTF-8, UTF-16 LE and BE, with or without a byte
// order mark): the command line gives the verdict kube-apiserver gives the same bytes. The mark
// matters: kube-apiserver reads a file as JSON only when its first non-space byte is `{`
// (apimachinery IsJSONBuffer), so a JSON policy behind a mark is read as YAML by go-yaml, which
// skips the mark. Each expected verdict is kube-apiserver 1.20.2's (the oracle), noted beside it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli';

const dir = mkdtempSync(join(tmpdir(), 'kap-encodings-'));
const MARK = '\ufeff';

/** A JSON policy with a raw tab inside a string: invalid JSON, valid YAML (a flow mapping). */
const TAB_IN_STRING = '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None","users":["a\tb"]}]}';
/** Loads as YAML, refused as JSON (json-iterator reads an int64 as digits only). */
const EXPONENT =
  '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","metadata":{"generation":1e3},"rules":[{"level":"None"}]}';
/** A trailing comma: YAML's flow list allows it, JSON does not. */
const TRAILING_COMMA = '{"apiVersion":"audit.k8s.io/v1","kind":"Policy","rules":[{"level":"None","verbs":["get",]}]}';

function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(`${MARK}${text}`, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

function lint(name: string, bytes: Buffer): ReturnType<typeof runCli> {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return runCli(['lint', '--kubernetes-version', '1.20', '--format', 'json', file]);
}

function errors(r: ReturnType<typeof runCli>): string[] {
  const report = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string; severity: string }> }> };
  return report.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
}

for (const [what, text] of [
  ['a tab inside a string', TAB_IN_STRING],
  ['`generation: 1e3`', EXPONENT],
  ['a trailing comma', TRAILING_COMMA],
] as const) {
  test(`a JSON policy with ${what}: refused without a byte order mark, loaded behind one (UTF-8, UTF-16)`, () => {
    // Oracle: without a mark, "failed decoding: ..." (read as JSON); with a mark, loads (1 rule).
    const plain = lint('plain.json', Buffer.from(text));
    assert.equal(plain.status, 1, plain.stdout);
    assert.ok(errors(plain).length > 0);
    for (const [name, bytes] of [
      ['utf8-mark.json', Buffer.from(`${MARK}${text}`)],
      ['utf16le.json', utf16(text, 'le')],
      ['utf16be.json', utf16(text, 'be')],
    ] as const) {
      const r = lint(name, bytes);
      assert.equal(r.status, 0, `${name}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(errors(r), [], name);
    }
  });
}

test('a YAML policy in UTF-16 is checked as in UTF-8; first-line columns do not count the mark', () => {
  // Oracle (the UTF-8 text): rules[0].level: Unsupported value: "Bogus".
  const yaml = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Bogus\n';
  for (const bytes of [Buffer.from(yaml), Buffer.from(`${MARK}${yaml}`), utf16(yaml, 'le'), utf16(yaml, 'be')]) {
    const r = lint('policy.yaml', bytes);
    assert.equal(r.status, 1);
    assert.deepEqual(errors(r), ['invalid-level']);
  }
  // Oracle: `kind: Event` is refused behind a mark as without it; the finding is at column 0 either way.
  const event = 'kind: Event\napiVersion: audit.k8s.io/v1\nrules:\n- level: None\n';
  for (const bytes of [Buffer.from(event), Buffer.from(`${MARK}${event}`), utf16(event, 'le')]) {
    const report = JSON.parse(lint('event.yaml', bytes).stdout) as {
      files: Array<{ diagnostics: Array<{ code: string; range: { start: { line: number; character: number } } }> }>;
    };
    const kind = report.files[0].diagnostics.find((d) => d.code === 'invalid-kind');
    assert.deepEqual(kind?.range.start, { line: 0, character: 6 });
  }
});

test('UTF-16 that does not decode (a lone surrogate, an odd last byte) is unreadable input, as for go-yaml', () => {
  // go-yaml (readerc.go): "incomplete UTF-16 character" and "unexpected low surrogate area".
  for (const bytes of [
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xdc]),
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x0a]),
  ]) {
    const r = lint('broken.json', bytes);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read .*broken\.json: not valid UTF-16LE/);
  }
});

test('UTF-32 is refused: its mark reads as UTF-16 LE then U+0000, or its bytes are not UTF-8', () => {
  // go-yaml (readerc.go yaml_parser_determine_encoding) knows UTF-8 and UTF-16 only: FF FE 00 00
  // is UTF-16 LE's mark and then U+0000 ("control characters are not allowed"); 00 00 FE FF is
  // read as UTF-8, where FE is no character.
  const yaml = `${MARK}apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n`;
  const le = Buffer.alloc(yaml.length * 4);
  const be = Buffer.alloc(yaml.length * 4);
  [...yaml].forEach((c, i) => (le.writeUInt32LE(c.codePointAt(0)!, i * 4), be.writeUInt32BE(c.codePointAt(0)!, i * 4)));
  const little = lint('utf32le.yaml', le);
  assert.equal(little.status, 1);
  assert.deepEqual(errors(little), ['yaml-syntax']);
  assert.equal(lint('utf32be.yaml', be).status, 2);
});

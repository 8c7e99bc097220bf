// Lines holding bytes that are not UTF-8 are read as Go's encoding/json reads them: each byte that
// starts no valid UTF-8 sequence is U+FFFD (decode.go unquoteBytes, "Coerce to well-formed UTF-8":
// utf8.DecodeRune returns (RuneError, 1) for an invalid encoding, so one U+FFFD per invalid byte).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replaceInvalidUtf8 } from '../../../server/src/service/replay/invalidUtf8';
import { replayTexts } from '../../helpers/replay';

const F = '\ufffd';
const bytes = (...parts: Array<string | number[]>): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

test('each byte that starts no valid UTF-8 sequence becomes one U+FFFD, as utf8.DecodeRune steps over it', () => {
  const cases: Array<[Buffer, string]> = [
    [bytes('a', [0xff], 'b'), `a${F}b`],
    // A cut sequence: two invalid bytes, two U+FFFD (TextDecoder would give one).
    [bytes([0xe2, 0x82], 'A'), `${F}${F}A`],
    [bytes([0xe2, 0x82]), `${F}${F}`],
    // A surrogate, an overlong form and a code point above U+10FFFF are invalid byte by byte.
    [bytes([0xed, 0xa0, 0x80]), F.repeat(3)],
    [bytes([0xc0, 0x80]), F.repeat(2)],
    [bytes([0xe0, 0x80, 0x80]), F.repeat(3)],
    [bytes([0xf0, 0x8f, 0xbf, 0xbf]), F.repeat(4)],
    [bytes([0xf4, 0x90, 0x80, 0x80]), F.repeat(4)],
    // Valid sequences at each length and at the edges are kept.
    [bytes('\u00e9\u20ac\ud83d\ude00\ud7ff\ue000\udbff\udfff'), '\u00e9\u20ac\ud83d\ude00\ud7ff\ue000\udbff\udfff'],
  ];
  for (const [input, expected] of cases)
    assert.equal(Buffer.from(replaceInvalidUtf8(input)).toString('utf8'), expected, input.toString('hex'));
  const valid = bytes('{"verb":"get"}');
  assert.equal(replaceInvalidUtf8(valid), valid, 'valid bytes are not copied');
});

const POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: None
  resources:
  - group: ""
    resources: ["pods"]
    resourceNames: ["nginx${F}A"]
- level: Request
  resources:
  - group: ""
    resources: ["pods"]
    resourceNames: ["nginx${F}${F}A"]
- level: Metadata
`;

const event = (name: number[], userAgent: number[]): Buffer =>
  bytes(
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"a1","stage":"ResponseComplete",',
    '"requestURI":"/api/v1/namespaces/default/pods/x","verb":"get","user":{"username":"alice"},"userAgent":"kubectl',
    userAgent,
    '/v1.30","objectRef":{"resource":"pods","namespace":"default","name":"nginx',
    name,
    'A","apiVersion":"v1"},"stageTimestamp":"2024-05-01T10:00:00.000000Z"}\n',
  );

test('an event with stray bytes in its strings is read and decided, and the report says how', () => {
  const log = Buffer.concat([
    event([0xe2, 0x82], [0xff]),
    event([], []),
    bytes('{"verb":', [0xff], '}\n'), // outside a string: a syntax error for Go too
  ]);
  const { records, report } = replayTexts(POLICY, [{ name: 'audit.log', bytes: log }], undefined, 20);
  // Oracle: get pods "nginx\ufffd\ufffdA" -> rule 1; get pods "nginxA" -> rule 2.
  assert.deepEqual(
    records.map((r) => r.rule),
    [1, 2],
  );
  assert.deepEqual(
    report.rules[1].userAgents.map((c) => c.value),
    [`kubectl${F}/v1.30`],
  );
  assert.equal(report.badLines.length, 1);
  assert.equal(report.badLines[0].line, 3);
  assert.match(report.badLines[0].reason, /^not JSON.*\(the line holds bytes that are not UTF-8, read as U\+FFFD\)$/);
  const note = report.notes.find((n) => n.includes('not UTF-8'));
  assert.match(note ?? '', /^2 lines \(the first at audit\.log:1\) held bytes that are not UTF-8/);
});

test('a log of valid UTF-8 has no note about it', () => {
  const { report } = replayTexts(POLICY, [{ name: 'audit.log', bytes: event([], []) }]);
  assert.equal(report.totals.events, 1);
  assert.equal(
    report.notes.some((n) => n.includes('UTF-8')),
    false,
  );
});

test('a character cut between two pieces of a CRI line is whole again once the pieces are joined', () => {
  const line = event([0xc3, 0xa9], []);
  const cut = line.indexOf(0xc3) + 1; // containerd cuts at a byte count, here inside the é
  const log = Buffer.concat([
    bytes('2024-05-01T10:00:00.1Z stdout P '),
    line.subarray(0, cut),
    bytes('\n2024-05-01T10:00:00.1Z stdout F '),
    line.subarray(cut),
  ]);
  const { report } = replayTexts(POLICY, [{ name: 'kube-apiserver.log', bytes: log }]);
  assert.equal(report.totals.events, 1);
  assert.deepEqual(report.badLines, []);
  assert.equal(
    report.notes.some((n) => n.includes('UTF-8')),
    false,
  );
});

// A JSON array of events spread over lines, as `jq -s .`, scripts (`json.dump(events, indent=2)`),
// Logs Explorer's JSON download and many exports write it: `[` on its own line or with the first
// element, one event per line or pretty-printed ones, `]` at the end. Each element is read at its
// own line and sized as its text with a newline, a broken one is one bad line, and no array is
// gathered whole (however large). The events are the 100 real ones of OpenShift's audit_in.log;
// the rules expected are kube-apiserver v1.20.2's checker's (the oracle, in oracle-table.json)
// under GKE's policy, by each event's line in that file.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { JsonArrayLines } from '../../../server/src/service';
import { openShiftEventsUnderGke, replayWritten } from '../../helpers/replay';

const { lines: LINES, policy: POLICY, rules: RULES, bytes: FILE_BYTES } = openShiftEventsUnderGke();
const auditID = (line: string): string => (JSON.parse(line) as { auditID: string }).auditID;

async function replay(text: string) {
  const { report, records } = await replayWritten('export.json', text, POLICY);
  return { report, records: records.map((r) => [r.line, r.auditID, r.rule, r.bytes]) };
}

test('`[`, one event per line with commas, `]`: each at its own line, sized as its line', async () => {
  assert.equal(LINES.length, 100);
  const text = `[\n${LINES.join(',\n')}\n]\n`;
  const { report, records } = await replay(text);
  assert.deepEqual(
    records,
    LINES.map((l, i) => [i + 2, auditID(l), RULES[i], Buffer.byteLength(l) + 1]),
  );
  assert.deepEqual(report.badLines, []);
  // The same bytes as the log kube-apiserver wrote.
  assert.equal(report.totals.bytes, FILE_BYTES);
  // Without commas (lines pasted between brackets), and opened on the first event's line.
  const bare = await replay(`[\n${LINES.join('\n')}\n]\n`);
  assert.deepEqual(bare.records, records);
  const inline = await replay(`[${LINES.join(',\n')}]\n`);
  assert.deepEqual(
    inline.records,
    LINES.map((l, i) => [i + 1, auditID(l), RULES[i], Buffer.byteLength(l) + 1]),
  );
  assert.deepEqual(inline.report.badLines, []);
});

test('`jq -s .`: pretty-printed events, each at the line that opens it, sized as kube-apiserver wrote it', async () => {
  const pretty = LINES.map((l) =>
    JSON.stringify(JSON.parse(l), null, 2)
      .split('\n')
      .map((row) => `  ${row}`)
      .join('\n'),
  );
  const { report, records } = await replay(`[\n${pretty.join(',\n')}\n]\n`);
  assert.deepEqual(records, prettyRecords(pretty));
  assert.deepEqual(report.badLines, []);
});

/**
 * The records of pretty-printed events, the first opening on line 2: each at the line it opens on,
 * sized as the line kube-apiserver wrote (this file's own, verbatim): jq writes its `\u0026` as
 * `&`, and pretty-prints; the event is sized as that line all the same.
 */
function prettyRecords(pretty: readonly string[]): unknown[] {
  let line = 2;
  return pretty.map((p, i) => {
    const row = [line, auditID(LINES[i]), RULES[i], Buffer.byteLength(LINES[i]) + 1];
    line += p.split('\n').length;
    return row;
  });
}

test('a broken element is one bad line; the elements around it count', async () => {
  // A line cut short inside a string, one cut after a comma, and a pretty event cut inside.
  const lines = [...LINES.slice(0, 4)];
  lines[1] = lines[1].slice(0, 300);
  lines[2] = lines[2].slice(0, lines[2].indexOf(',"stage"') + 1);
  const pretty = JSON.stringify(JSON.parse(LINES[4]), null, 2).split('\n');
  pretty[5] = pretty[5].slice(0, 12);
  const text = `[\n${lines.join(',\n')},\n${pretty.join('\n')},\n${LINES[5]}\n]\n`;
  const { report, records } = await replay(text);
  assert.deepEqual(
    records.map((r) => r[0]),
    [2, 5, 6 + pretty.length],
  );
  assert.deepEqual(
    records.map((r) => r[2]),
    [RULES[0], RULES[3], RULES[5]],
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 8)]),
    [
      [3, 'not JSON'],
      [4, 'not JSON'],
      [6, 'not JSON'],
    ],
  );
});

test('a `[` in text swallows nothing: the lines after it are read as lines', async () => {
  const text = `notes:\n[\n${LINES[0]}\nsee above\n${LINES[1]}\n`;
  const { report, records } = await replay(text);
  assert.deepEqual(
    records.map((r) => [r[0], r[2]]),
    [
      [3, RULES[0]],
      [5, RULES[1]],
    ],
  );
  // The opening line says the array never ended; `notes:` and `see above` are no JSON.
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 33)]),
    [
      [1, 'not JSON: unexpected "n" at byte 0'],
      [2, 'a JSON document that does not end'],
      [4, 'not JSON: unexpected "s" at byte 0'],
    ].map(([l, r]) => [l, (r as string).slice(0, 33)]),
  );
});

test('an array far larger than the longest line is read an element at a time', () => {
  const got: Array<[number, number]> = [];
  const bad: number[] = [];
  const max = 64 * 1024;
  const lines = Array.from({ length: 400 }, (_, i) => LINES[i % 100]);
  const array = new JsonArrayLines(
    1,
    Buffer.from('['),
    2,
    { line: (n, _b, size) => got.push([n, size]), bad: (n) => bad.push(n) },
    max,
  );
  lines.forEach((l, i) => array.line(i + 2, Buffer.from(`${l},`), l.length + 2));
  array.line(402, Buffer.from(']'), 2);
  assert.equal(array.ended, true);
  assert.ok(lines.reduce((n, l) => n + l.length, 0) > 10 * max);
  assert.deepEqual(bad, []);
  assert.deepEqual(
    got,
    lines.map((l, i) => [i + 2, Buffer.byteLength(l) + 1]),
  );
});

/**
 * What Python's `json.dump(events, f, indent=0)` writes (checked byte for byte against Python 3 on
 * these events): every line at column 0, `": "` after a key, non-ASCII as `\uXXXX`.
 */
const indentZero = (value: unknown): string =>
  JSON.stringify(value, null, 1)
    .split('\n')
    .map((l) => l.trimStart())
    .join('\n')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The line each element of an unindented array opens on: the `{` lines at depth 1. */
function elementLines(text: string): number[] {
  let depth = 0;
  const lines: number[] = [];
  text.split('\n').forEach((row, i) => {
    if (row.startsWith('{') && depth === 1) lines.push(i + 1);
    for (const c of row.replace(/"(\\.|[^"\\])*"/g, ''))
      depth += c === '{' || c === '[' ? 1 : c === '}' || c === ']' ? -1 : 0;
  });
  return lines;
}

test('`json.dump(events, f, indent=0)`: lines no deeper than their element go on with it as JSON allows', async () => {
  const text = `${indentZero(LINES.map((l) => JSON.parse(l)))}\n`;
  const starts = elementLines(text);
  assert.equal(starts.length, 100);
  const want = LINES.map((l, i) => [starts[i], auditID(l), RULES[i], Buffer.byteLength(l) + 1]);
  for (const eol of ['\n', '\r\n']) {
    const { report, records } = await replay(text.replace(/\n/g, eol));
    assert.deepEqual(records, want);
    assert.deepEqual(report.badLines, []);
    // Python wrote `\u00e1` for á and `&` as it is: the bytes are those of the log kube-apiserver wrote.
    assert.equal(report.totals.bytes, FILE_BYTES);
  }
});

test('an unindented element cut short is one bad line, and the next element is read at its own line', async () => {
  const rows = indentZero(LINES.slice(0, 3).map((l) => JSON.parse(l))).split('\n');
  const starts = elementLines(`${rows.join('\n')}\n`);
  // The second event loses its lines from `"verb"` on: its `{` is followed by the third's `{`.
  const verb = rows.findIndex((r, i) => i > starts[1] && r.startsWith('"verb"'));
  const cut = [...rows.slice(0, verb), ...rows.slice(starts[2] - 1)];
  const { report, records } = await replay(`${cut.join('\n')}\n`);
  assert.deepEqual(
    records.map((r) => [r[0], r[1], r[2]]),
    [
      [starts[0], auditID(LINES[0]), RULES[0]],
      [verb + 1, auditID(LINES[2]), RULES[2]],
    ],
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason.slice(0, 8)]),
    [[starts[1], 'not JSON']],
  );
});

test('an array that is the last member of the object its first line opens: `{"records": [`, `{"kind":"EventList",...,"items":[`', async () => {
  const lineByLine = (first: number) =>
    LINES.map((l, i) => [first + i, auditID(l), RULES[i], Buffer.byteLength(l) + 1]);
  const eventList = '{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[';
  const forms: Array<[string, string, number]> = [
    // Go's member order (items last), the closing on the `]` line.
    ['EventList', `${eventList}\n${LINES.join(',\n')}\n]}\n`, 2],
    // Members after the array, and the `}` on a line of its own.
    ['members after', `{"records": [\n${LINES.join(',\n')}\n], "count": 100\n}\n`, 2],
    // The first element on the opening line, the closing on the last element's line.
    ['first element inline', `{"items":[${LINES.join(',\n')}]}\n`, 1],
  ];
  for (const [name, text, first] of forms) {
    const { report, records } = await replay(text);
    assert.deepEqual(records, lineByLine(first), name);
    assert.deepEqual(report.badLines, [], name);
    assert.equal(report.totals.bytes, FILE_BYTES, name);
  }
  // Pretty-printed events inside: each at the line that opens it, sized as kube-apiserver wrote it.
  const pretty = LINES.map((l) => JSON.stringify(JSON.parse(l), null, 2));
  const { report, records } = await replay(`{"items": [\n${pretty.join(',\n')}\n]}\n`);
  assert.deepEqual(records, prettyRecords(pretty));
  assert.deepEqual(report.badLines, []);
});

test('objects around an array that never close, or text after them: the events count, the rest is said', async () => {
  const two = LINES.slice(0, 2);
  const unclosed = await replay(`{"records": [\n${two.join(',\n')}\n]\n`);
  assert.deepEqual(
    unclosed.records.map((r) => r[0]),
    [2, 3],
  );
  assert.deepEqual(
    unclosed.report.badLines.map((b) => [b.line, b.reason]),
    [[1, 'a JSON document that does not end (no "}" closes the "{" of this line)']],
  );
  // Cut after the `]`: the next line is no part of the objects, and is read as a line of its own.
  const cut = await replay(`{"records": [\n${two.join(',\n')}\n]\n${LINES[2]}\n`);
  assert.deepEqual(
    cut.records.map((r) => [r[0], r[1]]),
    [
      [2, auditID(LINES[0])],
      [3, auditID(LINES[1])],
      [5, auditID(LINES[2])],
    ],
  );
  assert.deepEqual(
    cut.report.badLines.map((b) => b.line),
    [1],
  );
  // Text after the closing `}` on its line is a line of its own; text after the `]` that closes no object too.
  const after = await replay(`{"records": [\n${two.join(',\n')}\n]} trailing\n`);
  assert.deepEqual(
    after.report.badLines.map((b) => [b.line, b.reason.slice(0, 8)]),
    [[4, 'not JSON']],
  );
  // An event cut inside a nested array (`"groups":[{"na`) opens nothing: it is one bad line.
  const cutEvent = LINES.find((l) => l.includes('"groups":["'))!;
  const broken = await replay(`${cutEvent.slice(0, cutEvent.indexOf('"groups":[') + 12)}\n${two.join('\n')}\n`);
  assert.deepEqual(
    broken.records.map((r) => r[0]),
    [2, 3],
  );
  assert.deepEqual(
    broken.report.badLines.map((b) => [b.line, b.reason.slice(0, 8)]),
    [[1, 'not JSON']],
  );
});

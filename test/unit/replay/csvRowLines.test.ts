// CSV exports whose cells hold line breaks (RFC 4180 2.6), and the size of one event in every shape
// a log comes in. The events are real ones of OpenShift's audit_in.log (kube-apiserver v1.25, the
// file verbatim): their lines are what kube-apiserver's log backend wrote, so each line's length
// with its newline is the size the same event must have in any other shape. The rules expected are
// kube-apiserver v1.20.2's checker's (the oracle, oracle-table.json) under GKE's policy.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { CsvRowLines } from '../../../server/src/service';
import { csvCell as cell, openShiftEventsUnderGke, replayWritten } from '../../helpers/replay';

const { lines: LINES, policy: POLICY, rules: RULES, bytes: FILE_BYTES } = openShiftEventsUnderGke();
const auditID = (line: string): string => (JSON.parse(line) as { auditID: string }).auditID;

/** The lines each row of `rows` starts at, after a header line. */
function rowStarts(rows: readonly string[]): number[] {
  let line = 2;
  return rows.map((r) => {
    const start = line;
    line += r.split('\n').length;
    return start;
  });
}

async function replay(name: string, text: string) {
  const { report, records } = await replayWritten(name, text, POLICY);
  return { report, records: records.map((r) => [r.line, r.auditID, r.rule, r.bytes]) };
}

test('a CSV export whose JSON cells are pretty-printed: each event at the line its row starts on', async () => {
  // CloudWatch Logs Insights' columns; each message pretty-printed, as a log shipper may keep it.
  const rows = LINES.map(
    (l, i) => `2023-05-10 10:00:${String(i % 60).padStart(2, '0')}.000,${cell(JSON.stringify(JSON.parse(l), null, 2))}`,
  );
  const starts = rowStarts(rows);
  const want = LINES.map((l, i) => [starts[i], auditID(l), RULES[i], Buffer.byteLength(l) + 1]);
  for (const eol of ['\n', '\r\n']) {
    const { report, records } = await replay(
      'logs-insights-results.csv',
      `@timestamp,@message\n${rows.join('\n')}\n`.replace(/\n/g, eol),
    );
    assert.deepEqual(records, want);
    assert.deepEqual(
      report.badLines.map((b) => b.line),
      [1],
    );
    // The bytes of the log kube-apiserver wrote, not of the export.
    assert.equal(report.totals.bytes, FILE_BYTES);
  }
});

test('a cell never closed swallows no row: its row is one bad line, and the rows after it count', async () => {
  const events = LINES.slice(0, 20);
  const rows = events.map((l) => `2023-05-10 10:00:00.000,${cell(l)}`);
  // A cell cut short: its quote opens, and nothing closes it.
  rows[5] = rows[5].slice(0, -1);
  const { report, records } = await replay('logs-insights-results.csv', `@timestamp,@message\n${rows.join('\n')}\n`);
  assert.deepEqual(
    records,
    events.flatMap((l, i) => (i === 5 ? [] : [[i + 2, auditID(l), RULES[i], Buffer.byteLength(l) + 1]])),
  );
  assert.deepEqual(
    report.badLines.map((b) => [b.line, b.reason]),
    [
      [1, report.badLines[0].reason],
      [
        7,
        'a CSV row whose quoted cell does not end (the file ends first: it was cut short?); the lines after it are read as rows',
      ],
    ],
  );
});

test('a quoted cell is gathered up to a bound: past it the row is one bad line and its lines are read again', () => {
  const got: Array<[number, string]> = [];
  const row = (n: number): string => `t${n},"{""n"": ${n}}"`;
  const lines = [
    row(1),
    't2,"a stray quote',
    row(3),
    'x'.repeat(60),
    row(4),
    row(5),
    't6,"a cell',
    'over lines"',
    row(7),
  ];
  // A bound of 100 bytes: the stray quote's row takes lines from 3 on until it is past 100 bytes.
  const bounded = new CsvRowLines(
    2,
    {
      line: (n, b) => got.push([n, new TextDecoder().decode(b)]),
      bad: (n, reason) => got.push([n, `bad: ${reason}`]),
    },
    100,
  );
  lines.forEach((l, i) => bounded.line(i + 2, new TextEncoder().encode(l), l.length + 1));
  bounded.end();
  // Line 5, no row of two columns, was the rest of the broken cell: it goes with it.
  assert.deepEqual(got, [
    [2, row(1)],
    [
      3,
      'bad: a CSV row whose quoted cell does not end (no closing quote within 100 bytes: a stray quote?); the lines after it are read as rows',
    ],
    [4, row(3)],
    [6, row(4)],
    [7, row(5)],
    [8, 't6,"a cell\nover lines"'],
    [10, row(7)],
  ]);
});

test('one event weighs what kube-apiserver wrote for it, whatever shape it comes in', async () => {
  // Line 95 holds `\u0026` (Go's HTML escaping: jq and JavaScript write `&`), line 97 non-ASCII
  // characters (written as they are: Python writes `\u00e1`), and bodies.
  for (const at of [95, 97]) {
    const line = LINES[at - 1];
    const event = JSON.parse(line) as object;
    const want = [auditID(line), RULES[at - 1], Buffer.byteLength(line) + 1];
    const indentZero = JSON.stringify(event, null, 1)
      .split('\n')
      .map((l) => l.trimStart())
      .join('\n')
      .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const shapes: Array<[string, string]> = [
      ['audit.log', `${line}\n`],
      ['audit.log', `${line}\r\n`],
      ['jq.json', `${JSON.stringify(event, null, 2)}\n`],
      ['python.json', `${indentZero}\n`],
      ['jq-s.json', `[\n${JSON.stringify(event, null, 2)}\n]\n`],
      ['python-list.json', `[\n${indentZero}\n]\n`],
      ['one-line.csv', `@timestamp,@message\n2023-05-10 10:00:00.000,${cell(line)}\n`],
      ['pretty-cell.csv', `@timestamp,@message\n2023-05-10 10:00:00.000,${cell(JSON.stringify(event, null, 2))}\n`],
      ['events.yaml', `---\n${stringify(event)}`],
    ];
    for (const [name, text] of shapes) {
      const { records } = await replay(name, text);
      assert.deepEqual(
        records.map((r) => r.slice(1)),
        [want],
        `${name} ${JSON.stringify(text.slice(0, 30))}`,
      );
    }
  }
});

test('a line that is no CSV row (a line of JSON, a quote inside an unquoted cell) opens no row', () => {
  const got: number[] = [];
  const rows = new CsvRowLines(2, { line: (n) => got.push(n), bad: (n) => got.push(-n) });
  // Three quotes each: an escaped one in a JSON string, a stray one in an unquoted cell.
  const lines = ['{"reason":"by \\"x"}', 't1,12 "inch,x', 't2,"{""n"": 2}"'];
  lines.forEach((l, i) => rows.line(i + 2, new TextEncoder().encode(l), l.length + 1));
  rows.end();
  assert.deepEqual(got, [2, 3, 4]);
});

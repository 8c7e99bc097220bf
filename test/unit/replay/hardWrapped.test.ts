// A log copied from a terminal or a pager: each line longer than the terminal is cut into rows of
// its width, and a copy drops the spaces at the end of a row. Public notes hold such copies (a
// `cat kubernetes.audit | more` pasted into a Markdown page, rows of 212 columns, `v1.22.0` and
// `(linux/amd64)` on two rows with the space between them gone); these are the same two events as
// every shape's test, wrapped the same way. Oracle (kube-apiserver v1.20.2) under POLICY: GET
// /api/v1/namespaces/team-b/configmaps/c by alice -> rule 1 (Metadata); POST
// /api/v1/namespaces/x/pods/p/exec by bob -> rule 0 (RequestResponse).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replayWritten } from '../../helpers/replay';
import { EVENTS, EXEC, GET, POLICY, SIZES } from '../../helpers/twoRequests';

async function replay(text: string) {
  const { report, records } = await replayWritten('copied.log', text, POLICY);
  return { report, records: records.map((r) => [r.line, r.auditID, r.rule, r.bytes]) };
}

/** A line as a terminal shows it `width` columns wide, copied: rows, their final spaces dropped. */
const rowsOf = (line: string, width: number): string[] =>
  Array.from({ length: Math.ceil(line.length / width) }, (_, i) => line.slice(i * width, (i + 1) * width).trimEnd());

/** A width at which a row of GET ends with a space (so the copy drops one), and no row with `}`. */
const WIDTH = [...Array(60).keys()]
  .map((n) => n + 60)
  .find(
    (w) =>
      rowsOf(GET, w).some((_, i, all) => i < all.length - 1 && GET[(i + 1) * w - 1] === ' ') &&
      EVENTS.every((e) => e[w - 1] !== '}'),
  );

const WANT = (first: number, second: number) => [
  [first, JSON.parse(GET).auditID, 1, SIZES[0]],
  [second, JSON.parse(EXEC).auditID, 0, SIZES[1]],
];

test('the rows of a line a terminal wrapped are the line again, dropped spaces back, at its first row', async () => {
  assert.ok(WIDTH, 'a width that drops a space');
  const get = rowsOf(GET, WIDTH!);
  const exec = rowsOf(EXEC, WIDTH!);
  const prompt = '[root@m-k8s ~]# cat /var/log/kubernetes/kubernetes.audit | more';
  const { report, records } = await replay(`${[prompt, ...get, ...exec, '<snipped>'].join('\n')}\n`);
  // Sized as kube-apiserver wrote the lines: the space a row lost is counted again.
  assert.deepEqual(records, WANT(2, 2 + get.length));
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1, 2 + get.length + exec.length],
  );
  // CRLF rows, the same.
  const crlf = await replay(`${[...get, ...exec].join('\r\n')}\r\n`);
  assert.deepEqual(crlf.records, WANT(1, 1 + get.length));
});

test('a line cut short is still one bad line, and the lines after it are read as they are', async () => {
  // A log written while it was copied or rotated: its first line ends inside an object.
  const { report, records } = await replay(`${GET.slice(0, 150)}\n${GET}\n${EXEC}\n${EXEC.slice(0, 40)}\n`);
  assert.deepEqual(records, WANT(2, 3));
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1, 4],
  );
  // A cut line before rows of a wrapped line as wide as it: the rows are still joined.
  const rows = rowsOf(GET, 150);
  const cut = await replay(`${EXEC.slice(0, 150)}\n${rows.join('\n')}\n`);
  assert.deepEqual(cut.records, [[2, JSON.parse(GET).auditID, 1, SIZES[0]]]);
  assert.deepEqual(
    cut.report.badLines.map((b) => b.line),
    [1],
  );
});

test('rows that never close an object are bad lines each, read once', async () => {
  const rows = Array.from({ length: 20000 }, (_, i) => `{"a":"${'x'.repeat(100 + (i % 7))}`);
  const { report, records } = await replay(`${rows.join('\n')}\n${GET}\n`);
  assert.deepEqual(records, [[20001, JSON.parse(GET).auditID, 1, SIZES[0]]]);
  assert.equal(report.totals.badLines, 20000);
});

test('a row cut just after an inner `}` starts a wrapped line when the next row goes on after it', async () => {
  // GET's first row ends with the `}` that closes `user`: its object is still open (depth 1), and the
  // next row starts with `,`, as only a row that goes on after a `}` can.
  const width = GET.indexOf('}') + 1;
  const get = rowsOf(GET, width);
  assert.equal(get[0].at(-1), '}');
  assert.equal(get[1][0], ',');
  const { report, records } = await replay(`${[...get, EXEC].join('\n')}\n`);
  assert.deepEqual(records, WANT(1, 1 + get.length));
  assert.deepEqual(report.badLines, []);
  // A whole line that ends with `}` before a row that goes on after a `}` is still whole: its depth is 0.
  const whole = await replay(`${EXEC}\n${[...get].join('\n')}\n`);
  assert.deepEqual(
    whole.records.map((r) => r[0]),
    [1, 2],
  );
});

test('a row cut after a `}` that ends a chunk of the reader (512 KB) is kept while the next is read', async () => {
  const width = GET.indexOf('}') + 1;
  const wrapped = rowsOf(GET, width);
  const period = wrapped.join('\n').length + 1;
  // Blank space before, so that the first chunk ends 5 bytes into a second row.
  const chunk = 512 * 1024;
  const before = Math.floor(chunk / period) - 1;
  const pad = chunk - (before * period + wrapped[0].length + 1) - 5;
  const copies = Math.ceil((3 * chunk) / period);
  const log = `${' '.repeat(pad - 1)}\n${Array.from({ length: copies }, () => wrapped.join('\n')).join('\n')}\n`;
  assert.equal(log.slice(chunk - 5 - wrapped[0].length - 1, chunk - 5), `${wrapped[0]}\n`);
  const { report, records } = await replay(log);
  assert.equal(records.length, copies);
  assert.ok(records.every((r, i) => r[0] === 2 + i * wrapped.length && r[3] === SIZES[0]));
  assert.deepEqual(report.badLines, []);
});

test('the rows of a prefixed line (aws logs tail, oc adm node-logs) are the line again, prefix kept', async () => {
  // `oc adm node-logs` puts the node name before each line; `aws logs tail` a timestamp and the
  // stream's name. The terminal wraps the whole line, prefix and all.
  for (const prefix of ['ci-ln-m0wpfjb-master-0 ', '2023-05-20T04:14:53.799000+00:00 kube-apiserver-audit-0123 ']) {
    const width = WIDTH!;
    const get = rowsOf(prefix + GET, width);
    const exec = rowsOf(prefix + EXEC, width);
    assert.ok(get.length > 2 && exec.length > 2, 'wrapped');
    const { report, records } = await replay(`${[...get, ...exec].join('\n')}\n`);
    assert.deepEqual(
      records.map((r) => r.slice(0, 3)),
      WANT(1, 1 + get.length).map((r) => r.slice(0, 3)),
      prefix,
    );
    assert.deepEqual(report.badLines, [], prefix);
  }
});

test('a first row that ends with `"groups":[` is still a wrapped line, no array of the rows after it', async () => {
  // The width at which GET's first row ends just after the `[` of its user's groups.
  const width = GET.indexOf('"groups":[') + '"groups":['.length;
  assert.ok(width > 40 && GET.slice(0, width).endsWith('"groups":['));
  const get = rowsOf(GET, width);
  const { report, records } = await replay(`${[...get, EXEC].join('\n')}\n`);
  assert.deepEqual(records, WANT(1, 1 + get.length));
  assert.deepEqual(report.badLines, []);
});

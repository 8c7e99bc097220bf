// Pretty-printed JSON documents among other lines, as notes hold them: a `jq .` output indented under
// a list item of a Markdown page, a line that is only `{` in text that is no JSON. A document closes
// at a line as indented as its opening one; a line no deeper than the opening one that does not close
// it shows the opening line was no document's, and the lines after it are read again, so no event is
// swallowed. The events are the two of every shape's test. Oracle (kube-apiserver v1.20.2) under
// POLICY: GET /api/v1/namespaces/team-b/configmaps/c by alice -> rule 1 (Metadata); POST
// /api/v1/namespaces/x/pods/p/exec by bob -> rule 0 (RequestResponse).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replayWritten } from '../../helpers/replay';
import { EXEC, GET, POLICY, SIZES } from '../../helpers/twoRequests';

async function replay(text: string) {
  const { report, records } = await replayWritten('notes.md', text, POLICY);
  return { report, records: records.map((r) => [r.line, r.auditID, r.rule]) };
}

/** `jq .` of an event, each line indented by `indent`. */
const pretty = (event: string, indent: string): string =>
  JSON.stringify(JSON.parse(event), null, 2)
    .split('\n')
    .map((l) => indent + l)
    .join('\n');

const get = JSON.parse(GET).auditID as string;
const exec = JSON.parse(EXEC).auditID as string;

test('a pretty-printed event indented under a list item closes at its own indentation', async () => {
  const doc = pretty(GET, '   ');
  const { report, records } = await replay(`1. the event:\n${doc}\n2. and the next one:\n${EXEC}\n`);
  const after = 2 + doc.split('\n').length;
  assert.deepEqual(records, [
    [2, get, 1],
    [after + 1, exec, 0],
  ]);
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1, after],
  );
});

test('a line that is only `{` in text swallows nothing: the events after it are read', async () => {
  const text = `func main()\n{\n${GET}\n  x := 1\n}\n${EXEC}\n`;
  const { report, records } = await replay(text);
  assert.deepEqual(records, [
    [3, get, 1],
    [6, exec, 0],
  ]);
  assert.deepEqual(
    report.badLines.map((b) => b.line),
    [1, 2, 4, 5],
  );
  // An unindented pretty-printed document is still one, sized as kube-apiserver's line of it.
  const doc = pretty(GET, '');
  const whole = await replay(`${doc}\n${EXEC}\n`);
  assert.deepEqual(whole.records, [
    [1, get, 1],
    [doc.split('\n').length + 1, exec, 0],
  ]);
  assert.deepEqual(whole.report.badLines, []);
  assert.equal(whole.report.totals.bytes, SIZES[0] + SIZES[1]);
});

test('a list of unindented lines is read an element at a time; an opening line nothing closes swallows nothing', async () => {
  const list = await replay(`[\n${GET},\n${EXEC}\n]\n`);
  assert.deepEqual(list.records, [
    [2, get, 1],
    [3, exec, 0],
  ]);
  assert.deepEqual(list.report.badLines, []);
  // `[` alone, then event lines and no `]`: the events count, the opening line is a bad line that says why.
  const open = await replay(`[\n${GET}\n${EXEC}\n`);
  assert.deepEqual(open.records, [
    [2, get, 1],
    [3, exec, 0],
  ]);
  assert.deepEqual(
    open.report.badLines.map((b) => [b.line, b.reason.slice(0, 33)]),
    [[1, 'a JSON document that does not end']],
  );
});

test("an event written with no indentation (`json.dump(event, f, indent=0)`) is one document, sized as kube-apiserver's line", async () => {
  // Python's output: every line at column 0, the nested objects' `},` lines too.
  const doc = JSON.stringify(JSON.parse(GET), null, 1)
    .split('\n')
    .map((l) => l.trimStart())
    .join('\n');
  assert.match(doc, /\n},\n/);
  const { report, records } = await replay(`${doc}\n${EXEC}\n`);
  assert.deepEqual(records, [
    [1, get, 1],
    [doc.split('\n').length + 1, exec, 0],
  ]);
  assert.deepEqual(report.badLines, []);
  assert.equal(report.totals.bytes, SIZES[0] + SIZES[1]);
  // A line at column 0 that no object can go on with ends it: its lines are read as lines again.
  const cut = doc.split('\n').slice(0, 5).join('\n');
  const broken = await replay(`${cut}\n${EXEC}\n`);
  assert.deepEqual(broken.records, [[6, exec, 0]]);
  assert.deepEqual(
    broken.report.badLines.map((b) => b.line),
    [1, 2, 3, 4, 5],
  );
});

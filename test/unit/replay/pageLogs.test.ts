// A documentation page given as a log: a tutorial that shows the events it printed. Its events are
// in its code blocks, in the shapes a log comes in (JSON lines after the command that printed them,
// an event pretty-printed, YAML); the prose and front matter around them are no log's lines.
// The events are twoRequests.ts's (their rules from the oracle, kube-apiserver v1.20.2).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { EXEC, GET, POLICY } from '../../helpers/twoRequests';
import { replayWritten } from '../../helpers/replay';

const lineOf = (page: string, text: string): number => page.split('\n').findIndex((l) => l.includes(text)) + 1;

test('a Markdown page: the events of its code blocks count, at their lines; its front matter and prose do not', async () => {
  const pretty = JSON.stringify(JSON.parse(EXEC), null, 2).split('\n');
  const page = [
    '---',
    'title: "Auditing"',
    'weight: 10',
    '---',
    '',
    'The log holds one event a line, such as {"kind":"Event","verb":"get"} for a read:',
    '',
    '```console',
    '$ tail -n 1 /var/log/kubernetes/audit.log',
    GET,
    '```',
    '',
    '1. An exec, pretty-printed with `jq .`:',
    '',
    '   ```json',
    ...pretty.map((l) => `   ${l}`),
    '   ```',
    '',
    'And as YAML:',
    '',
    '```yaml',
    stringify(JSON.parse(GET)).trimEnd(),
    '```',
    '',
  ].join('\n');
  const { report, records } = await replayWritten('auditing.md', page, POLICY);
  assert.deepEqual(
    records.map((r) => [r.line, r.auditID, r.rule, r.level]),
    [
      [lineOf(page, GET), JSON.parse(GET).auditID, 1, 'Metadata'],
      [lineOf(page, '   {'), JSON.parse(EXEC).auditID, 0, 'RequestResponse'],
      [lineOf(page, '```yaml') + 1, JSON.parse(GET).auditID, 1, 'Metadata'],
    ],
  );
  // The command in the console block is the page's one line that is not an event.
  assert.deepEqual(
    report.badLines.map((l) => l.line),
    [lineOf(page, '$ tail')],
  );
});

test('a YAML block that does not parse: its error names the page line', async () => {
  const page = ['# Events', '', 'Text.', '', '```yaml', 'kind: Event', 'verb: [get', '```', ''].join('\n');
  const { report } = await replayWritten('events.md', page, POLICY);
  assert.equal(report.badLines.length, 1);
  assert.equal(report.badLines[0].line, 6);
  assert.match(report.badLines[0].reason, /^not YAML at line (6|7|8)\b/);
});

test('an AsciiDoc listing and a reStructuredText code block hold events as a Markdown fence does', async () => {
  const adoc = ['= Audit', '', 'Prose {"verb":"get"}.', '', '[source,json]', '----', GET, EXEC, '----', ''].join('\n');
  const rst = ['Audit', '=====', '', '.. code-block:: json', '', `   ${GET}`, `   ${EXEC}`, '', 'After.', ''].join(
    '\n',
  );
  for (const [name, page] of [
    ['audit.adoc', adoc],
    ['audit.rst', rst],
  ]) {
    const { report, records } = await replayWritten(name, page, POLICY);
    assert.deepEqual(
      records.map((r) => [r.line, r.rule]),
      [
        [lineOf(page, GET), 1],
        [lineOf(page, EXEC), 0],
      ],
      name,
    );
    assert.deepEqual(report.badLines, [], name);
  }
});

test('a page without code blocks is read as lines, and a log named .log is never read as a page', async () => {
  const bare = ['Events:', GET, EXEC, ''].join('\n');
  const asPage = await replayWritten('notes.md', bare, POLICY);
  assert.deepEqual(
    asPage.records.map((r) => [r.line, r.rule]),
    [
      [2, 1],
      [3, 0],
    ],
  );
  assert.deepEqual(
    asPage.report.badLines.map((l) => l.line),
    [1],
  );
  const fenced = ['```', GET, '```', ''].join('\n');
  const asLog = await replayWritten('audit.log', fenced, POLICY);
  assert.deepEqual(
    asLog.report.badLines.map((l) => l.line),
    [1, 3],
  );
  assert.equal(asLog.records.length, 1);
});

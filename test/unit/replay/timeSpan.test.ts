// The log's time span: the earliest and the latest event time as written, to the nanosecond Go
// writes (`04:55:05.668239935Z`), not to the millisecond Date.parse keeps.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { replayWritten } from '../../helpers/replay';
import { EXEC, GET, POLICY } from '../../helpers/twoRequests';

const at = (line: string, time: string): string =>
  line.replace(/"stageTimestamp":"[^"]*"/, `"stageTimestamp":"${time}"`);

test('events in the same millisecond: the span runs from the earliest to the latest of them', async () => {
  const times = ['2022-05-10T04:55:05.668239935Z', '2022-05-10T04:55:05.66809422Z', '2022-05-10T04:55:05.668500Z'];
  const text = `${at(GET, times[0])}\n${at(EXEC, times[1])}\n${at(GET, times[2])}\n`;
  const { report } = await replayWritten('same-ms.log', text, POLICY);
  assert.deepEqual(report.timeSpan, { first: times[1], last: times[2] });
  // in the other order, the same span
  const reversed = `${at(GET, times[2])}\n${at(EXEC, times[1])}\n${at(GET, times[0])}\n`;
  assert.deepEqual((await replayWritten('same-ms.log', reversed, POLICY)).report.timeSpan, {
    first: times[1],
    last: times[2],
  });
});

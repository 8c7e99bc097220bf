// replayFiles (server/src/node/replayFiles.ts) after a log is opened never needs its path again: a
// live audit.log that logrotate renames or deletes while it is read is read to its end, and the
// progress counts the bytes the reading saw, not the size of whatever the path names afterwards.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { createPolicyDocument, replayPolicy } from '../../../server/src/service';
import { CHUNK_BYTES } from '../../../server/src/node/logLines';
import { replayFiles } from '../../../server/src/node/replayFiles';
import type { ReplayProgress } from '../../../server/src/node/replayFiles';
import { EVENTS_FIXTURES } from '../../helpers/replay';

const POLICY = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n';
const EVENTS = readFileSync(path.join(EVENTS_FIXTURES, 'audit2rbac-demo.jsonl'));
const dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-files-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('logs deleted while they are read: every event counts, progress adds up the bytes read', async () => {
  const repeats = Math.ceil((3 * CHUNK_BYTES) / EVENTS.length); // several chunks per file
  const text = Buffer.concat(Array.from({ length: repeats }, () => EVENTS));
  const events = text
    .toString('utf8')
    .split('\n')
    .filter((l) => l.trim() !== '').length;
  const logs = ['a.log', 'b.log'].map((name) => path.join(dir, name));
  for (const log of logs) writeFileSync(log, text);
  const progress: ReplayProgress[] = [];
  const report = await replayFiles({
    policy: replayPolicy(createPolicyDocument('file:///p.yaml', 1, POLICY), 'p.yaml'),
    logs,
    onProgress: (p) => {
      // The first chunk of each file is in: the path goes away, as rotation takes it.
      if (progress.at(-1)?.file !== p.file) rmSync(p.file);
      progress.push(p);
    },
  });
  assert.equal(report.totals.events, 2 * events);
  assert.equal(report.totals.badLines, 0);
  assert.equal(report.totals.bytes, 2 * text.length);
  const last = progress.at(-1)!;
  assert.equal(last.totalBytes, 2 * text.length);
  assert.equal(last.readBytes, 2 * text.length, 'the second file counts on from the bytes of the first');
  assert.ok(progress.length >= 6, `${progress.length} progress reports`);
});

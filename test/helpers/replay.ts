// Replays text or files through the service's Replayer, the way server/src/node reads them (one
// line at a time, the newline counted in the size), for unit tests without the Node reader.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildReport, createPolicyDocument, Replayer, replayPolicy } from '../../server/src/service';
import type { EventRecord, ReplayReport } from '../../server/src/service';
import { replayFiles } from '../../server/src/node/replayFiles';

export const EVENTS_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/events');
export const CORPUS_FIXTURES = path.resolve(__dirname, '../../../test/fixtures/corpus');

/** The shared event corpus beside the clone (or beside the folder of worktrees), when it is there. */
export const SHARED_EVENTS = ['../shared', '../../shared']
  .map((s) => path.resolve(__dirname, '../../..', s, 'corpus/events'))
  .find(existsSync);

/** Where an event file is: the committed copy, else the shared corpus; undefined when neither has it. */
export function eventFile(name: string): string | undefined {
  const local = path.join(EVENTS_FIXTURES, name);
  if (existsSync(local)) return local;
  const shared = SHARED_EVENTS && path.join(SHARED_EVENTS, name);
  return shared && existsSync(shared) ? shared : undefined;
}

export interface Replayed {
  readonly report: ReplayReport;
  readonly records: EventRecord[];
}

export function replayTexts(
  policyText: string,
  logs: Array<{ name: string; bytes: Uint8Array | string }>,
  againstText?: string,
  kubernetesMinor?: number,
  /** false: no per-event records asked for (as the report alone runs), `records` stays empty. */
  events = true,
): Replayed {
  const policy = replayPolicy(createPolicyDocument('file:///policy.yaml', 1, policyText), 'policy.yaml');
  const against =
    againstText === undefined
      ? undefined
      : replayPolicy(createPolicyDocument('file:///against.yaml', 1, againstText), 'against.yaml');
  const records: EventRecord[] = [];
  const replayer = new Replayer({
    policy: policy.compiled,
    against: against?.compiled,
    kubernetesMinor,
    onEvent: events ? (r) => records.push(r) : undefined,
  });
  for (const log of logs) {
    const file = replayer.startFile(log.name);
    const bytes = typeof log.bytes === 'string' ? new TextEncoder().encode(log.bytes) : log.bytes;
    let start = 0;
    let line = 0;
    while (start < bytes.length) {
      let end = bytes.indexOf(0x0a, start);
      const terminated = end !== -1;
      if (!terminated) end = bytes.length;
      line++;
      const piece = bytes.subarray(start, end);
      if (piece.some((c) => c !== 0x20 && c !== 0x0d))
        replayer.line(file, line, piece, piece.length + (terminated ? 1 : 0));
      start = end + 1;
    }
    replayer.endFile();
  }
  return { report: buildReport(replayer.tally, policy.info, against?.info), records };
}

export const readPolicy = (name: string): string => readFileSync(path.join(CORPUS_FIXTURES, name), 'utf8');

/** Replays `text` written to a file named `name` (the name can decide how it is read) through the
 *  Node reader, as the CLI reads a log, under `policyText` at Kubernetes 1.20. */
export async function replayWritten(name: string, text: string, policyText: string): Promise<Replayed> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kap-replay-'));
  try {
    const log = path.join(dir, name);
    writeFileSync(log, text);
    const records: EventRecord[] = [];
    const report = await replayFiles({
      policy: replayPolicy(createPolicyDocument('file:///p.yaml', 1, policyText), 'p.yaml'),
      logs: [log],
      kubernetesMinor: 20,
      onEvent: (r) => records.push(r),
    });
    return { report, records };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 100 real events of OpenShift's audit_in.log (kube-apiserver v1.25, the file verbatim: each line
 *  is what its log backend wrote), GKE's policy, and the rule kube-apiserver v1.20.2's checker (the
 *  oracle, oracle-table.json) gives each event under it, in the file's order. */
export function openShiftEventsUnderGke(): {
  readonly lines: readonly string[];
  readonly policy: string;
  readonly rules: ReadonlyArray<number | null>;
  /** The file's size: the sum of its lines' sizes, each with its newline. */
  readonly bytes: number;
} {
  const file = 'openshift-clo-apiaudit-in.jsonl';
  const policyName = 'gce-master-audit-policy.yaml';
  const lines = readFileSync(path.join(EVENTS_FIXTURES, file), 'utf8').split('\n').filter(Boolean);
  const oracle = (
    JSON.parse(readFileSync(path.join(EVENTS_FIXTURES, 'oracle-table.json'), 'utf8')) as {
      rows: Array<{ policy: string; file: string; line: number; rule: number | null }>;
    }
  ).rows.filter((r) => r.policy === policyName && r.file === file);
  const rules = lines.map((_, i) => oracle.find((r) => r.line === i + 1)!.rule);
  const bytes = readFileSync(path.join(EVENTS_FIXTURES, file)).length;
  return { lines, policy: readPolicy(policyName), rules, bytes };
}

/** A CSV cell as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break, its
 *  quotes doubled. */
export const csvCell = (text: string): string => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

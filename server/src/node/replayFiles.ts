// Replays audit log files against a policy: the Node side shared by the command line and the
// language server. It streams each file through logLines.ts into the service's Replayer, so the
// log is never held in memory, and reports progress and honours cancellation between chunks.
import * as fs from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { buildReport, Replayer } from '../service';
import type { CompiledPolicy, EventRecord, PolicyInfo, ReplayReport } from '../service';
import { readLog } from './logLines';

export { CancelledError } from './logLines';

export interface ReplayPolicyInput {
  readonly compiled: CompiledPolicy;
  readonly info: PolicyInfo;
}

export interface ReplayProgress {
  /** The file being read. */
  readonly file: string;
  /** Bytes read from all files so far (compressed bytes for gzip files). */
  readonly readBytes: number;
  /** The sum of the files' sizes; undefined when standard input is among them. */
  readonly totalBytes: number | undefined;
  readonly events: number;
}

export interface ReplayFilesOptions {
  readonly policy: ReplayPolicyInput;
  readonly against?: ReplayPolicyInput;
  /** The Kubernetes 1.x whose kube-apiserver decides the events (the newest when not given). */
  readonly kubernetesMinor?: number;
  /** Paths; `-` is standard input. */
  readonly logs: readonly string[];
  readonly onEvent?: (record: EventRecord) => void;
  /** Called after each chunk (about every megabyte). */
  readonly onProgress?: (progress: ReplayProgress) => void | Promise<void>;
  readonly isCancelled?: () => boolean;
  readonly maxLineBytes?: number;
  /** Standard input, when a log is `-` (the process's own by default). */
  readonly stdin?: AsyncIterable<Buffer>;
}

/** A log that cannot be opened: said before anything is read, so no half report is printed. */
export class UnreadableLog extends Error {}

export function checkLogs(logs: readonly string[]): number | undefined {
  let total = 0;
  for (const log of logs) {
    if (log === '-') return undefined;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(log);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UnreadableLog(
        `cannot read ${log}: ${code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : String(error)}`,
      );
    }
    if (stat.isDirectory()) throw new UnreadableLog(`cannot read ${log}: is a directory`);
    total += stat.size;
  }
  return total;
}

export async function replayFiles(options: ReplayFilesOptions): Promise<ReplayReport> {
  const totalBytes = checkLogs(options.logs);
  const replayer = new Replayer({
    policy: options.policy.compiled,
    against: options.against?.compiled,
    kubernetesMinor: options.kubernetesMinor,
    isUtf8,
    onEvent: options.onEvent,
    maxLineBytes: options.maxLineBytes,
  });
  let done = 0;
  for (const log of options.logs) {
    const file = replayer.startFile(log);
    // The bytes the reading saw, not the file's size now: a live log may be rotated away meanwhile.
    const read = await readLog(
      log,
      {
        line: (line, bytes, inputBytes) => replayer.line(file, line, bytes, inputBytes),
        bad: (line, reason) => replayer.badLine(file, line, reason),
        progress: (raw) =>
          options.onProgress?.({ file: log, readBytes: done + raw, totalBytes, events: replayer.events }),
      },
      options,
    );
    done += read;
    replayer.endFile();
  }
  return buildReport(replayer.tally, options.policy.info, options.against?.info);
}

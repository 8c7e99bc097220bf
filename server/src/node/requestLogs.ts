// The requests of the inputs `test --generate` is given, streamed: audit logs (any shape replay
// reads, plain or gzip, `-` for standard input) or files of request lines, each read through
// logLines.ts into the service's RequestLogReader, which says which kind each input is. Lines that
// cannot be read are counted, and the first few kept with their place; nothing is fatal once the
// files are open (checkLogs says beforehand when one cannot be).
import { isUtf8 } from 'node:buffer';
import { RequestLogReader } from '../service';
import type { InputKind, RequestAttributes, Utf8 } from '../service';
import { readLog } from './logLines';

export interface InputSummary {
  /** As given (`-` is standard input). */
  readonly name: string;
  /** undefined when the input held only blank lines and comments. */
  readonly kind: InputKind | undefined;
  readonly requests: number;
  readonly badLines: number;
}

export interface RequestLogsResult {
  readonly inputs: readonly InputSummary[];
  /** `FILE:LINE: reason` for the first `keepBadLines` bad lines of all inputs. */
  readonly badLines: readonly string[];
  readonly totalBadLines: number;
}

const UTF8: Utf8 = {
  isValid: isUtf8,
  decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'),
};

export async function readRequestLogs(
  logs: readonly string[],
  onRequest: (request: RequestAttributes) => void,
  keepBadLines = 20,
): Promise<RequestLogsResult> {
  const inputs: InputSummary[] = [];
  const badLines: string[] = [];
  let totalBadLines = 0;
  for (const log of logs) {
    let bad = 0;
    const shown = log === '-' ? 'stdin' : log;
    const badLine = (line: number, reason: string): void => {
      bad++;
      totalBadLines++;
      if (badLines.length < keepBadLines) badLines.push(`${shown}:${line}: ${reason}`);
    };
    const reader = new RequestLogReader({ request: onRequest, bad: badLine }, UTF8);
    // A stream that breaks off: what was read counts, the rest is one bad line (readLog).
    await readLog(log, { line: (line, bytes) => reader.line(line, bytes), bad: badLine });
    reader.end();
    inputs.push({ name: log, kind: reader.kind, requests: reader.requests, badLines: bad });
  }
  return { inputs, badLines, totalBadLines };
}

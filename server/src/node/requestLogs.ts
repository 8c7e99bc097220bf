// The requests of the inputs `test --generate` is given, streamed: audit logs (any shape replay
// reads, plain or gzip, `-` for standard input) or files of request lines, each read through
// logLines.ts into the service's RequestLogReader, which says which kind each input is. Lines that
// cannot be read are counted, and the first few kept with their place; nothing is fatal once the
// files are open (checkLogs says beforehand when one cannot be).
import { isUtf8 } from 'node:buffer';
import type * as fs from 'node:fs';
import { RequestLogReader } from '../service';
import type { InputKind, RequestAttributes, Utf8 } from '../service';
import { openLog, readLines } from './logLines';

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
    let lastLine = 0;
    const shown = log === '-' ? 'stdin' : log;
    const badLine = (line: number, reason: string): void => {
      bad++;
      totalBadLines++;
      if (badLines.length < keepBadLines) badLines.push(`${shown}:${line}: ${reason}`);
    };
    const reader = new RequestLogReader({ request: onRequest, bad: badLine }, UTF8);
    const source = openLog(log);
    try {
      await readLines(source, {
        line: (line, bytes) => {
          lastLine = line;
          reader.line(line, bytes);
        },
        bad: (line, reason) => {
          lastLine = line;
          badLine(line, reason);
        },
      });
    } catch (error) {
      // A corrupt or truncated gzip stream: what was read counts, the rest is one bad line.
      badLine(
        lastLine + 1,
        `the rest of the file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      if (log !== '-') (source as fs.ReadStream).destroy();
    }
    inputs.push({ name: log, kind: reader.kind, requests: reader.requests, badLines: bad });
  }
  return { inputs, badLines, totalBadLines };
}

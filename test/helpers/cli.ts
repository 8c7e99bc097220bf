// Runs the built command line as a user would, with optional standard input.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI_PATH = path.resolve(__dirname, '../../../dist/cli.js');
export const REPO = path.resolve(__dirname, '../../..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** @param nodeArgs options for Node itself (`--stack-size=700`), before the script */
export function runCli(args: readonly string[], input?: string | Buffer, nodeArgs: readonly string[] = []): CliResult {
  const result = spawnSync(process.execPath, [...nodeArgs, CLI_PATH, ...args], {
    cwd: REPO,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

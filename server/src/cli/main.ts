// Entry point of the `kube-audit-policy` command.
import * as fs from 'node:fs';
import { formatFrom, parseArgs, settingsFrom } from './args';
import { lint } from './lint';
import { EXPLAIN_FLAGS, runExplain } from './explain';
import type { ExplainFormat } from './explain';
import type { LintFormat } from './lint';
import { REPLAY_BOOLEANS, REPLAY_FLAGS, runReplay } from './replay';
import { USAGE, UsageError } from './usage';
import { runTestCommand, TEST_BOOLEANS, TEST_FLAGS } from './test';
import type { TestFormat } from './test';
import { DIFF_FLAGS, runDiff } from './diff';
import type { DiffFormat } from './diff';

const VERSION = '0.1.0';

function main(argv: readonly string[]): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'lint') {
    const args = parseArgs(rest, ['format', 'kubernetes-version', 'severity']);
    const outcome = lint({ paths: args.positionals, format: formatFrom<LintFormat>(args, ['text', 'json', 'sarif']), settings: settingsFrom(args) }, () => fs.readFileSync(0), VERSION);
    process.stdout.write(outcome.output);
    return outcome.exitCode;
  }
  if (command === 'explain') {
    const args = parseArgs(rest, EXPLAIN_FLAGS);
    const explained = runExplain(args, formatFrom<ExplainFormat>(args, ['text', 'json']), () => fs.readFileSync(0));
    process.stdout.write(explained.output);
    if (explained.warning) process.stderr.write(`${explained.warning}\n`);
    return 0;
  }
  if (command === 'replay') return runReplay(parseArgs(rest, REPLAY_FLAGS, REPLAY_BOOLEANS), REPLAY_IO);
  if (command === 'test') {
    const args = parseArgs(rest, TEST_FLAGS, TEST_BOOLEANS);
    const outcome = runTestCommand(args, formatFrom<TestFormat>(args, ['text', 'json', 'junit']), () => fs.readFileSync(0));
    process.stdout.write(outcome.output);
    if (outcome.note) process.stderr.write(`${outcome.note}\n`);
    return outcome.exitCode;
  }
  if (command === 'diff') {
    const args = parseArgs(rest, DIFF_FLAGS);
    const outcome = runDiff(args, formatFrom<DiffFormat>(args, ['text', 'markdown', 'json']));
    process.stdout.write(outcome.output);
    for (const warning of outcome.warnings) process.stderr.write(`${warning}\n`);
    return outcome.exitCode;
  }
  throw new UsageError(`unknown command "${command}" (expected lint, explain, replay, test or diff)`);
}

const REPLAY_IO = {
  write: (text: string): Promise<void> => new Promise((resolve) => (text === '' || process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  warn: (text: string): void => void process.stderr.write(`${text}\n`),
  progress: process.stderr.isTTY ? (text: string): void => void process.stderr.write(`\r${text}\x1b[K`) : undefined,
};

function fail(error: unknown): void {
  if (error instanceof UsageError) {
    process.stderr.write(`kube-audit-policy: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`kube-audit-policy: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  }
}

try {
  const outcome = main(process.argv.slice(2));
  if (typeof outcome === 'number') process.exitCode = outcome;
  else outcome.then((code) => (process.exitCode = code), fail);
} catch (error) {
  fail(error);
}

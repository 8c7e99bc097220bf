// Entry point of the `kube-audit-policy` command: finds the subcommand in the table (commands.ts),
// parses its options, and runs it. Bad usage is one line on stderr and exit status 2.
import * as fs from 'node:fs';
import { parseCommandLine } from './args';
import type { CommandIo } from './command';
import { commandHelp, findCommand, usage } from './commands';
import { UsageError } from './usage';

/** The package.json version, put in by esbuild at build time (esbuild.mjs `define`). */
declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development';

const io: CommandIo = {
  write: (text) => void process.stdout.write(text),
  warn: (text) => void process.stderr.write(text),
  readStdin: () => fs.readFileSync(0),
  version: VERSION,
};

function main(argv: readonly string[]): number | Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !topic) throw new UsageError(`unknown command "${rest[0]}"`);
    io.write(`${topic ? commandHelp(topic) : usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V') {
    io.write(`kube-audit-policy ${VERSION}\n`);
    return 0;
  }
  const command = findCommand(name);
  if (!command) throw new UsageError(`unknown command "${name}" (run kube-audit-policy --help)`);
  const args = parseCommandLine(rest, command.options);
  if (args.flags.has('help')) {
    io.write(`${commandHelp(command)}\n`);
    return 0;
  }
  return command.run(args, io);
}

// A reader that stops early (`kube-audit-policy lint . | head -1`) closes the pipe: stop quietly,
// as a command killed by SIGPIPE does, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

function fail(error: unknown): void {
  if (error instanceof UsageError) {
    process.stderr.write(`kube-audit-policy: ${error.message}\n`);
  } else {
    process.stderr.write(
      `kube-audit-policy: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exitCode = 2;
}

try {
  const outcome = main(process.argv.slice(2));
  if (typeof outcome === 'number') process.exitCode = outcome;
  else outcome.then((code) => (process.exitCode = code), fail);
} catch (error) {
  fail(error);
}

// One subcommand of `kube-audit-policy`: its options, its help, and what it does. Adding a command
// is writing one of these and listing it in commands.ts; parsing, `--help` and the top-level usage
// follow from the table.
import type { OptionSpec, ParsedArgs } from './args';

/** What a command may touch: its output streams, standard input, and the tool's version. */
export interface CommandIo {
  write(text: string): void;
  warn(text: string): void;
  readStdin(): Buffer;
  readonly version: string;
}

export interface Command {
  readonly name: string;
  /** The command's usage line(s), shown in the top-level usage and first in its help. */
  readonly synopsis: string;
  /** The rest of `kube-audit-policy NAME --help`: what it does, its options, its exit status. */
  readonly help: string;
  readonly options: OptionSpec;
  /** Runs with parsed arguments; returns the exit status (or a promise of it). Throws UsageError for bad usage. */
  run(args: ParsedArgs, io: CommandIo): number | Promise<number>;
}

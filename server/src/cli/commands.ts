// The table of `kube-audit-policy` subcommands. To add one, write a Command (command.ts) in its own
// file and list it here.
import type { Command } from './command';
import { explainCommand } from './explain';
import { lintCommand } from './lint';
import { replayCommand } from './replay';
import { testCommand } from './test';
import { diffCommand } from './diff';

export const COMMANDS: readonly Command[] = [lintCommand, explainCommand, replayCommand, testCommand, diffCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

export function commandHelp(command: Command): string {
  return `usage:\n${command.synopsis}\n\n${command.help}`;
}

export function usage(): string {
  return [
    'usage:',
    ...COMMANDS.map((c) => c.synopsis),
    '  kube-audit-policy --version',
    '',
    `Run \`kube-audit-policy COMMAND --help\` for a command's options (commands: ${COMMANDS.map((c) => c.name).join(', ')}).`,
  ].join('\n');
}

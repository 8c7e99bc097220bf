// `kube-audit-policy diff OLD NEW`: which classes of requests the change from OLD to NEW records
// differently. OLD and NEW are files, or `git:REV:PATH` for a committed version (read with
// `git show REV:PATH`). Exit 0: no change; 1: changes; 2: bad usage or unreadable input.
import {
  compilePolicy,
  diffJson,
  diffPolicies,
  DiffTooLargeError,
  formatDiffMarkdown,
  formatDiffText,
  policyLabel,
  refusalCount,
} from '../service';
import type { RegionTranslator } from '../service';
import { formatFrom, settingsFrom, single } from './args';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import { gitShow } from './gitShow';
import { decode } from './inputs';
import { readTextFile } from './testFiles';
import { policyInFile } from './policyFile';
import { UsageError } from './usage';

export const DIFF_FLAGS = ['format', 'kubernetes-version', 'old-embedded-at', 'new-embedded-at'] as const;
export type DiffFormat = 'text' | 'markdown' | 'json';

export interface DiffOutcome {
  readonly output: string;
  readonly exitCode: 0 | 1;
  readonly warnings: readonly string[];
}

/** A file, or `git:REV:PATH` (PATH as `git show` reads it: from the repository root, or ./relative;
 *  no REV: the index). */
export function readPolicySource(source: string): string {
  const git = /^git:([^:]*):(.+)$/.exec(source);
  if (!git) return readTextFile(source);
  try {
    // `git::PATH` (no revision) is the index, as `git show :PATH` reads it.
    return decode(gitShow(git[1], git[2]));
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    throw new UsageError(
      `cannot read ${source}: ${stderr || (error instanceof Error ? error.message : String(error))}`,
    );
  }
}

export function runDiff(args: ParsedArgs, format: DiffFormat): DiffOutcome {
  if (args.positionals.length !== 2) throw new UsageError('diff needs two policies: OLD NEW (files, or git:REV:PATH)');
  const settings = settingsFrom(args);
  // Either side may be a file that holds the policy (a ConfigMap, a kubeadm configuration...); one
  // that holds several names it with --old-embedded-at or --new-embedded-at.
  const policies = (['old', 'new'] as const).map((side, i) => {
    const name = args.positionals[i];
    const option = `${side}-embedded-at`;
    return policyInFile(name, readPolicySource(name), single(args, option), `--${option}`);
  });
  const docs = policies.map((t) => t.policy.doc);
  const [oldName, newName] = policies.map((t, i) => policyLabel(args.positionals[i], t.policy));
  const warnings = policies.flatMap((t, i) => refusal(t, args.positionals[i], settings));
  let diff;
  try {
    diff = diffPolicies(compilePolicy(docs[0].parsed), compilePolicy(docs[1].parsed), {
      kubernetesMinor: settings.kubernetesMinor,
    });
  } catch (error) {
    if (error instanceof DiffTooLargeError) throw new UsageError(`cannot compare: ${error.message}`);
    throw error;
  }
  const output =
    format === 'json'
      ? `${JSON.stringify(diffJson(diff))}\n`
      : format === 'markdown'
        ? formatDiffMarkdown(diff, oldName, newName)
        : formatDiffText(diff, oldName, newName);
  return { output, exitCode: diff.changes.length > 0 ? 1 : 0, warnings };
}

function refusal(policy: RegionTranslator, name: string, settings: ReturnType<typeof settingsFrom>): string[] {
  const errors = refusalCount(policy, settings);
  return errors > 0
    ? [
        `kube-audit-policy: note: kube-apiserver would refuse ${name} (${errors} error${errors === 1 ? '' : 's'}); run kube-audit-policy lint on it`,
      ]
    : [];
}

export const diffCommand: Command = {
  name: 'diff',
  synopsis: `  kube-audit-policy diff [--format text|markdown|json] [--kubernetes-version 1.X]
      [--old-embedded-at PATH] [--new-embedded-at PATH] OLD NEW`,
  help: `Lists every class of requests recorded differently by NEW than by OLD (level, omitted stages or
deciding rule), with an example request each. OLD and NEW are files or git:REV:PATH: policies, or
files that hold one (a ConfigMap, a kubeadm or kind configuration, Markdown...).

options:
  --format text|markdown|json  how to print the changes (default: text)
  --kubernetes-version 1.X     the kube-apiserver version that reads the policies
  --old-embedded-at PATH       in an OLD file that holds several policies, the one at PATH (as lint
                               prints it)
  --new-embedded-at PATH       the same for NEW
  -h, --help                   this help

Exit 0: no change; 1: changes; 2: bad usage or unreadable input.`,
  options: { valued: DIFF_FLAGS },
  run(args, io) {
    const outcome = runDiff(args, formatFrom<DiffFormat>(args, ['text', 'markdown', 'json']));
    io.write(outcome.output);
    for (const warning of outcome.warnings) io.warn(`${warning}\n`);
    return outcome.exitCode;
  },
};

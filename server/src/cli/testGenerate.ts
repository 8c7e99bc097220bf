// `kube-audit-policy test --generate --policy FILE LOG...`: streams each LOG (an audit log in any
// shape replay reads, .gz, `-` for standard input, or a file of request lines; each input says
// which by its first line; server/src/node/requestLogs.ts) into the service's TestGenerator, and
// writes the test file that pins what the policy does today for every distinct kind of request.
// Lines that cannot be read are counted and reported on standard error, never fatal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseKubernetesVersion, TestGenerator, DEFAULT_SETTINGS } from '../service';
import { checkLogs, UnreadableLog } from '../node/replayFiles';
import { readRequestLogs } from '../node/requestLogs';
import type { InputSummary } from '../node/requestLogs';
import { single } from './args';
import type { ParsedArgs } from './args';
import { loadTestFile, policyChoice } from './testFiles';
import { UsageError } from './usage';

/** Bad lines listed by name on standard error; the rest are counted. */
const LISTED_BAD_LINES = 20;

export interface GenerateOutcome {
  /** The test file, when it goes to standard output. */
  readonly output: string;
  /** What was read and written, for standard error. */
  readonly note: string;
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function describe(input: InputSummary): string {
  const what =
    input.kind === 'audit log'
      ? `audit log, ${plural(input.requests, 'event')}`
      : input.kind === 'request lines'
        ? `request lines, ${plural(input.requests, 'request')}`
        : 'no requests';
  const bad = input.badLines > 0 ? `, ${plural(input.badLines, 'bad line')}` : '';
  return `${input.name === '-' ? 'standard input' : input.name}: ${what}${bad}`;
}

export async function runGenerate(args: ParsedArgs): Promise<GenerateOutcome> {
  const policy = policyChoice(args);
  if (policy === undefined) throw new UsageError('--generate needs --policy FILE');
  const logs = args.positionals;
  if (logs.length === 0)
    throw new UsageError(
      '--generate needs at least one LOG: an audit log (FILE, FILE.gz, or - for standard input) ' +
        'or a file of request lines',
    );
  if (logs.filter((l) => l === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  const version = single(args, 'kubernetes-version');
  const minor = version === undefined ? undefined : parseKubernetesVersion(version);
  if (version !== undefined && minor === undefined)
    throw new UsageError(`invalid --kubernetes-version "${version}": expected a version like 1.30 (1.12 or later)`);
  const loaded = loadTestFile('(generated)', '', { cases: [], problems: [] }, policy);
  if (!loaded.policy) throw new UsageError(`cannot read ${policy.path}: ${loaded.policyError ?? 'unreadable'}`);
  try {
    checkLogs(logs);
  } catch (error) {
    if (error instanceof UnreadableLog) throw new UsageError(error.message);
    throw error;
  }

  const generator = new TestGenerator(loaded.policy, { fold: args.flags.has('fold') });
  const { inputs, badLines, totalBadLines } = await readRequestLogs(
    logs,
    (request) => generator.add(request),
    LISTED_BAD_LINES,
  );

  const output = single(args, 'output');
  const written =
    output === undefined ? policy.path : path.relative(path.dirname(output), policy.path).split(path.sep).join('/');
  const generated = generator.render({
    policyPath: written,
    ...(policy.embeddedAt !== undefined ? { embeddedAt: policy.embeddedAt } : {}),
    ...(version !== undefined ? { kubernetesVersion: version } : {}),
    sources: inputs.map((input) => `from ${describe(input)}`),
  });

  const where = output === undefined ? '' : ` written to ${output}`;
  const notes = [
    `${plural(generated.cases, 'case')} from ${plural(generated.requests, 'request')}${where}`,
    ...inputs.map((input) => `  ${describe(input)}`),
  ];
  if (totalBadLines > 0) {
    notes.push(`${plural(totalBadLines, 'line')} could not be read and were skipped:`);
    notes.push(...badLines.map((b) => `  ${b}`));
    if (totalBadLines > badLines.length) notes.push(`  ... and ${totalBadLines - badLines.length} more`);
  }
  if (generated.unexpressible.length > 0)
    notes.push(
      `${plural(generated.unexpressible.length, 'kind')} of request cannot be written as a case ` +
        '(listed at the end of the file):',
      ...generated.unexpressible.slice(0, LISTED_BAD_LINES).map((u) => `  ${u}`),
    );
  const errors = loaded.refusals?.({ ...DEFAULT_SETTINGS, ...(minor ? { kubernetesMinor: minor } : {}) }) ?? 0;
  if (errors > 0)
    notes.push(
      `note: kube-apiserver${version ? ` ${version}` : ''} would refuse ${policy.path} ` +
        `(${plural(errors, 'error')}; run kube-audit-policy lint), so the file's cases fail until it is fixed`,
    );
  if (output === undefined) return { output: generated.text, note: notes.join('\n') };
  try {
    fs.writeFileSync(output, generated.text);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { output: '', note: notes.join('\n') };
}

// `kube-audit-policy test`: runs policy test files and requirement packs, or writes a test file
// that pins what a policy does today (--generate). Exit 0: every case passes; 1: a case fails;
// 2: bad usage, an unreadable file, or a test file with errors.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  generateTestFile,
  parseKubernetesVersion,
  parseRequestLine,
  PACK_TEXTS,
  RequestError,
  runSuite,
} from '../service';
import type { RequestAttributes } from '../service';
import { formatFrom, single } from './args';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import { decode } from './inputs';
import { findTestFiles, loadNamedTestFile, loadPack, loadTestFile, readTextFile } from './testFiles';
import type { LoadedTests } from './testFiles';
import { countOutcomes, formatTestJson, formatTestJunit, formatTestText } from './testReport';
import type { FileOutcome } from './testReport';
import { UsageError } from './usage';

export const TEST_FLAGS = ['format', 'policy', 'pack', 'output', 'kubernetes-version'] as const;
export const TEST_BOOLEANS = ['generate', 'print'] as const;
export type TestFormat = 'text' | 'json' | 'junit';

export interface TestOutcome {
  readonly output: string;
  readonly exitCode: 0 | 1 | 2;
  /** Said on standard error (what --generate wrote). */
  readonly note?: string;
}

export function runTestCommand(args: ParsedArgs, format: TestFormat, readStdin: () => Buffer): TestOutcome {
  if (args.flags.has('generate')) return generate(args, readStdin);
  const packs = (args.flags.get('pack') ?? []).flatMap((p) => p.split(',')).filter(Boolean);
  if (args.flags.has('print')) return printPacks(packs);
  const policy = single(args, 'policy');
  if (packs.length > 0 && policy === undefined)
    throw new UsageError('--pack needs --policy FILE (the policy the pack checks)');
  const minorFlag = single(args, 'kubernetes-version');
  const minor = minorFlag === undefined ? undefined : parseKubernetesVersion(minorFlag);
  if (minorFlag !== undefined && minor === undefined)
    throw new UsageError(`invalid --kubernetes-version "${minorFlag}": expected a version like 1.30 (1.12 or later)`);
  const loaded: LoadedTests[] = packs.map((name) => loadPack(name, policy!));
  const paths = args.positionals.length > 0 ? args.positionals : packs.length > 0 ? [] : ['.'];
  for (const file of findTestFiles(paths)) loaded.push(loadNamedTestFile(file, policy));
  const outcomes: FileOutcome[] = loaded.map((tests) => ({
    tests,
    ...(tests.policy ? { suite: runSuite(tests.file, tests.policy, minor) } : {}),
  }));
  const output =
    format === 'json'
      ? formatTestJson(outcomes)
      : format === 'junit'
        ? formatTestJunit(outcomes)
        : formatTestText(outcomes);
  const { failed, problems } = countOutcomes(outcomes);
  const refused = outcomes.some((o) => o.suite?.refused);
  return { output, exitCode: problems > 0 ? 2 : failed > 0 || refused ? 1 : 0 };
}

function printPacks(packs: readonly string[]): TestOutcome {
  if (packs.length === 0) throw new UsageError('--print needs --pack NAME');
  const unknown = packs.find((name) => PACK_TEXTS[name] === undefined);
  if (unknown !== undefined)
    throw new UsageError(`unknown pack "${unknown}" (the packs are ${Object.keys(PACK_TEXTS).join(', ')})`);
  return { output: packs.map((name) => PACK_TEXTS[name]).join('---\n'), exitCode: 0 };
}

/** Reads request lines (`[USER] [groups=G1,G2] METHOD /path`), one per line; # starts a comment. */
export function readRequestLines(name: string, text: string): RequestAttributes[] {
  const out: RequestAttributes[] = [];
  text.split(/\r?\n|\r/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('{')) {
      throw new UsageError(
        `${name}:${i + 1}: this looks like an audit event (JSON); --generate reads request lines such as "alice GET /api/v1/namespaces/x/pods" for now`,
      );
    }
    try {
      out.push(parseRequestLine(line));
    } catch (error) {
      if (error instanceof RequestError) throw new UsageError(`${name}:${i + 1}: ${error.message}`);
      throw error;
    }
  });
  return out;
}

function generate(args: ParsedArgs, readStdin: () => Buffer): TestOutcome {
  const policyPath = single(args, 'policy');
  if (policyPath === undefined) throw new UsageError('--generate needs --policy FILE');
  if (args.positionals.length === 0)
    throw new UsageError('--generate needs at least one LOG (a file of request lines, or - for standard input)');
  const requests = args.positionals.flatMap((name) =>
    readRequestLines(name, name === '-' ? decode(readStdin()) : readTextFile(name)),
  );
  const loaded = loadTestFile('(generated)', '', { cases: [], problems: [] }, policyPath);
  if (!loaded.policy) throw new UsageError(`cannot read ${policyPath}: ${loaded.policyError ?? 'unreadable'}`);
  const output = single(args, 'output');
  const written =
    output === undefined ? policyPath : path.relative(path.dirname(output), policyPath).split(path.sep).join('/');
  const generated = generateTestFile(loaded.policy, written, requests);
  const note = `kube-audit-policy: ${generated.cases} case${generated.cases === 1 ? '' : 's'} from ${generated.requests} request${generated.requests === 1 ? '' : 's'}`;
  if (output === undefined) return { output: generated.text, exitCode: 0, note };
  try {
    fs.writeFileSync(output, generated.text);
  } catch (error) {
    throw new UsageError(`cannot write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { output: '', exitCode: 0, note: `${note} written to ${output}` };
}

export const testCommand: Command = {
  name: 'test',
  synopsis: `  kube-audit-policy test [--format text|json|junit] [--policy FILE] [--kubernetes-version 1.X] [FILE|DIR]...
  kube-audit-policy test --pack cis|falco|who-did-what --policy FILE [--format text|json|junit]
  kube-audit-policy test --generate --policy FILE [--output FILE] LOG...`,
  help: `Runs policy test files (*.audit-test.yaml; a DIR is searched for them, the default is .) or the
requirement packs against a policy. --generate writes a test file pinning what the policy does today
for each kind of request in LOG (request lines, one per line).

options:
  --format text|json|junit    how to print the results (default: text)
  --policy FILE               the policy to test (test files name theirs; this overrides it)
  --pack NAME                 run a requirement pack: cis, falco or who-did-what
  --print                     with --pack: print the pack's test file instead of running it
  --generate                  write a test file from LOG instead of running tests
  --output FILE               with --generate: where to write it (default: standard output)
  --kubernetes-version 1.X    the kube-apiserver version that reads the policy
  -h, --help                  this help

Exit 0: every case passes; 1: a case fails; 2: bad usage, an unreadable file or a test file with errors.`,
  options: { valued: TEST_FLAGS, switches: TEST_BOOLEANS },
  run(args, io) {
    const outcome = runTestCommand(args, formatFrom<TestFormat>(args, ['text', 'json', 'junit']), () => io.readStdin());
    io.write(outcome.output);
    if (outcome.note) io.warn(`${outcome.note}\n`);
    return outcome.exitCode;
  },
};

// `kube-audit-policy test`: runs policy test files and requirement packs, or writes a test file
// that pins what a policy does today (--generate). Exit 0: every case passes; 1: a case fails;
// 2: bad usage, an unreadable file, or a test file with errors.
import { parseKubernetesVersion, PACK_TEXTS, runSuite } from '../service';
import { formatFrom, single } from './args';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import { findTestFiles, loadNamedTestFile, loadPack, policyChoice } from './testFiles';
import type { LoadedTests } from './testFiles';
import { countOutcomes, formatTestJson, formatTestJunit, formatTestText } from './testReport';
import type { FileOutcome } from './testReport';
import { runGenerate } from './testGenerate';
import { UsageError } from './usage';

export const TEST_FLAGS = ['format', 'policy', 'embedded-at', 'pack', 'output', 'kubernetes-version'] as const;
export const TEST_BOOLEANS = ['generate', 'print', 'fold'] as const;
export type TestFormat = 'text' | 'json' | 'junit';

export interface TestOutcome {
  readonly output: string;
  readonly exitCode: 0 | 1 | 2;
}

export function runTestCommand(args: ParsedArgs, format: TestFormat): TestOutcome {
  if (args.flags.has('fold')) throw new UsageError('--fold goes with --generate');
  const packs = (args.flags.get('pack') ?? []).flatMap((p) => p.split(',')).filter(Boolean);
  if (args.flags.has('print')) return printPacks(packs);
  const policy = policyChoice(args);
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
    ...(tests.policy ? { suite: runSuite(tests.file, tests.policy, minor, tests.refusals) } : {}),
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
  const unknown = packs.find((name) => !Object.hasOwn(PACK_TEXTS, name));
  if (unknown !== undefined)
    throw new UsageError(`unknown pack "${unknown}" (the packs are ${Object.keys(PACK_TEXTS).join(', ')})`);
  return { output: packs.map((name) => PACK_TEXTS[name]).join('---\n'), exitCode: 0 };
}

export const testCommand: Command = {
  name: 'test',
  synopsis: `  kube-audit-policy test [--format text|json|junit] [--policy FILE [--embedded-at PATH]] [--kubernetes-version 1.X] [FILE|DIR]...
  kube-audit-policy test --pack cis|falco|who-did-what --policy FILE [--format text|json|junit]
  kube-audit-policy test --generate --policy FILE [--output FILE] [--fold] LOG...`,
  help: `Runs policy test files (*.audit-test.yaml; a DIR is searched for them, the default is .) or the
requirement packs against a policy. --generate writes a test file pinning what the policy does today
for each distinct kind of request in LOG: an audit log (JSON lines of audit.k8s.io Events, webhook
EventList batches or AKS records; .gz read too; - is standard input) or a file of request lines
("alice GET /api/v1/namespaces/x/pods", one per line). Lines that cannot be read are reported.

options:
  --format text|json|junit    how to print the results (default: text)
  --policy FILE               the policy to test (test files name theirs; this overrides it): a policy,
                              or a file that holds one (a ConfigMap, a kubeadm or kind configuration...)
  --embedded-at PATH          in a --policy file that holds several policies, the one at PATH (as lint
                              prints it; a test file names it with embeddedAt: PATH)
  --pack NAME                 run a requirement pack: cis, falco or who-did-what
  --print                     with --pack: print the pack's test file instead of running it
  --generate                  write a test file from LOG instead of running tests
  --output FILE               with --generate: where to write it (default: standard output)
  --fold                      with --generate: one case for requests the policy cannot tell apart
                              (users, groups, namespaces, names it never lists)
  --kubernetes-version 1.X    the kube-apiserver version that reads the policy
  -h, --help                  this help

Exit 0: every case passes; 1: a case fails; 2: bad usage, an unreadable file or a test file with errors.`,
  options: { valued: TEST_FLAGS, switches: TEST_BOOLEANS },
  run(args, io) {
    if (args.flags.has('generate')) {
      return runGenerate(args).then((generated) => {
        io.write(generated.output);
        io.warn(`${generated.note.replace(/^/gm, 'kube-audit-policy: ')}\n`);
        return 0;
      });
    }
    const outcome = runTestCommand(args, formatFrom<TestFormat>(args, ['text', 'json', 'junit']));
    io.write(outcome.output);
    return outcome.exitCode;
  },
};

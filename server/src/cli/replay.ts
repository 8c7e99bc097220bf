// `kube-audit-policy replay`: which rule of a policy made each event of an audit log, what each
// rule costs, and (with --against) what another policy would write instead. The log is streamed
// (server/src/node/replayFiles.ts); the report is the service's.
import { formatHtml, formatMarkdown, formatText, refusalCount, replayRegion } from '../service';
import type { ReplayReport, ServiceSettings } from '../service';
import { replayFiles, UnreadableLog } from '../node/replayFiles';
import { formatFrom, settingsFrom, single } from './args';
import type { ParsedArgs } from './args';
import { readInputs } from './inputs';
import { policyInFile } from './policyFile';
import type { Command } from './command';
import { UsageError } from './usage';

const REPLAY_OPTIONS = ['policy', 'embedded-at', 'against', 'against-embedded-at', 'format', 'kubernetes-version'];
const REPLAY_SWITCHES = ['events'];

type ReplayFormat = 'text' | 'json' | 'markdown' | 'html';

export interface ReplayIo {
  readonly write: (text: string) => Promise<void>;
  readonly warn: (text: string) => void;
  /** Progress on standard error, when it is a terminal. */
  readonly progress?: (text: string) => void;
}

/** The policy `--FLAG` names: the file, or the one it holds (`--FLAG-embedded-at` picks one of several). */
function loadPolicy(
  path: string,
  flag: 'policy' | 'against',
  args: ParsedArgs,
  settings: ServiceSettings,
  io: ReplayIo,
) {
  const inputs = readInputs([path], () => {
    throw new UsageError(`--${flag} cannot be standard input`);
  });
  if (inputs.length !== 1 || !inputs[0].explicit)
    throw new UsageError(`--${flag} must name one file, not the directory ${path}`);
  const option = flag === 'policy' ? 'embedded-at' : 'against-embedded-at';
  const translator = policyInFile(inputs[0].name, inputs[0].text, single(args, option), `--${option}`);
  // Counted as lint counts them: a value a template or Terraform fills in is no error.
  const errors = refusalCount(translator, settings);
  if (errors > 0)
    io.warn(
      `kube-audit-policy: note: kube-apiserver would refuse ${path} (${errors} error${errors === 1 ? '' : 's'}); run kube-audit-policy lint ${path}`,
    );
  return replayRegion(translator, inputs[0].name);
}

export async function runReplay(args: ParsedArgs, io: ReplayIo): Promise<number> {
  const policyPath = single(args, 'policy');
  if (policyPath === undefined) throw new UsageError('replay needs --policy FILE');
  if (args.positionals.length === 0)
    throw new UsageError('replay needs one or more audit logs (FILE, FILE.gz or - for standard input)');
  if (args.positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be read once');
  const format = formatFrom<ReplayFormat>(args, ['text', 'json', 'markdown', 'html']);
  const events = args.flags.has('events');
  if (events && args.flags.has('format'))
    throw new UsageError('--events prints one JSON line per event; it takes no --format');
  if (args.flags.has('against-embedded-at') && !args.flags.has('against'))
    throw new UsageError('--against-embedded-at goes with --against FILE');
  const settings = settingsFrom(args);
  const policy = loadPolicy(policyPath, 'policy', args, settings, io);
  const againstPath = single(args, 'against');
  const against = againstPath === undefined ? undefined : loadPolicy(againstPath, 'against', args, settings, io);

  let buffered = '';
  let flushing: Promise<void> = Promise.resolve();
  const started = Date.now();
  let lastProgress = started;
  let report: ReplayReport;
  try {
    report = await replayFiles({
      policy,
      against,
      kubernetesMinor: settings.kubernetesMinor,
      logs: args.positionals,
      onEvent: events
        ? (record) => {
            buffered += `${JSON.stringify(record)}\n`;
          }
        : undefined,
      onProgress: (p) => {
        if (buffered.length > 0) {
          const text = buffered;
          buffered = '';
          flushing = io.write(text);
        }
        const now = Date.now();
        if (io.progress && now - lastProgress >= 1000) {
          lastProgress = now;
          const mb = p.readBytes / 1e6;
          io.progress(
            `replay: ${p.events.toLocaleString('en-US')} events, ${mb.toFixed(0)} MB${p.totalBytes ? ` of ${(p.totalBytes / 1e6).toFixed(0)} MB` : ''} (${(mb / ((now - started) / 1000)).toFixed(0)} MB/s)`,
          );
        }
        return flushing;
      },
    });
    // Writing waits for the terminal or pipe, so event lines never pile up in memory.
    await flushing;
  } catch (error) {
    if (error instanceof UnreadableLog) throw new UsageError(error.message);
    throw error;
  }
  if (events) {
    await io.write(buffered);
    return 0;
  }
  if (format === 'json') await io.write(`${JSON.stringify(report)}\n`);
  else if (format === 'markdown') await io.write(formatMarkdown(report));
  else if (format === 'html')
    await io.write(formatHtml(report, { nonce: nonce(), ruleHref: (rule) => `#rule-${rule + 1}` }));
  else await io.write(formatText(report));
  return 0;
}

/** The style element's nonce. The page has no script, so the nonce only keeps injected styles out. */
function nonce(): string {
  return Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(Math.random() * 36)]).join(
    '',
  );
}

/** Writes wait for a full pipe to drain: a replay report can be large. */
const REPLAY_IO: ReplayIo = {
  write: (text) =>
    new Promise((resolve) =>
      text === '' || process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve),
    ),
  warn: (text) => void process.stderr.write(`${text}\n`),
  progress: process.stderr.isTTY ? (text) => void process.stderr.write(`\r${text}\x1b[K`) : undefined,
};

export const replayCommand: Command = {
  name: 'replay',
  synopsis: `  kube-audit-policy replay --policy FILE [--embedded-at PATH] [--against FILE [--against-embedded-at PATH]]
      [--format text|json|markdown|html] [--events] [--kubernetes-version 1.X] LOG...`,
  help: `Decides every event of audit logs as kube-apiserver did with the policy: which rule made it, what
each rule costs, rules that matched nothing, and with --against what the other policy would write
instead. LOG is a log backend file (one event per line), a .gz file, - for standard input;
webhook EventList batches, AKS diagnostic records, container runtime (CRI, Docker) logs, shippers'
records and exports (Fluent Bit, Vector, CloudWatch, Loki, Elasticsearch) and GKE Cloud Audit Log
entries are read too.

options:
  --policy FILE               the audit policy the events are decided with: a policy, or a file that
                              holds one (a ConfigMap, a kubeadm or kind configuration, Markdown...)
  --embedded-at PATH          in a --policy file that holds several policies, the one at PATH (as lint
                              prints it)
  --against FILE              another policy to compare with (a policy, or a file that holds one)
  --against-embedded-at PATH  in an --against file that holds several policies, the one at PATH
  --format text|json|markdown|html
                              how to print the report (default: text)
  --events                    one JSON line per event instead of the report
  --kubernetes-version 1.X    the kube-apiserver version that reads the policies and decides the events
  -h, --help                  this help`,
  options: { valued: REPLAY_OPTIONS, switches: REPLAY_SWITCHES },
  run: (args) => runReplay(args, REPLAY_IO),
};

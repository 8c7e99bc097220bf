// `kube-audit-policy lint`: checks the named files and directories and prints the findings.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, Position } from 'vscode-languageserver-types';
import { createHostDocument, formatMinor, hostDiagnostics, NEWEST_MINOR } from '../service';
import type { ServiceSettings } from '../service';
import { formatFrom, settingsFrom } from './args';
import type { Command } from './command';
import { readInputs } from './inputs';
import { namedPolicyFile } from './policyFile';
import { formatJson, formatSarif, formatText } from './report';
import type { FileReport } from './report';
import { UsageError } from './usage';

export type LintFormat = 'text' | 'json' | 'sarif';

export interface LintRequest {
  readonly paths: readonly string[];
  readonly format: LintFormat;
  readonly settings: ServiceSettings;
}

export interface LintOutcome {
  readonly output: string;
  readonly exitCode: 0 | 1;
}

export function lint(request: LintRequest, readStdin: () => Buffer, toolVersion: string): LintOutcome {
  if (request.paths.length === 0) throw new UsageError('lint needs at least one PATH (a file, a directory or -)');
  const inputs = readInputs(request.paths, readStdin);
  const reports: FileReport[] = [];
  for (const input of inputs) {
    // A named file is checked as a policy unless it holds policies (a ConfigMap, a Cluster API
    // manifest, a Markdown doc): then each of those is checked where it sits.
    const host = createHostDocument(`file:///${encodeURIComponent(input.name)}`, 1, input.text, undefined, {
      forced: input.explicit,
    });
    if (host.kind === 'none') continue;
    const diagnostics = hostDiagnostics(host, request.settings, { force: input.explicit });
    reports.push({
      file: input.name,
      diagnostics: input.text.startsWith(MARK) ? withoutMark(diagnostics) : diagnostics,
    });
  }
  if (reports.length === 0) {
    const why =
      'no YAML or Markdown file with apiVersion: audit.k8s.io/..., kind: Policy or a rules list with levels, nor one that holds such a policy';
    const named = inputs.length === 1 ? namedPolicyFile(inputs[0].text) : undefined;
    throw new UsageError(
      `no audit policy found in ${request.paths.join(', ')} (${why})${named ? `; it names the policy file ${named}: check that file` : ''}`,
    );
  }
  const failed = reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  const output =
    request.format === 'json'
      ? formatJson(reports)
      : request.format === 'sarif'
        ? formatSarif(reports, toolVersion)
        : formatText(reports);
  return { output, exitCode: failed ? 1 : 0 };
}

/** The byte order mark decode() keeps (it decides how kube-apiserver reads the file), which
 *  editors do not show: first-line columns are counted without it, as an editor counts them. */
const MARK = '\ufeff';

function withoutMark(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const shift = (p: Position): Position => (p.line === 0 && p.character > 0 ? { ...p, character: p.character - 1 } : p);
  return diagnostics.map((d) => ({ ...d, range: { start: shift(d.range.start), end: shift(d.range.end) } }));
}

export const lintCommand: Command = {
  name: 'lint',
  synopsis:
    '  kube-audit-policy lint [--format text|json|sarif] [--kubernetes-version 1.X] [--severity CODE=LEVEL]... PATH...',
  help: `Checks audit policy files as kube-apiserver reads them, and the policies that YAML and
Markdown files hold (ConfigMaps, Cluster API, kops, Talos, RKE, fenced blocks), and the
here-documents of shell scripts, Terraform files and Dockerfiles. PATH is a file (always checked),
a directory (searched for such files that are or hold audit policies) or - for standard input.

options:
  --format text|json|sarif    how to print the findings (default: text)
  --kubernetes-version 1.X    the kube-apiserver version that reads the policy (default: ${formatMinor(NEWEST_MINOR)})
  --severity CODE=LEVEL       the severity of one diagnostic code; LEVEL is error, warning,
                              information, hint or off; may be given more than once
  -h, --help                  this help

exit status: 0 no errors, 1 errors found, 2 bad usage or unreadable input.`,
  options: { valued: ['format', 'kubernetes-version', 'severity'] },
  run(args, io) {
    const format = formatFrom<LintFormat>(args, ['text', 'json', 'sarif']);
    const outcome = lint({ paths: args.positionals, format, settings: settingsFrom(args) }, io.readStdin, io.version);
    io.write(outcome.output);
    return outcome.exitCode;
  },
};

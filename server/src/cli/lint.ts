// `kube-audit-policy lint`: checks the named files and directories and prints the findings.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createHostDocument, hostDiagnostics } from '../service';
import type { ServiceSettings } from '../service';
import { readInputs } from './inputs';
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
    const host = createHostDocument(`file:///${encodeURIComponent(input.name)}`, 1, input.text, undefined, { forced: input.explicit });
    if (host.kind === 'none') continue;
    reports.push({ file: input.name, diagnostics: hostDiagnostics(host, request.settings, { force: input.explicit }) });
  }
  if (reports.length === 0) throw new UsageError(`no audit policy found in ${request.paths.join(', ')} (no YAML or Markdown file with apiVersion: audit.k8s.io/..., kind: Policy or a rules list with levels, nor one that holds such a policy)`);
  const failed = reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  const output = request.format === 'json' ? formatJson(reports) : request.format === 'sarif' ? formatSarif(reports, toolVersion) : formatText(reports);
  return { output, exitCode: failed ? 1 : 0 };
}

// `kube-audit-policy lint`: checks the named files and directories and prints the findings.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createPolicyDocument, detectPolicy, validate } from '../service';
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
    const doc = createPolicyDocument(`file:///${encodeURIComponent(input.name)}`, 1, input.text);
    if (!input.explicit && detectPolicy(doc.parsed) === 'other') continue;
    reports.push({ file: input.name, diagnostics: validate(doc, request.settings, { force: input.explicit }) });
  }
  if (reports.length === 0) throw new UsageError(`no audit policy found in ${request.paths.join(', ')} (no YAML file with apiVersion: audit.k8s.io/..., kind: Policy or a rules list with levels)`);
  const failed = reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  const output = request.format === 'json' ? formatJson(reports) : request.format === 'sarif' ? formatSarif(reports, toolVersion) : formatText(reports);
  return { output, exitCode: failed ? 1 : 0 };
}

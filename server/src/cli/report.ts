// The lint results of one run, and the three ways of printing them. The JSON form is a public
// interface, documented in the README: keep it stable.
import type { Diagnostic } from 'vscode-languageserver-types';
import { ALL_CODES, CODES } from '../service';
import type { DiagnosticCode } from '../service';

export interface FileReport {
  readonly file: string;
  readonly diagnostics: readonly Diagnostic[];
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'] as const;

export function severityName(d: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return (SEVERITY_NAMES[d.severity ?? 1] || 'error') as 'error' | 'warning' | 'information' | 'hint';
}

/** The host path of the policy a diagnostic is in, when the file holds the policy (a ConfigMap). */
export function embeddedAtOf(d: Diagnostic): string | undefined {
  const data = d.data as { embeddedAt?: unknown } | undefined;
  return typeof data?.embeddedAt === 'string' && data.embeddedAt !== '' ? data.embeddedAt : undefined;
}

export function pathOf(d: Diagnostic): string {
  const data = d.data as { path?: unknown } | undefined;
  return typeof data?.path === 'string' ? data.path : '';
}

export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    for (const d of report.diagnostics) {
      const severity = severityName(d);
      counts[severity]++;
      const embeddedAt = embeddedAtOf(d);
      const where = `${report.file}:${d.range.start.line + 1}:${d.range.start.character + 1}${embeddedAt ? ` (${embeddedAt})` : ''}`;
      lines.push(`${where}: ${severity} ${String(d.code)}: ${d.message}`);
    }
  }
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(reports.length, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information} information`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => ({
    file: report.file,
    diagnostics: report.diagnostics.map((d) => ({
      code: String(d.code),
      severity: severityName(d),
      message: d.message,
      path: pathOf(d),
      ...(embeddedAtOf(d) ? { embeddedAt: embeddedAtOf(d) } : {}),
      range: { start: { ...d.range.start }, end: { ...d.range.end } },
    })),
  }));
  return `${JSON.stringify({ files })}\n`;
}

/** SARIF 2.1.0, as GitHub code scanning reads it: one rule per diagnostic code. */
export function formatSarif(reports: readonly FileReport[], toolVersion: string): string {
  const level = (s: string): string => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const rules = ALL_CODES.map((c) => ({
    id: c.code,
    name: c.code.replace(/(^|-)([a-z])/g, (_, __, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.summary },
    fullDescription: { text: c.summary },
    help: {
      text: `${c.summary} See the kube-audit-policy README for this check.`,
      markdown: `**${c.code}**: ${c.summary}`,
    },
    defaultConfiguration: { level: level(c.severity) },
    properties: { tags: ['kubernetes', 'audit-policy', c.severity === 'error' ? 'correctness' : 'maintainability'] },
  }));
  const ruleIndex = new Map(ALL_CODES.map((c, i) => [c.code, i]));
  const results = reports.flatMap((report) =>
    report.diagnostics.map((d) => {
      const code = String(d.code) as DiagnosticCode;
      return {
        ruleId: code,
        ruleIndex: ruleIndex.get(code) ?? 0,
        level: level(severityName(d) ?? CODES[code]?.severity),
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: {
                uri: report.file === '-' ? 'stdin' : report.file.replace(/\\/g, '/').replace(/^\.\//, ''),
              },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
        properties: { path: pathOf(d), ...(embeddedAtOf(d) ? { embeddedAt: embeddedAtOf(d) } : {}) },
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-audit-policy',
            version: toolVersion,
            informationUri: 'https://github.com/kube-audit-policy/kube-audit-policy',
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

// Runs the checks over a document: per-rule findings come from the cache when the rule is
// unchanged. validate() is where the service's findings become LSP diagnostics (the one place a
// Diagnostic is made): the severity settings and `# kube-audit-policy-disable-next-line` comments
// are applied there.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { CODES } from '../catalogue/codes';
import type { Severity } from '../catalogue/codes';
import type { PolicyDocument } from '../document';
import type { RuleItem, YamlError } from '../parse/model';
import type { ServiceSettings } from '../settings';
import { detectPolicy } from '../decode/detect';
import { shiftFinding } from '../decode/finding';
import type { Finding } from '../decode/finding';
import { DOCUMENT_CHECKS, RULE_CHECKS, syntaxFinding } from '../checks';
import { suppressedLines } from './suppress';

export const DIAGNOSTIC_SOURCE = 'kube-audit-policy';

export interface ValidateOptions {
  /** Check the file even when it does not say it is an audit policy (a `files` glob or a CLI path named it). */
  readonly force?: boolean;
}

export function findings(doc: PolicyDocument, settings: ServiceSettings, options: ValidateOptions = {}): Finding[] {
  const detection = detectPolicy(doc.parsed);
  if (detection === 'other' && !options.force) return [];
  const minor = settings.kubernetesMinor;
  const failure = doc.parsed.syntaxErrors[0];
  if (failure) return brokenFileFindings(doc, failure, minor);
  const all: Finding[] = [];
  for (const check of DOCUMENT_CHECKS) all.push(...check(doc.parsed, minor, doc.caches.analysis));
  if (detection === 'later-policy' && !options.force) return all.filter((f) => f.code === 'ignored-document');
  for (const rule of doc.parsed.rules) {
    const prefix = `rules[${rule.index}]`;
    for (const f of ruleFindings(doc, rule, minor)) all.push(localize(shiftFinding(f, rule.base, prefix), prefix));
  }
  return withoutRepeats(all.sort((a, b) => a.start - b.start || a.end - b.end));
}

/** Two findings of one code at one place say the same thing (a `.inf` where a boolean goes is both
 *  the wrong type for the field and a value JSON cannot hold): the first, the more specific, stays. */
function withoutRepeats(sorted: Finding[]): Finding[] {
  const seen = new Set<string>();
  return sorted.filter((f) => {
    const key = `${f.code} ${f.start} ${f.end}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

export function validate(doc: PolicyDocument, settings: ServiceSettings, options: ValidateOptions = {}): Diagnostic[] {
  const suppressed = suppressedLines(doc.text);
  const out: Diagnostic[] = [];
  for (const finding of findings(doc, settings, options)) {
    const severity = settings.severity[finding.code] ?? (CODES[finding.code].severity as Severity);
    if (severity === 'off') continue;
    const range = doc.lines.rangeOf(finding.start, finding.end);
    const codes = suppressed.get(range.start.line);
    if (codes && (codes.size === 0 || codes.has(finding.code))) continue;
    out.push(toDiagnostic(doc, finding, severity, range));
  }
  return out;
}

/** kube-apiserver stops at go-yaml's first error, so that error is the verdict and nothing is
 *  inferred from the text it could not read. What the rules wholly above it say still holds once
 *  the error is fixed, so their own findings stay: someone typing a new rule keeps seeing them. */
function brokenFileFindings(doc: PolicyDocument, failure: YamlError, minor: number): Finding[] {
  const out: Finding[] = [syntaxFinding(failure.start, failure.end, failure.message, failure.hint)];
  const unreadFrom = failure.unreadFrom ?? failure.start;
  for (const rule of doc.parsed.rules) {
    if (rule.base + rule.node.end > unreadFrom) break;
    const prefix = `rules[${rule.index}]`;
    for (const f of ruleFindings(doc, rule, minor)) out.push(localize(shiftFinding(f, rule.base, prefix), prefix));
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Findings of one rule, kept with the rule's parsed node: an unchanged rule keeps its node
 *  across versions (the parse cache returns the same object), so its findings are reused. */
function ruleFindings(doc: PolicyDocument, rule: RuleItem, minor: number): readonly Finding[] {
  const byMinor = doc.caches.ruleFindings.get(rule.node);
  const cached = byMinor?.get(minor);
  if (cached) return cached;
  const result: Finding[] = [];
  for (const check of RULE_CHECKS) result.push(...check(rule.node, minor));
  if (byMinor) byMinor.set(minor, result);
  else doc.caches.ruleFindings.set(rule.node, new Map([[minor, result]]));
  return result;
}

/** Rule findings are written once for any position; `{rule}` in their text names this rule. */
function localize(finding: Finding, prefix: string): Finding {
  return finding.message.includes('{rule}')
    ? { ...finding, message: finding.message.split('{rule}').join(prefix) }
    : finding;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(
  doc: PolicyDocument,
  finding: Finding,
  severity: Severity,
  range: Diagnostic['range'],
): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = finding.related?.map((r) => ({
    location: { uri: doc.uri, range: doc.lines.rangeOf(r.start, r.end) },
    message: r.message,
  }));
  return {
    range,
    severity: SEVERITIES[severity],
    code: finding.code,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { path: finding.path, ...(finding.data ?? {}) },
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
  };
}

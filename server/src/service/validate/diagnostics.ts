// Findings become LSP diagnostics here, the one place a Diagnostic is made. A diagnostic is kept
// with its finding, and one made for an earlier version is reused when a new finding says the same
// at the same place: the stdio transport then copies its bytes instead of serialising it again.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { CODES } from '../catalogue/codes';
import type { DiagnosticCode, Severity } from '../catalogue/codes';
import type { CachedDiagnostic, PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
import type { Finding } from '../decode/finding';

export const DIAGNOSTIC_SOURCE = 'kube-audit-policy';

/** The severity a code is published at under these settings ('off': not at all). */
export function severityOf(settings: ServiceSettings, code: DiagnosticCode): Severity | 'off' {
  return settings.severity[code] ?? (CODES[code].severity as Severity);
}

/** The diagnostic of a finding: the one made for it before while its ranges still hold, else one
 *  made for an earlier version that says the same at the same place, else a new one. */
export function diagnosticOf(doc: PolicyDocument, finding: Finding, severity: Severity): Diagnostic {
  const layout = doc.lines.layout;
  const cached = doc.caches.diagnostics.get(finding);
  // A finding is never changed, so under the same line layout its ranges are the same.
  const sameLayout = cached?.layout === layout;
  const reuse =
    cached &&
    cached.severity === severity &&
    cached.uri === doc.uri &&
    (sameLayout || samePlaces(doc, finding, cached));
  if (reuse) {
    if (!sameLayout) cached.layout = layout;
    return cached.diagnostic;
  }
  let diagnostic = earlierDiagnostic(doc, finding, severity);
  if (!diagnostic) {
    diagnostic = toDiagnostic(doc, finding, severity);
    doc.caches.diagnosticsByLine.add(diagnostic);
  }
  doc.caches.diagnostics.set(finding, { diagnostic, severity, uri: doc.uri, layout });
  return diagnostic;
}

/** A diagnostic made for an earlier version that is the one this finding makes. A typed character
 *  moves every offset after it: the rules after it are new items with new findings, but their
 *  lines and characters are unchanged, and so are their diagnostics. The earlier object is reused,
 *  which spares making it and, in the stdio transport, serialising it again (measured on the
 *  5,000-rule stress file: 2,000 of its 4,700 diagnostics made again for each typed character). */
function earlierDiagnostic(doc: PolicyDocument, finding: Finding, severity: Severity): Diagnostic | undefined {
  const candidates = doc.caches.diagnosticsByLine.on(doc.lines.lineOf(finding.start));
  if (!candidates) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    const d = candidates[i];
    if (d.code !== finding.code || d.message !== finding.message || d.severity !== SEVERITIES[severity]) continue;
    if (!doc.lines.isRange(d.range, finding.start, finding.end) || !sameData(d.data, finding)) continue;
    if (sameRelated(doc, d, finding)) return d;
  }
  return undefined;
}

/** Whether the diagnostic's related places are the finding's (a loop without closures: this runs
 *  for thousands of findings a keystroke). */
function sameRelated(doc: PolicyDocument, d: Diagnostic, finding: Finding): boolean {
  const related = d.relatedInformation;
  const wanted = finding.related;
  if ((related?.length ?? 0) !== (wanted?.length ?? 0)) return false;
  if (!related || !wanted) return true;
  for (let j = 0; j < related.length; j++) {
    const r = related[j];
    const f = wanted[j];
    if (r.message !== f.message || r.location.uri !== doc.uri) return false;
    if (!doc.lines.isRange(r.location.range, f.start, f.end)) return false;
  }
  return true;
}

/** Whether `data` is dataOf(finding), compared without making it: this runs for every finding of
 *  every rule below a typed character. */
function sameData(data: unknown, finding: Finding): boolean {
  const extra = finding.data;
  if (extra && 'path' in extra) return sameJson(data, dataOf(finding));
  if (typeof data !== 'object' || data === null || (data as { path?: unknown }).path !== finding.path) return false;
  let count = 0;
  for (const key in data) {
    if (key === 'path') continue;
    count++;
    if (!extra || !(key in extra)) return false;
    if (!sameJson((data as Record<string, unknown>)[key], extra[key])) return false;
  }
  let expected = 0;
  for (const _key in extra) expected++;
  return count === expected;
}

/** Equality of two JSON values (what a diagnostic's data holds). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function dataOf(finding: Finding): Record<string, unknown> {
  return { path: finding.path, ...(finding.data ?? {}) };
}

/** Whether a diagnostic made for this finding in an earlier version still has the right ranges: an
 *  unchanged rule keeps its finding objects, and a keystroke moves no line of most of them. */
function samePlaces(doc: PolicyDocument, finding: Finding, cached: CachedDiagnostic): boolean {
  const d = cached.diagnostic;
  return doc.lines.isRange(d.range, finding.start, finding.end) && sameRelated(doc, d, finding);
}

export const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toDiagnostic(doc: PolicyDocument, finding: Finding, severity: Severity): Diagnostic {
  const range = doc.lines.rangeOf(finding.start, finding.end);
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
    data: dataOf(finding),
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
  };
}

// Runs the checks over a document: per-rule findings come from the cache when the rule is
// unchanged. validate() is where the service's findings become LSP diagnostics (the one place a
// Diagnostic is made): the severity settings and `# kube-audit-policy-disable-next-line` comments
// are applied there.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { CODES } from '../catalogue/codes';
import type { Severity } from '../catalogue/codes';
import type { CachedDiagnostic, PolicyDocument, VersionFindings } from '../document';
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
  // Indexed loops: this runs once a keystroke over thousands of findings, mostly before V8 has
  // optimised it, and a for-of loop then makes an iterator result for each element.
  const rules = doc.parsed.rules;
  for (let r = 0; r < rules.length; r++) {
    const placed = placedFindings(doc, rules[r], minor);
    for (let i = 0; i < placed.length; i++) all.push(placed[i]);
  }
  return withoutRepeats(all.sort((a, b) => a.start - b.start || a.end - b.end));
}

/** Two findings of one code at one place say the same thing (a `.inf` where a boolean goes is both
 *  the wrong type for the field and a value JSON cannot hold): the first, the more specific, stays.
 *  The list is its caller's own, so it is shortened in place. */
function withoutRepeats(sorted: Finding[]): Finding[] {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i];
    let repeat = false;
    // Findings at one place are neighbours once sorted.
    for (let j = kept - 1; j >= 0 && sorted[j].start === f.start && sorted[j].end === f.end && !repeat; j--)
      repeat = sorted[j].code === f.code;
    if (!repeat) sorted[kept++] = f;
  }
  sorted.length = kept;
  return sorted;
}

export function validate(doc: PolicyDocument, settings: ServiceSettings, options: ValidateOptions = {}): Diagnostic[] {
  const suppressed = suppressedLines(doc.text);
  const layout = doc.lines.layout;
  const out: Diagnostic[] = [];
  const all = findings(doc, settings, options);
  for (let i = 0; i < all.length; i++) {
    const finding = all[i];
    const severity = settings.severity[finding.code] ?? (CODES[finding.code].severity as Severity);
    if (severity === 'off') continue;
    const cached = doc.caches.diagnostics.get(finding);
    // A finding is never changed, so under the same line layout its ranges are the same.
    const sameLayout = cached?.layout === layout;
    const reuse =
      cached &&
      cached.severity === severity &&
      cached.uri === doc.uri &&
      (sameLayout || samePlaces(doc, finding, cached));
    let diagnostic = reuse ? cached.diagnostic : earlierDiagnostic(doc, finding, severity);
    if (!diagnostic) {
      diagnostic = toDiagnostic(doc, finding, severity);
      doc.caches.diagnosticsByLine.add(diagnostic);
    }
    if (!reuse) doc.caches.diagnostics.set(finding, { diagnostic, severity, uri: doc.uri, layout });
    else if (!sameLayout) cached.layout = layout;
    const codes = suppressed.get(diagnostic.range.start.line);
    if (codes && (codes.size === 0 || codes.has(finding.code))) continue;
    out.push(diagnostic);
  }
  doc.caches.diagnosticsByLine.keepUpWith(out);
  return out;
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

/** kube-apiserver stops at go-yaml's first error, so that error is the verdict and nothing is
 *  inferred from the text it could not read. What the rules wholly above it say still holds once
 *  the error is fixed, so their own findings stay: someone typing a new rule keeps seeing them. */
function brokenFileFindings(doc: PolicyDocument, failure: YamlError, minor: number): Finding[] {
  const out: Finding[] = [syntaxFinding(failure.start, failure.end, failure.message, failure.hint)];
  const unreadFrom = failure.unreadFrom ?? failure.start;
  for (const rule of doc.parsed.rules) {
    if (rule.base + rule.node.end > unreadFrom) break;
    for (const f of placedFindings(doc, rule, minor)) out.push(f);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** A rule's findings in document offsets and paths, kept with the rule item: an item at the same
 *  place in the next version is the same object (parse.ts), so its findings are the same objects too. */
function placedFindings(doc: PolicyDocument, rule: RuleItem, minor: number): readonly Finding[] {
  const placed = doc.caches.placedFindings.get(rule);
  if (placed?.minor === minor) return placed.findings;
  const own = ruleFindings(doc, rule, minor);
  if (own === NO_FINDINGS) {
    doc.caches.placedFindings.set(rule, noFindingsFor(minor));
    return NO_FINDINGS;
  }
  const prefix = `rules[${rule.index}]`;
  const findings = own.map((f) => localize(shiftFinding(f, rule.base, prefix), prefix));
  doc.caches.placedFindings.set(rule, { minor, findings });
  return findings;
}

/** Findings of one rule, kept with the rule's parsed node: an unchanged rule keeps its node
 *  across versions (the parse cache returns the same object), so its findings are reused. Only the
 *  latest Kubernetes version's are kept: the setting rarely changes, and a map per rule was 1 MiB
 *  of a 5,000-rule policy. */
function ruleFindings(doc: PolicyDocument, rule: RuleItem, minor: number): readonly Finding[] {
  const cached = doc.caches.ruleFindings.get(rule.node);
  if (cached?.minor === minor) return cached.findings;
  const result: Finding[] = [];
  for (const check of RULE_CHECKS) result.push(...check(rule.node, minor));
  const findings = result.length > 0 ? result : NO_FINDINGS;
  doc.caches.ruleFindings.set(rule.node, findings === NO_FINDINGS ? noFindingsFor(minor) : { minor, findings });
  return findings;
}

// Most rules have no finding: they share one empty list, and one cache entry per version.
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const noFindings = new Map<number, VersionFindings>();
function noFindingsFor(minor: number): VersionFindings {
  let entry = noFindings.get(minor);
  if (!entry) noFindings.set(minor, (entry = { minor, findings: NO_FINDINGS }));
  return entry;
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

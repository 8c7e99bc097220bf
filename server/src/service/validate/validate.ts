// Runs the checks over a document: per-rule findings come from the cache when the rule is
// unchanged. validate() is where the service's findings become LSP diagnostics
// (diagnostics.ts): the severity settings and `# kube-audit-policy-disable-next-line` comments
// are applied there. A cleanly read policy's diagnostics are kept rule by rule (byRule.ts).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { YamlError } from '../parse/model';
import type { ServiceSettings } from '../settings';
import { detectPolicy } from '../decode/detect';
import type { Finding } from '../decode/finding';
import { DOCUMENT_CHECKS, syntaxFinding } from '../checks';
import { parsedCleanly } from '../engine/lints/place';
import { diagnosticsByRule } from './byRule';
import { diagnosticOf, severityOf } from './diagnostics';
import { byPlace, placedFindings, withoutRepeats } from './ruleFindings';
import { suppressedLines } from './suppress';

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
  if (detection === 'later-policy' && !options.force) return all.filter(saidOfLaterPolicy).sort(byPlace);
  // Indexed loops: this runs once a keystroke over thousands of findings, mostly before V8 has
  // optimised it, and a for-of loop then makes an iterator result for each element.
  const rules = doc.parsed.rules;
  for (let r = 0; r < rules.length; r++) {
    const placed = placedFindings(doc, rules[r], minor);
    for (let i = 0; i < placed.length; i++) all.push(placed[i]);
  }
  return withoutRepeats(all.sort(byPlace));
}

export function validate(doc: PolicyDocument, settings: ServiceSettings, options: ValidateOptions = {}): Diagnostic[] {
  const out =
    (byRule(doc, options) ? diagnosticsByRule(doc, settings) : undefined) ?? fromFindings(doc, settings, options);
  doc.caches.diagnosticsByLine.keepUpWith(out);
  return out;
}

/** Whether the policy's diagnostics can be kept rule by rule: it is read as a policy, and cleanly
 *  (else kube-apiserver's first error decides, and findings() reports what it does not hide). */
function byRule(doc: PolicyDocument, options: ValidateOptions): boolean {
  return (options.force === true || detectPolicy(doc.parsed) === 'policy') && parsedCleanly(doc.parsed);
}

/** The diagnostics of findings(), the way for every document. */
export function fromFindings(doc: PolicyDocument, settings: ServiceSettings, options: ValidateOptions): Diagnostic[] {
  const suppressed = suppressedLines(doc.text);
  const out: Diagnostic[] = [];
  const all = findings(doc, settings, options);
  for (let i = 0; i < all.length; i++) {
    const finding = all[i];
    const severity = severityOf(settings, finding.code);
    if (severity === 'off') continue;
    const diagnostic = diagnosticOf(doc, finding, severity);
    const codes = suppressed.get(diagnostic.range.start.line);
    if (codes && (codes.size === 0 || codes.has(finding.code))) continue;
    out.push(diagnostic);
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
    for (const f of placedFindings(doc, rule, minor)) out.push(f);
  }
  return out.sort(byPlace);
}

/** What a file whose only policy is in a later document is told: that kube-apiserver ignores it, and
 *  that it refuses the file, whose first document it decodes: an empty one (invalid-api-version) or
 *  something else, a ConfigMap or a list (checks/firstDocument.ts). Both mark their finding. */
function saidOfLaterPolicy(f: Finding): boolean {
  return f.code === 'ignored-document' || f.data?.laterPolicy === true;
}

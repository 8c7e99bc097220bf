// The diagnostics of a cleanly read policy, rule by rule. What a rule's diagnostics say, and where,
// follows from the rule's text (its parsed node, which an unchanged rule keeps), its number, the
// line and character it starts at, and, for the two document checks that report on one rule, the
// rule covering it (unreachable-rule) and the secrets it logs (sensitive-bodies). While those stay,
// the rule's diagnostics are reused as a whole, without finding its findings again. A typed
// character moves the offsets of every rule after it, and so made each of their findings anew
// (4,700 on the stress file, bench/) to be matched with its diagnostic; it moves the line and
// character of none of them.
//
// The result is exactly what validate() makes from findings(): the rules' diagnostics are already in
// document order, and where the other document findings could fall among one rule's (or two rules'
// findings share a place, where the sort and the removal of repeats could mix them) this gives up
// and validate() takes the long way. A property test compares the two after random edits.
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { Node } from '../parse/model';
import type { ServiceSettings } from '../settings';
import type { Finding } from '../decode/finding';
import { DOCUMENT_CHECKS } from '../checks';
import { checkSensitiveBodies, checkUnreachable } from '../engine/lints';
import { sensitiveBodiesFinding, sensitiveBodiesLogged } from '../engine/lints/sensitiveBodies';
import { unreachableFinding } from '../engine/lints/unreachable';
import { policyAnalysis } from '../engine/analysis';
import type { PolicyAnalysis } from '../engine/analysis';
import { diagnosticOf, severityOf } from './diagnostics';
import { byPlace, placedFindings, withoutRepeats } from './ruleFindings';
import { suppressedLines } from './suppress';

/** One rule's diagnostics and everything they follow from (its number is its place in the cache). */
export interface RuleDiagnostics {
  readonly node: Node;
  /** Where the rule item starts. */
  readonly line: number;
  readonly character: number;
  readonly minor: number;
  readonly severities: ServiceSettings['severity'];
  readonly uri: string;
  /** The rule covering this one: its node, number and start (undefined, -1, -1, -1: none). */
  readonly coverer: Node | undefined;
  readonly covererIndex: number;
  readonly covererLine: number;
  readonly covererCharacter: number;
  /** sensitiveBodiesLogged() of the rule (its verdict, and the policy's omitStages with its own). */
  readonly sensitive: number;
  /** In document order, repeats removed, codes turned off left out; not yet suppressed by comments. */
  readonly diagnostics: readonly Diagnostic[];
}

// The two are asked rule by rule below; the rest report on the policy, not inside a rule.
const POLICY_CHECKS = DOCUMENT_CHECKS.filter((c) => c !== checkUnreachable && c !== checkSensitiveBodies);

/** The policy's diagnostics, or undefined where this way cannot promise validate()'s order. */
export function diagnosticsByRule(doc: PolicyDocument, settings: ServiceSettings): Diagnostic[] | undefined {
  const parsed = doc.parsed;
  const minor = settings.kubernetesMinor;
  const analysis = policyAnalysis(parsed, doc.caches.analysis);
  const found: Finding[] = [];
  for (const check of POLICY_CHECKS) found.push(...check(parsed, minor, doc.caches.analysis));
  const policyFindings = withoutRepeats(found.sort(byPlace));
  const policyDiagnostics: Diagnostic[] = [];
  for (const finding of policyFindings) {
    const severity = severityOf(settings, finding.code);
    if (severity !== 'off') policyDiagnostics.push(diagnosticOf(doc, finding, severity));
  }

  const suppressed = suppressedLines(doc.text);
  const out: Diagnostic[] = [];
  const emit = (d: Diagnostic): void => {
    const codes = suppressed.size > 0 ? suppressed.get(d.range.start.line) : undefined;
    if (!codes || (codes.size > 0 && !codes.has(d.code as string))) out.push(d);
  };
  let next = 0;
  let previousLast: Range | undefined;
  // The line each rule starts on, found walking down the file (a coverer is an earlier rule).
  const ruleLines = new Int32Array(parsed.rules.length);
  for (let i = 0; i < parsed.rules.length; i++) {
    ruleLines[i] = doc.lines.lineOfFrom(parsed.rules[i].base, i > 0 ? ruleLines[i - 1] : 0);
    const diagnostics = ruleDiagnostics(doc, analysis, i, ruleLines, settings).diagnostics;
    if (diagnostics.length === 0) continue;
    const first = diagnostics[0].range;
    const last = diagnostics[diagnostics.length - 1].range;
    while (next < policyDiagnostics.length && before(policyDiagnostics[next].range, first))
      emit(policyDiagnostics[next++]);
    if (next < policyDiagnostics.length && !before(last, policyDiagnostics[next].range)) return undefined;
    if (previousLast && !before(previousLast, first)) return undefined;
    for (let k = 0; k < diagnostics.length; k++) emit(diagnostics[k]);
    previousLast = last;
  }
  while (next < policyDiagnostics.length) emit(policyDiagnostics[next++]);
  doc.caches.ruleDiagnostics.length = parsed.rules.length; // no longer hold the nodes of rules gone
  return out;
}

/** Whether `a` sorts strictly before `b` by place (start, then end), as findings are sorted. */
function before(a: Range, b: Range): boolean {
  if (a.start.line !== b.start.line) return a.start.line < b.start.line;
  if (a.start.character !== b.start.character) return a.start.character < b.start.character;
  if (a.end.line !== b.end.line) return a.end.line < b.end.line;
  return a.end.character < b.end.character;
}

/** Rule `i`'s diagnostics: the last ones made for its number while what they follow from stays.
 *  `ruleLines` holds the line of every rule up to `i`. */
function ruleDiagnostics(
  doc: PolicyDocument,
  analysis: PolicyAnalysis,
  i: number,
  ruleLines: Int32Array,
  settings: ServiceSettings,
): RuleDiagnostics {
  const lines = doc.lines;
  const item = doc.parsed.rules[i];
  const line = ruleLines[i];
  const character = item.base - lines.lineStart(line);
  const verdict = analysis.verdicts[i];
  const coverer = verdict.coveredBy === undefined ? undefined : doc.parsed.rules[verdict.coveredBy];
  const covererLine = coverer ? ruleLines[verdict.coveredBy as number] : -1;
  const covererCharacter = coverer ? coverer.base - lines.lineStart(covererLine) : -1;
  const sensitive = sensitiveBodiesLogged(doc.parsed, analysis, i);
  const cached = doc.caches.ruleDiagnostics[i];
  if (
    cached?.node === item.node &&
    cached.line === line &&
    cached.character === character &&
    cached.minor === settings.kubernetesMinor &&
    cached.severities === settings.severity &&
    cached.uri === doc.uri &&
    cached.coverer === coverer?.node &&
    cached.covererIndex === (verdict.coveredBy ?? -1) &&
    cached.covererLine === covererLine &&
    cached.covererCharacter === covererCharacter &&
    cached.sensitive === sensitive
  )
    return cached;
  const group: RuleDiagnostics = {
    node: item.node,
    line,
    character,
    minor: settings.kubernetesMinor,
    severities: settings.severity,
    uri: doc.uri,
    coverer: coverer?.node,
    covererIndex: verdict.coveredBy ?? -1,
    covererLine,
    covererCharacter,
    sensitive,
    diagnostics: madeDiagnostics(doc, analysis, i, settings),
  };
  doc.caches.ruleDiagnostics[i] = group;
  return group;
}

/** Rule `i`'s diagnostics made from its findings, in the order findings() gives them: the document
 *  checks' before the rule checks' at one place, as DOCUMENT_CHECKS runs before RULE_CHECKS. */
function madeDiagnostics(
  doc: PolicyDocument,
  analysis: PolicyAnalysis,
  i: number,
  settings: ServiceSettings,
): readonly Diagnostic[] {
  const found: Finding[] = [];
  const unreachable = unreachableFinding(doc.parsed, analysis, i);
  if (unreachable) found.push(unreachable);
  const sensitive = sensitiveBodiesFinding(doc.parsed, analysis, i);
  if (sensitive) found.push(sensitive);
  const placed = placedFindings(doc, doc.parsed.rules[i], settings.kubernetesMinor);
  for (let k = 0; k < placed.length; k++) found.push(placed[k]);
  if (found.length === 0) return NO_DIAGNOSTICS;
  const diagnostics: Diagnostic[] = [];
  for (const finding of withoutRepeats(found.sort(byPlace))) {
    const severity = severityOf(settings, finding.code);
    if (severity !== 'off') diagnostics.push(diagnosticOf(doc, finding, severity));
  }
  return diagnostics;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]) as readonly Diagnostic[];

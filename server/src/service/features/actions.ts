// Code actions: a `quickfix` for every fixable diagnostic (the obvious one `isPreferred`), a
// `source.fixAll` that applies every preferred fix that does not collide with another, and
// "add kind: Policy" where the kind is left out.
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { CodeAction, CodeActionContext, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { isDiagnosticCode } from '../catalogue/codes';
import { API_GROUP, POLICY_KIND } from '../catalogue/values';
import type { PolicyDocument } from '../document';
import { findPair, isMap } from '../parse/model';
import type { ServiceSettings } from '../settings';
import { validate } from '../validate/validate';
import { columnOf, insertLinesAfter, lineOf, withFileEol } from './edits';
import type { OffsetEdit } from './edits';
import { fixesFor } from './fixes';
import { FixSafety } from './fixSafety';
import type { Fix, FindingToFix } from './fixes';

export function doCodeActions(
  doc: PolicyDocument,
  range: Range,
  context: CodeActionContext,
  settings: ServiceSettings,
): CodeAction[] {
  const only = context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const safety = new FixSafety(doc, settings);
    for (const diagnostic of context.diagnostics) {
      for (const fix of fixesFor(doc, findingOf(doc, diagnostic)))
        if (safety.allows(fix.edits)) actions.push(toAction(doc, fix, CodeActionKind.QuickFix, [diagnostic]));
    }
    const kind = addKind(doc, range);
    if (kind && safety.allows(kind.edits)) actions.push(toAction(doc, kind, CodeActionKind.QuickFix, []));
  }
  if (only && wants(CodeActionKind.SourceFixAll)) {
    const all = fixAll(doc, settings);
    if (all) actions.push(all);
  }
  return actions;
}

function findingOf(doc: PolicyDocument, diagnostic: Diagnostic): FindingToFix {
  const code = typeof diagnostic.code === 'string' && isDiagnosticCode(diagnostic.code) ? diagnostic.code : '';
  const data =
    diagnostic.data && typeof diagnostic.data === 'object' ? (diagnostic.data as Record<string, unknown>) : {};
  return {
    code,
    start: doc.lines.offsetAt(diagnostic.range.start),
    end: doc.lines.offsetAt(diagnostic.range.end),
    data,
  };
}

function toAction(doc: PolicyDocument, fix: Fix, kind: string, diagnostics: Diagnostic[]): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({
    range: doc.lines.rangeOf(e.start, e.end),
    newText: withFileEol(doc, e.newText),
  }));
  return {
    title: fix.title,
    kind,
    ...(diagnostics.length > 0 ? { diagnostics } : {}),
    ...(fix.preferred ? { isPreferred: true } : {}),
    edit: { changes: { [doc.uri]: edits } },
  };
}

/**
 * Every preferred fix of an error or warning whose edits do not overlap an earlier one (the rest
 * wait for the next run). Advice (information) changes what the policy records, such as adding a
 * catch-all rule, so it is never applied without the user choosing it.
 */
export function fixAll(doc: PolicyDocument, settings: ServiceSettings): CodeAction | undefined {
  const candidates: Array<{ fix: Fix; diagnostic: Diagnostic }> = [];
  for (const diagnostic of validate(doc, settings)) {
    if ((diagnostic.severity ?? DiagnosticSeverity.Error) > DiagnosticSeverity.Warning) continue;
    const fix = fixesFor(doc, findingOf(doc, diagnostic)).find((f) => f.preferred);
    if (!fix || fix.edits.some((e) => candidates.some((c) => c.fix.edits.some((t) => overlaps(e, t))))) continue;
    candidates.push({ fix, diagnostic });
  }
  // One trial for all of them; only when that adds a problem is each fix tried on its own.
  const safety = new FixSafety(doc, settings);
  const all = candidates.flatMap((c) => c.fix.edits);
  const chosen =
    all.length > 0 && safety.allows(all) ? candidates : candidates.filter((c) => safety.allows(c.fix.edits));
  const taken: OffsetEdit[] = chosen.flatMap((c) => c.fix.edits);
  const diagnostics = chosen.map((c) => c.diagnostic);
  if (taken.length === 0 || (chosen !== candidates && !safety.allows(taken))) return undefined;
  taken.sort((a, b) => a.start - b.start);
  return {
    ...toAction(doc, { title: 'Fix all audit policy problems', edits: taken }, CodeActionKind.SourceFixAll, []),
    diagnostics,
  };
}

function overlaps(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return (
    (a.start < b.end && b.start < a.end) ||
    (a.start === a.end && a.start > b.start && a.start < b.end) ||
    (b.start === b.end && b.start > a.start && b.start < a.end)
  );
}

/** `kind` may be left out with audit.k8s.io/v1, but writing it makes the file say what it is. */
function addKind(doc: PolicyDocument, range: Range): Fix | undefined {
  const root = doc.parsed.root;
  if (!isMap(root) || root.flow || findPair(root, 'kind')) return undefined;
  const apiVersion = findPair(root, 'apiVersion');
  const value = apiVersion?.value;
  if (
    !apiVersion ||
    value?.kind !== 'scalar' ||
    typeof value.value !== 'string' ||
    !value.value.startsWith(`${API_GROUP}/`)
  )
    return undefined;
  const line = lineOf(doc, apiVersion.key.start);
  if (range.start.line > line || range.end.line < line) return undefined;
  const text = `${' '.repeat(columnOf(doc, apiVersion.key.start))}kind: ${POLICY_KIND}`;
  return { title: `Add kind: ${POLICY_KIND}`, edits: [insertLinesAfter(doc, value.end, text)], preferred: true };
}

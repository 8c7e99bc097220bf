// Every feature of the language service, on a host document: each embedded policy is served by the
// same feature on its own text, and the answer is carried back to host positions. A file that is
// itself a policy takes the identity and pays nothing for this.
import { CodeActionKind, DiagnosticSeverity, SymbolKind } from 'vscode-languageserver-types';
import type {
  CodeAction,
  CodeActionContext,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  Hover,
  InlayHint,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-types';
import { doCodeActions, fixAll } from '../features/actions';
import { doComplete } from '../features/complete';
import type { CompletionClient } from '../features/complete';
import { doHover } from '../features/hover';
import { inlayHints } from '../features/inlayHints';
import { semanticTokens, TokenEncoder } from '../features/semanticTokens';
import { documentSymbols } from '../features/symbols';
import type { ServiceSettings } from '../settings';
import { validate } from '../validate/validate';
import { detectPolicy } from '../decode/detect';
import { explain } from '../features/explain';
import type { Explanation } from '../features/explain';
import type { RequestAttributes } from '../engine/request';
import type { EmbeddedPolicy, HostDocument } from './hostDocument';
import { createHostDocument, policyAt } from './hostDocument';
import { hostNotes, noteFixes } from './hostNotes';
import { branchVariants } from './templateVariants';
import { RegionTranslator } from './translate';
import { computedReason, unmaskedContents, unmaskedMessage } from './unmaskedText';

export function translators(host: HostDocument): RegionTranslator[] {
  return host.policies.map((p) => new RegionTranslator(host, p));
}

/** The translator of the policy under a host position. */
export function translatorAt(host: HostDocument, position: Position): RegionTranslator | undefined {
  if (host.kind === 'policy') return new RegionTranslator(host, host.policies[0]);
  const policy: EmbeddedPolicy | undefined = policyAt(host, host.lines.offsetAt(position));
  return policy && new RegionTranslator(host, policy);
}

export function hostDiagnostics(
  host: HostDocument,
  settings: ServiceSettings,
  options: { force?: boolean } = {},
): Diagnostic[] {
  const own = readDiagnostics(host, settings, options);
  return host.directives.length === 0 ? own : withBranchDiagnostics(host, own, settings, options);
}

/** The diagnostics of the host as it is read, all of its text at once. */
function readDiagnostics(host: HostDocument, settings: ServiceSettings, options: { force?: boolean }): Diagnostic[] {
  // Most files hold one policy: its list is returned as it is, not copied (4,700 diagnostics a keystroke).
  const all = translators(host);
  const lists = all.map((t) => translatedDiagnostics(t, settings, options));
  const notes = hostNotes(host, all, settings);
  if (notes.length > 0) lists.push(notes);
  return lists.length === 1 ? lists[0] : lists.flat();
}

/** Past this much text read again (the file's size times its variants) a template is read once:
 *  each reading costs what the first did (a 30 KB Helm template with 250 conditionals, two
 *  variants: 64 ms a keystroke against 35 ms, in process). */
const MAX_VARIANT_READ = 64 * 1024;

/**
 * A template read once per branch of its conditionals (templateVariants.ts): what a branch says
 * that a later branch hides when all are read at once (a key in both, the last winning) is found
 * in the variant that keeps it, and added where it lies in a branch that variant keeps.
 */
function withBranchDiagnostics(
  host: HostDocument,
  own: Diagnostic[],
  settings: ServiceSettings,
  options: { force?: boolean },
): Diagnostic[] {
  if (host.text.length > MAX_VARIANT_READ) return own;
  const variants = branchVariants(host.text, host.directives);
  if (variants.length === 0 || host.text.length * variants.length > MAX_VARIANT_READ) return own;
  // One finding per code and place: a rule's number differs from one reading to the other.
  const key = (d: Diagnostic): string =>
    `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
  const seen = new Set(own.map(key));
  const added: Diagnostic[] = [];
  for (const { text, kept } of variants) {
    for (const d of readDiagnostics(variantOf(host, text), settings, options)) {
      const at = host.lines.offsetAt(d.range.start);
      if (!kept.some(([start, end]) => at >= start && at < end) || seen.has(key(d))) continue;
      seen.add(key(d));
      added.push(d);
    }
  }
  if (added.length === 0) return own;
  const start = (d: Diagnostic): number => host.lines.offsetAt(d.range.start);
  return [...own, ...added].sort((a, b) => start(a) - start(b));
}

/** The host read as one rendering of its template (templateVariants.ts): every offset kept. */
function variantOf(host: HostDocument, text: string): HostDocument {
  return createHostDocument(host.uri, host.version, text, undefined, { forced: host.forced, format: host.format });
}

/** How many errors kube-apiserver would refuse the policy for, counted as lint reports them: no
 *  finding is made on a template directive or on a value the host computes (a `level` Terraform
 *  fills in is no invalid level). For the notes of explain, diff and the policy tests. */
export function refusalCount(t: RegionTranslator, settings: ServiceSettings): number {
  return translatedDiagnostics(t, settings, { force: true }).filter((d) => d.severity === DiagnosticSeverity.Error)
    .length;
}

function translatedDiagnostics(
  t: RegionTranslator,
  settings: ServiceSettings,
  options: { force?: boolean },
): Diagnostic[] {
  // A file whose first document is not a policy is not checked as one, even when named as one: what
  // it is told is that kube-apiserver refuses it and never reads the Policy document further down.
  const laterOnly = t.identity && detectPolicy(t.policy.doc.parsed) === 'later-policy';
  const force = t.identity ? options.force && !laterOnly : t.policy.region.byHostPath;
  const diagnostics = validate(t.policy.doc, settings, { force });
  // A policy file as it is, no value in it computed by a host: its diagnostics are the host's.
  if (t.identity && !t.computesValues) return diagnostics;
  return diagnostics
    .filter(
      (d) =>
        !t.touchesDirective(d.range) &&
        !t.inOtherBranches(d.range, d.relatedInformation?.[0]?.location.range) &&
        !saysOfComputedContent(t, d),
    )
    .map((d) =>
      t.identity
        ? { ...d, message: unmaskedMessage(t, d.message) }
        : {
            ...d,
            message: t.decodedPlace(d.range) + unmaskedMessage(t, d.message),
            range: t.toHostRange(d.range),
            relatedInformation: undefined,
            data: { ...(d.data as object), embeddedAt: t.policy.region.hostPath },
          },
    );
}

/** What is said of content a template writes (contentFromDirective): that a policy has no rules, a
 *  rule no level, or (unreachable-rule) that the rule above matches everything, its selectors unseen. */
const OF_CONTENT = new Set(['no-rules', 'missing-level', 'no-catch-all']);

function saysOfComputedContent(t: RegionTranslator, d: Diagnostic): boolean {
  if (OF_CONTENT.has(String(d.code))) return t.contentFromDirective(d.range);
  const coverer = d.relatedInformation?.[0]?.location.range;
  return d.code === 'unreachable-rule' && coverer !== undefined && t.contentFromDirective(coverer);
}

export function hostComplete(
  host: HostDocument,
  position: Position,
  settings: ServiceSettings,
  client?: CompletionClient,
): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  const t = translatorAt(host, position);
  const at = t?.toPolicyPosition(position);
  if (!t || !at) return empty;
  const list = doComplete(t.policy.doc, at, settings, client);
  if (t.identity) return list;
  const items = list.items.flatMap((item): CompletionItem[] => {
    const mapped = completionItem(t, item);
    return mapped ? [mapped] : [];
  });
  return { ...list, items };
}

function completionItem(t: RegionTranslator, item: CompletionItem): CompletionItem | undefined {
  const out: CompletionItem = { ...item };
  if (item.textEdit) {
    const newText = t.encode(item.textEdit.newText);
    if (newText === undefined) return undefined;
    out.textEdit =
      'range' in item.textEdit
        ? { range: t.toHostRange(item.textEdit.range), newText }
        : { insert: t.toHostRange(item.textEdit.insert), replace: t.toHostRange(item.textEdit.replace), newText };
  }
  if (item.insertText !== undefined) {
    const insertText = t.encode(item.insertText);
    if (insertText === undefined) return undefined;
    out.insertText = insertText;
  }
  if (item.additionalTextEdits) {
    const edits = item.additionalTextEdits.map((e) => t.toHostEdit(e));
    if (edits.some((e) => e === undefined)) return undefined;
    out.additionalTextEdits = edits as TextEdit[];
  }
  return out;
}

export function hostHover(host: HostDocument, position: Position, settings: ServiceSettings): Hover | null {
  const t = translatorAt(host, position);
  const at = t?.toPolicyPosition(position);
  // In an encoded value no host position is a position of the policy: nothing to describe there.
  if (!t || !at || t.encoded) return null;
  const hover = doHover(t.policy.doc, at, settings);
  if (!hover || (t.identity && !t.computesValues)) return hover;
  const contents = unmaskedContents(t, hover.contents);
  if (t.identity) return { ...hover, contents };
  return { ...hover, contents, ...(hover.range ? { range: t.toHostRange(hover.range) } : {}) };
}

export function hostCodeActions(
  host: HostDocument,
  range: Range,
  context: CodeActionContext,
  settings: ServiceSettings,
): CodeAction[] {
  const notes = noteFixes(host, translators(host), range, context);
  const actions = policyCodeActions(host, range, context, settings);
  const all =
    actions.length > 0 || host.directives.length === 0 ? actions : branchCodeActions(host, range, context, settings);
  return notes.length === 0 ? all : [...notes, ...all];
}

/**
 * The fixes of what a branch of a template says, found in the reading that keeps the branch
 * (withBranchDiagnostics): read all at once, its value may be a placeholder (a conditional within
 * a line) with nothing to fix. The variant keeps every offset, so its edits are the host's.
 */
function branchCodeActions(
  host: HostDocument,
  range: Range,
  context: CodeActionContext,
  settings: ServiceSettings,
): CodeAction[] {
  if (host.text.length > MAX_VARIANT_READ) return [];
  const at = host.lines.offsetAt(range.start);
  for (const { text, kept } of branchVariants(host.text, host.directives)) {
    if (!kept.some(([start, end]) => at >= start && at < end)) continue;
    const actions = policyCodeActions(variantOf(host, text), range, context, settings);
    if (actions.length > 0) return actions;
  }
  return [];
}

/** The code actions of the policy at `range`, at host positions. */
function policyCodeActions(
  host: HostDocument,
  range: Range,
  context: CodeActionContext,
  settings: ServiceSettings,
): CodeAction[] {
  const t = translatorAt(host, range.start);
  const policyRange = t?.toPolicyRange(range);
  if (!t || !policyRange) return [];
  if (t.identity) {
    const actions = doCodeActions(t.policy.doc, range, context, settings);
    // A policy file as it is, no value in it computed by a host: its actions are the host's.
    if (!t.computesValues) return actions;
    return actions.flatMap((action) => {
      const mapped = hostAction(t, action, action.diagnostics ?? []);
      return mapped ? [mapped] : [];
    });
  }
  // The client sends back the host diagnostics we published: give the service its own.
  const mine = context.diagnostics.filter(
    (d) => (d.data as { embeddedAt?: unknown } | undefined)?.embeddedAt === t.policy.region.hostPath,
  );
  const diagnostics = mine.flatMap((d) => {
    const r = t.toPolicyRange(d.range);
    return r ? [{ ...d, range: r }] : [];
  });
  return doCodeActions(t.policy.doc, policyRange, { ...context, diagnostics }, settings).flatMap((action) => {
    const mapped = hostAction(t, action, mine);
    return mapped ? [mapped] : [];
  });
}

/** One source.fixAll over every embedded policy of the host. */
export function hostFixAll(host: HostDocument, settings: ServiceSettings): CodeAction | undefined {
  const edits: TextEdit[] = [];
  for (const t of translators(host)) {
    const all = fixAll(t.policy.doc, settings);
    const mapped = all && hostAction(t, all, []);
    if (mapped?.edit?.changes) edits.push(...(mapped.edit.changes[host.uri] ?? []));
  }
  return edits.length === 0
    ? undefined
    : {
        title: 'Fix all audit policy problems',
        kind: CodeActionKind.SourceFixAll,
        edit: { changes: { [host.uri]: edits } },
      };
}

function hostAction(
  t: RegionTranslator,
  action: CodeAction,
  hostDiagnostics: readonly Diagnostic[],
): CodeAction | undefined {
  const edits: TextEdit[] = [];
  for (const edit of editsOf(action.edit)) {
    const mapped = t.toHostEdit(edit);
    if (!mapped) return undefined;
    edits.push(mapped);
  }
  const diagnostics = action.diagnostics?.length
    ? hostDiagnostics.filter((d) => action.diagnostics?.some((a) => a.code === d.code && a.message === d.message))
    : undefined;
  return { ...action, ...(diagnostics ? { diagnostics } : {}), edit: { changes: { [t.uri]: edits } } };
}

function editsOf(edit: WorkspaceEdit | undefined): TextEdit[] {
  if (!edit) return [];
  const fromChanges = Object.values(edit.changes ?? {}).flat();
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((c) =>
    'edits' in c ? (c.edits as TextEdit[]) : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

export function hostSymbols(host: HostDocument): DocumentSymbol[] {
  return translators(host).flatMap((t) => {
    const symbols = documentSymbols(t.policy.doc);
    if (t.identity && !t.computesValues) return symbols;
    const unmaskSymbol = (s: DocumentSymbol): DocumentSymbol => ({
      ...s,
      name: t.unmask(s.name),
      children: s.children?.map(unmaskSymbol),
    });
    if (t.identity) return symbols.map(unmaskSymbol);
    const map = t.policy.region.map;
    const range: Range = { start: host.lines.positionAt(map.hostStart), end: host.lines.positionAt(map.hostEnd) };
    const mapSymbol = (s: DocumentSymbol): DocumentSymbol => ({
      ...s,
      name: t.unmask(s.name),
      range: t.toHostRange(s.range),
      selectionRange: t.toHostRange(s.selectionRange),
      children: s.children?.map(mapSymbol),
    });
    return [
      {
        name: t.policy.region.hostPath,
        detail: 'audit policy',
        kind: SymbolKind.Module,
        range,
        selectionRange: { start: range.start, end: range.start },
        children: symbols.map(mapSymbol),
      },
    ];
  });
}

/** Semantic tokens of every embedded policy, decoded, moved to host lines and encoded again (LSP's
 *  encoding, see semanticTokens). */
export function hostSemanticTokens(host: HostDocument, range?: Range): Uint32Array {
  if (host.kind === 'policy') {
    const doc = host.policies[0].doc;
    return range
      ? semanticTokens(doc, doc.lines.offsetAt(range.start), doc.lines.offsetAt(range.end))
      : semanticTokens(doc);
  }
  const tokens: Array<{ line: number; char: number; length: number; type: number }> = [];
  // An encoded policy has no characters in the host to color.
  for (const t of translators(host).filter((x) => !x.encoded)) {
    const data = semanticTokens(t.policy.doc);
    let line = 0;
    let char = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const start = t.toHostPosition({ line, character: char });
      const end = t.toHostPosition({ line, character: char + data[i + 2] });
      if (end.line !== start.line || end.character <= start.character) continue;
      if (range && (start.line < range.start.line || start.line > range.end.line)) continue;
      tokens.push({
        line: start.line,
        char: start.character,
        length: end.character - start.character,
        type: data[i + 3],
      });
    }
  }
  tokens.sort((a, b) => a.line - b.line || a.char - b.char);
  const encoder = new TokenEncoder();
  for (const token of tokens) encoder.push(token.line, token);
  return encoder.finish();
}

/** explain on one policy of the host, with rule lines counted in the host file. */
export function hostExplain(t: RegionTranslator, request: RequestAttributes): Explanation {
  const result = explain(t.policy.doc, request);
  if (t.identity && !t.computesValues) return result;
  const hostLine = (line: number): number =>
    t.identity ? line : t.toHostPosition({ line: line - 1, character: 0 }).line + 1;
  return {
    ...result,
    line: result.line === null ? null : hostLine(result.line),
    level: t.unmask(result.level),
    omitStages: result.omitStages.map((s) => t.unmask(s)),
    trace: result.trace.map((e) => ({ ...e, line: hostLine(e.line), reason: computedReason(t, e.reason) })),
  };
}

/** Rule numbers of every embedded policy whose rules start inside the host range. */
export function hostInlayHints(host: HostDocument, range: Range): InlayHint[] {
  if (host.kind === 'policy') return inlayHints(host.policies[0].doc, range);
  const from = host.lines.offsetAt(range.start);
  const to = host.lines.offsetAt(range.end);
  // An encoded policy's rules have no place of their own in the host to be numbered at.
  return translators(host).flatMap((t) => {
    const doc = t.policy.doc;
    if (t.encoded) return [];
    return inlayHints(doc, doc.lines.rangeOf(0, doc.text.length))
      .map((hint) => ({ ...hint, position: t.toHostPosition(hint.position) }))
      .filter((hint) => {
        const at = host.lines.offsetAt(hint.position);
        return at >= from && at <= to;
      });
  });
}

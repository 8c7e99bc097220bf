// What a host does to the policies it holds on their way to kube-apiserver (Region.notes: a
// here-document a shell never ends), said as diagnostics at host positions and fixed in the host.
import { CodeActionKind } from 'vscode-languageserver-types';
import type { CodeAction, CodeActionContext, Diagnostic, Range } from 'vscode-languageserver-types';
import type { ServiceSettings } from '../settings';
import { DIAGNOSTIC_SOURCE, SEVERITIES, severityOf } from '../validate/diagnostics';
import type { HostDocument } from './hostDocument';
import type { RegionTranslator } from './translate';

/** What the hosts around the policies do to them (Region.notes), each once: the policies a script
 *  in a here-document writes share what the shell makes of that here-document. */
export function hostNotes(
  host: HostDocument,
  all: readonly RegionTranslator[],
  settings: ServiceSettings,
): Diagnostic[] {
  const said = new Map<string, Diagnostic>();
  for (const t of all) {
    for (const note of t.policy.region.notes ?? []) {
      const severity = severityOf(settings, note.code);
      const key = `${note.start} ${note.end} ${note.code}`;
      if (severity === 'off' || said.has(key)) continue;
      said.set(key, {
        range: { start: host.lines.positionAt(note.start), end: host.lines.positionAt(note.end) },
        severity: SEVERITIES[severity],
        code: note.code,
        source: DIAGNOSTIC_SOURCE,
        message: note.message,
        data: { embeddedAt: t.policy.region.hostPath },
      });
    }
  }
  return [...said.values()];
}

/** The quick fixes of the host notes (Region.notes) whose diagnostics the client sent for `range`. */
export function noteFixes(
  host: HostDocument,
  all: readonly RegionTranslator[],
  range: Range,
  context: CodeActionContext,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const from = host.lines.offsetAt(range.start);
  const to = host.lines.offsetAt(range.end);
  const offered = new Set<number>();
  for (const t of all) {
    for (const note of t.policy.region.notes ?? []) {
      const { fix } = note;
      if (!fix || note.end < from || note.start > to || offered.has(note.start)) continue;
      const diagnostic = context.diagnostics.find(
        (d) => d.code === note.code && host.lines.offsetAt(d.range.start) === note.start,
      );
      if (!diagnostic) continue;
      offered.add(note.start);
      const edit = { range: host.lines.rangeOf(fix.start, fix.end), newText: fix.text };
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [host.uri]: [edit] } },
      });
    }
  }
  return actions;
}

// Host fixtures (test/fixtures/embedded, each written to its tool's documented schema around a
// redistributable corpus policy, see SOURCES.md there) and helpers to read answers in host terms.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createHostDocument, DEFAULT_SETTINGS, hostCodeActions, hostDiagnostics } from '../../../server/src/service';
import type { HostDocument } from '../../../server/src/service';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/embedded');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => /\.(ya?ml|md|erb|mako)$/.test(f) && f !== 'SOURCES.md')
    .sort();
}

export function hostOf(
  name: string,
  text = readFileSync(path.join(FIXTURES, name), 'utf8'),
  forced = false,
): HostDocument {
  return createHostDocument(`file:///fixtures/${name}`, 1, text, undefined, { forced });
}

export function hostText(host: HostDocument, range: Range): string {
  return host.text.slice(host.lines.offsetAt(range.start), host.lines.offsetAt(range.end));
}

/** Errors and warnings as `{ code, text, line, at }`: the underlined host text, its 1-based host line. */
export function findingRows(host: HostDocument): Array<{ code: string; text: string; line: number; at: string }> {
  return hostDiagnostics(host, DEFAULT_SETTINGS, { force: host.forced })
    .filter((d) => (d.severity ?? 1) <= 2)
    .map((d) => ({
      code: String(d.code),
      text: hostText(host, d.range),
      line: d.range.start.line + 1,
      at: String((d.data as { embeddedAt?: string }).embeddedAt ?? ''),
    }));
}

/** Applies LSP edits to a host's or a policy's text (edits must not overlap). */
export function applyEdits(
  doc: { readonly text: string; readonly lines: { offsetAt(position: Position): number } },
  edits: readonly TextEdit[],
): string {
  const sorted = edits
    .map((e) => ({ start: doc.lines.offsetAt(e.range.start), end: doc.lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let text = doc.text;
  for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return text;
}

/** A code action's edits of one document. */
export function editsOf(action: CodeAction, uri: string): TextEdit[] {
  return action.edit?.changes?.[uri] ?? [];
}

/** The host's text after the quick fix titled `title...` of its first `code` finding, or
 *  undefined when there is no such fix. */
export function fixed(h: HostDocument, code: string, title: string): string | undefined {
  const d = hostDiagnostics(h, DEFAULT_SETTINGS).find((x) => x.code === code);
  assert.ok(d, `no ${code} in ${h.uri}`);
  const action = hostCodeActions(h, d.range, { diagnostics: [d] }, DEFAULT_SETTINGS).find((a) =>
    a.title.startsWith(title),
  );
  return action && applyEdits(h, action.edit!.changes![h.uri]);
}

/** The 1-based line of the first occurrence of `needle` in a fixture. */
export function lineOf(name: string, needle: string): number {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`${needle} is not in ${name}`);
  return text.slice(0, at).split('\n').length;
}

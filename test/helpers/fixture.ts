// Inline test documents: `$0` marks the cursor (`|` would be a YAML block scalar), and ranges are
// asserted by the text they cover, never by coordinates.
import { createPolicyDocument, DEFAULT_SETTINGS, validate } from '../../server/src/service';
import type { PolicyDocument, ServiceSettings } from '../../server/src/service';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';

export const CURSOR = '$0';

let counter = 0;

export function doc(text: string): PolicyDocument {
  return createPolicyDocument(`file:///test/doc${++counter}.yaml`, 1, text);
}

/** A document with a `$0` cursor: returns the document without the marker and the cursor position. */
export function docAt(textWithCursor: string): { doc: PolicyDocument; position: Position; offset: number } {
  const offset = textWithCursor.indexOf(CURSOR);
  if (offset === -1) throw new Error('fixture has no $0 cursor');
  const d = doc(textWithCursor.slice(0, offset) + textWithCursor.slice(offset + CURSOR.length));
  return { doc: d, position: d.lines.positionAt(offset), offset };
}

export function rangeText(d: PolicyDocument, range: Range): string {
  return d.text.slice(d.lines.offsetAt(range.start), d.lines.offsetAt(range.end));
}

export function settings(overrides: Partial<ServiceSettings> = {}): ServiceSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

/** Diagnostics as `{ code, text, path }` rows, the form table tests compare against. */
export function diagnose(
  text: string,
  options: { settings?: ServiceSettings; force?: boolean } = {},
): Array<{ code: string; text: string; path: string; severity: string; message: string }> {
  const d = doc(text);
  return validate(d, options.settings ?? DEFAULT_SETTINGS, { force: options.force }).map((x: Diagnostic) => ({
    code: String(x.code),
    text: rangeText(d, x.range),
    path: String((x.data as { path?: string }).path ?? ''),
    severity: ['', 'error', 'warning', 'information', 'hint'][x.severity ?? 1],
    message: typeof x.message === 'string' ? x.message : x.message.value,
  }));
}

/** Joins lines, so fixtures can be written as arrays without fighting template-literal indentation. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

// Small text edits that keep the user's layout: replace one scalar in its own quoting style,
// remove one key with its value, re-indent a key moved to another mapping.
import type { PolicyDocument } from '../document';
import type { MapNode, Pair } from '../parse/model';
import { scanFlow } from './flowScan';
import { nodeAt } from './nodeAt';
import type { NodeHit } from './nodeAt';
import { quoteAs, scalarText } from './yamlText';

export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The text that writes `value` where the scalar `start..end` is, in that scalar's quote style. */
export function scalarReplacement(doc: PolicyDocument, start: number, value: string): string {
  const first = doc.text[start];
  if (first === '"' || first === "'") return quoteAs(value, first);
  return scalarText(value, scanFlow(doc.text, doc.lines, start).frames.length > 0);
}

export function replaceScalar(doc: PolicyDocument, start: number, end: number, value: string): OffsetEdit {
  return { start, end, newText: scalarReplacement(doc, start, value) };
}

/** The key (and its mapping) that starts exactly at `offset`. */
export function pairAt(
  doc: PolicyDocument,
  offset: number,
): { hit: NodeHit; map: MapNode; pair: Pair; index: number } | undefined {
  const hit = nodeAt(doc, offset);
  if (!hit?.isKey) return undefined;
  const map = hit.maps[hit.maps.length - 1];
  const index = map.pairs.findIndex((p) => p.key === hit.node);
  return index === -1 ? undefined : { hit, map, pair: map.pairs[index], index };
}

export function pairEnd(pair: Pair): number {
  return Math.max(pair.key.end, pair.value?.end ?? 0);
}

export function lineOf(doc: PolicyDocument, offset: number): number {
  return doc.lines.positionAt(offset).line;
}

/** Start of the line after the one holding `offset` (the text's end on the last line). */
export function nextLineStart(doc: PolicyDocument, offset: number): number {
  const line = lineOf(doc, offset);
  return line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
}

/** Only white space before `offset` on its line. */
export function startsLine(doc: PolicyDocument, offset: number): boolean {
  return doc.text.slice(doc.lines.lineStart(lineOf(doc, offset)), offset).trim() === '';
}

export function columnOf(doc: PolicyDocument, offset: number): number {
  return offset - doc.lines.lineStart(lineOf(doc, offset));
}

/** Removes one key with its value; undefined when that would leave an empty `- `. */
export function removePair(doc: PolicyDocument, map: MapNode, index: number, base: number): OffsetEdit | undefined {
  const pair = map.pairs[index];
  const start = base + pair.key.start;
  const end = base + pairEnd(pair);
  const next = map.pairs[index + 1];
  if (!map.flow && startsLine(doc, start)) {
    const from = doc.lines.lineStart(lineOf(doc, start));
    const stop = nextLineStart(doc, end);
    // The text's last lines, in a text that ends without a line break: the break before them goes
    // instead, so the text still ends without one (a `|-` scalar or a fence shows one as an empty line).
    if (stop === doc.text.length && !doc.text.endsWith('\n') && from > 0)
      return { start: from - (doc.text.slice(from - 2, from) === '\r\n' ? 2 : 1), end: stop, newText: '' };
    return { start: from, end: stop, newText: '' };
  }
  if (next) return { start, end: base + next.key.start, newText: '' };
  const previous = map.pairs[index - 1];
  if (map.flow && previous) return { start: base + pairEnd(previous), end, newText: '' };
  return undefined;
}

/** The pair's text, with its continuation lines moved from column `from` to column `to`. */
export function pairText(doc: PolicyDocument, pair: Pair, base: number, from: number, to: number): string {
  const text = doc.text.slice(base + pair.key.start, base + pairEnd(pair));
  if (from === to) return text;
  return text
    .split('\n')
    .map((line, i) =>
      i === 0
        ? line
        : to > from
          ? ' '.repeat(to - from) + line
          : line.slice(Math.min(from - to, line.length - line.trimStart().length)),
    )
    .join('\n');
}

/** Inserts whole lines after the line holding `offset`. */
export function insertLinesAfter(doc: PolicyDocument, offset: number, lines: string): OffsetEdit {
  const at = nextLineStart(doc, offset);
  if (at === doc.text.length && !doc.text.endsWith('\n')) return { start: at, end: at, newText: `\n${lines}` };
  return { start: at, end: at, newText: `${lines}\n` };
}

/** New lines in inserted text follow the file: CRLF files get CRLF. */
export function withFileEol(doc: PolicyDocument, text: string): string {
  return text.includes('\n') && doc.text.includes('\r\n') ? text.replace(/\r?\n/g, '\r\n') : text;
}

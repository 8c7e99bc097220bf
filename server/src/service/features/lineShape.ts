// What a line of block YAML holds, read from its text alone: the `- ` item markers, a `key:` and
// where its value starts. Completion works on text that is half typed and often does not parse,
// so it finds its place by indentation, the way a reader of the file does.
import type { LineIndex } from '../text/lineIndex';

export interface LineElement {
  readonly kind: 'dash' | 'key' | 'scalar';
  /** Column (0-based) and document offset of the element's first character. */
  readonly col: number;
  readonly offset: number;
  /** For keys: the key's name (quotes removed), its end offset and the colon's offset. */
  readonly key?: string;
  readonly keyEnd?: number;
  readonly colon?: number;
  /** For keys: the first character after the colon and its spaces; whether a value follows on the line. */
  readonly valueStart?: number;
  readonly hasValue?: boolean;
}

export interface LineShape {
  readonly line: number;
  readonly start: number;
  /** Offset of the line's end, before its line break. */
  readonly end: number;
  /** True for blank and comment-only lines. */
  readonly blank: boolean;
  readonly elements: readonly LineElement[];
}

export function lineShape(text: string, lines: LineIndex, line: number): LineShape {
  const start = lines.lineStart(line);
  const end = lines.lineEnd(line);
  const elements: LineElement[] = [];
  let i = skipSpaces(text, start, end);
  if (i >= end || text[i] === '#') return { line, start, end, blank: true, elements };
  while (i < end && text[i] === '-' && (i + 1 >= end || text[i + 1] === ' ')) {
    elements.push({ kind: 'dash', col: i - start, offset: i });
    i = skipSpaces(text, i + 1, end);
  }
  if (i < end && text[i] !== '#') elements.push(keyOrScalar(text, i, end, start));
  return { line, start, end, blank: false, elements };
}

function keyOrScalar(text: string, i: number, end: number, lineStart: number): LineElement {
  const col = i - lineStart;
  let j = i;
  if (text[i] === '"' || text[i] === "'") {
    j = closingQuote(text, i, end);
    if (j === -1) return { kind: 'scalar', col, offset: i };
    j++;
    while (j < end && text[j] === ' ') j++;
    if (j < end && text[j] === ':' && (j + 1 >= end || text[j + 1] === ' '))
      return keyAt(text, i, j, end, col, unquote(text.slice(i, j).trim()));
    return { kind: 'scalar', col, offset: i };
  }
  if (text[i] === '[' || text[i] === '{') return { kind: 'scalar', col, offset: i };
  for (; j < end; j++) {
    if (text[j] === '#' && text[j - 1] === ' ') break;
    if (text[j] === ':' && (j + 1 >= end || text[j + 1] === ' ' || text[j + 1] === '\t'))
      return keyAt(text, i, j, end, col, text.slice(i, j).trim());
  }
  return { kind: 'scalar', col, offset: i };
}

function keyAt(text: string, start: number, colon: number, end: number, col: number, key: string): LineElement {
  const valueStart = skipSpaces(text, colon + 1, end);
  let keyEnd = colon;
  while (keyEnd > start && text[keyEnd - 1] === ' ') keyEnd--;
  return {
    kind: 'key',
    col,
    offset: start,
    key,
    keyEnd,
    colon,
    valueStart,
    hasValue: valueStart < end && text[valueStart] !== '#',
  };
}

export function skipSpaces(text: string, i: number, end: number): number {
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The offset of the quote closing the one at `open`, or -1 when the line ends first. */
export function closingQuote(text: string, open: number, end: number): number {
  const q = text[open];
  for (let j = open + 1; j < end; j++) {
    if (q === '"' && text[j] === '\\') j++;
    else if (text[j] === q) {
      if (q === "'" && text[j + 1] === "'") j++;
      else return j;
    }
  }
  return -1;
}

export function unquote(raw: string): string {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) return raw.slice(1, -1);
  if (raw[0] === '"' || raw[0] === "'") return raw.slice(1);
  return raw;
}

/** The key that sits exactly at column `col` on this line, if any. */
export function keyAtColumn(shape: LineShape, col: number): LineElement | undefined {
  return shape.elements.find((e) => e.kind === 'key' && e.col === col);
}

const SCAN_LIMIT = 400;

/**
 * The keys of the block mapping whose keys sit at column `col` and which includes line `line`,
 * with the text of each key's value on its own line. Scans up and down until the mapping ends,
 * never more than a few hundred lines.
 */
export function blockMapKeys(
  text: string,
  lines: LineIndex,
  line: number,
  col: number,
  skipLine = -1,
): Map<string, string> {
  const keys = new Map<string, string>();
  const add = (shape: LineShape): void => {
    const key = keyAtColumn(shape, col);
    if (key?.key !== undefined && shape.line !== skipLine)
      keys.set(key.key, key.hasValue ? text.slice(key.valueStart, shape.end) : '');
  };
  for (let l = line, n = 0; l >= 0 && n < SCAN_LIMIT; l--, n++) {
    const shape = lineShape(text, lines, l);
    if (shape.blank) continue;
    const first = shape.elements[0];
    // Deeper lines, and `- ` items at the key column (a compact list under a key above), belong to other keys.
    if (first.col > col || (first.col === col && first.kind === 'dash')) continue;
    if (first.col < col) {
      if (first.kind === 'dash') add(shape); // the item's first line: `- key: value`
      break;
    }
    if (first.kind !== 'key') break;
    add(shape);
  }
  for (let l = line + 1, n = 0; l < lines.lineCount && n < SCAN_LIMIT; l++, n++) {
    const shape = lineShape(text, lines, l);
    if (shape.blank) continue;
    const first = shape.elements[0];
    if (first.col > col || (first.col === col && first.kind === 'dash')) continue;
    if (first.col < col || first.kind !== 'key') break;
    add(shape);
  }
  return keys;
}

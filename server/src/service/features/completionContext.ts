// Where the cursor is, for completion: in which mapping or list, whether a key or a value is being
// typed, in block or flow style, inside quotes or not, and which characters the chosen item
// replaces. Worked out from the text around the cursor, because half-typed text often does not
// parse; the parsed model only tells where the rules list is (see blockPath.ts).
import type { PolicyDocument } from '../document';
import { blockPath } from './blockPath';
import { flowListItems, flowMapKeys, scanFlow } from './flowScan';
import type { FlowFrame } from './flowScan';
import { blockMapKeys, closingQuote, lineShape, skipSpaces, unquote } from './lineShape';
import type { LineElement, LineShape } from './lineShape';
import { ITEM } from './path';

export interface CompletionContext {
  /** `key`: a key of the mapping at `path`; `value`: the value at `path` (ends in a key or `[]`). */
  readonly kind: 'key' | 'value';
  readonly path: string[];
  readonly flow: boolean;
  /** The quote the user opened, kept when inserting. */
  readonly quote?: '"' | "'";
  /** What was typed before the cursor (quote removed). */
  readonly typed: string;
  /** The document range an item replaces. */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** For keys: keys the mapping already has. For values: keys (and value text) of the mapping holding the field. */
  readonly siblings: ReadonlyMap<string, string>;
  /** After `- `: the keys on the lines below, in case the item is a mapping whose first key is being typed. */
  readonly itemKeys?: ReadonlyMap<string, string>;
  /** For list items: the other items of the same list, not offered again. */
  readonly present?: ReadonlySet<string>;
  /** Block keys: the column new lines of a multi-line insert are indented to. */
  readonly column: number;
  /** A key typed where a colon already follows: replace the name only. */
  readonly hasColon: boolean;
  /** The cursor follows a fresh `- ` (a new list item). */
  readonly newItem: boolean;
}

export function completionContext(doc: PolicyDocument, offset: number): CompletionContext | undefined {
  const { text, lines } = doc;
  const line = lines.positionAt(offset).line;
  if (inComment(text, lines.lineStart(line), offset)) return undefined;
  const scan = scanFlow(text, lines, offset);
  if (scan.frames.length > 0) return flowContext(doc, offset, scan.frames, scan.openQuote);
  const shape = lineShape(text, lines, line);
  if (shape.blank || offset <= (shape.elements[0]?.offset ?? shape.end)) return blankContext(doc, shape, offset);
  return blockContext(doc, shape, offset);
}

/** An empty line (or the cursor in its indentation): a new key at the cursor's column. */
function blankContext(doc: PolicyDocument, shape: LineShape, offset: number): CompletionContext {
  const col = offset - shape.start;
  const path = blockPath(doc, shape.line, col, false);
  return {
    kind: 'key',
    path,
    flow: false,
    typed: '',
    replaceStart: offset,
    replaceEnd: offset,
    siblings: blockMapKeys(doc.text, doc.lines, shape.line, col, shape.line),
    column: col,
    hasColon: false,
    newItem: false,
  };
}

function blockContext(doc: PolicyDocument, shape: LineShape, offset: number): CompletionContext | undefined {
  const { text, lines } = doc;
  const els = shape.elements;
  const dashes = els.filter((e) => e.kind === 'dash');
  const last = els[els.length - 1];
  const parentKey = { line: -1, col: -1 };
  const prefixPath = (col: number): string[] =>
    dashes.length > 0
      ? [...blockPath(doc, shape.line, dashes[0].col, true, parentKey), ...dashes.map(() => ITEM)]
      : blockPath(doc, shape.line, col, false);
  /** The keys beside the list field whose item this line is (`nonResourceURLs` beside `verbs`). */
  const fieldSiblings = (): Map<string, string> =>
    parentKey.line >= 0 ? blockMapKeys(text, lines, parentKey.line, parentKey.col) : new Map();
  if (last.kind === 'dash') {
    // `- $0` with nothing after the dash yet.
    const col = offset - shape.start;
    const path = prefixPath(last.col);
    const present = blockListItems(doc, shape, last.col);
    return {
      ...valueAt(text, offset, offset, shape.end, false),
      kind: 'value',
      path,
      flow: false,
      siblings: fieldSiblings(),
      itemKeys: keysBelow(doc, shape, col),
      present,
      column: col,
      hasColon: false,
      newItem: true,
    };
  }
  // `- system:$0` is a value being typed (`system:nodes`), not a key.
  const typingColon =
    last.kind === 'key' && dashes.length > 0 && offset === (last.colon as number) + 1 && offset === shape.end;
  /** `- sys$0`: an item of a list (of strings, or of mappings whose first key is being typed). */
  const listItem = (): CompletionContext => {
    const path = prefixPath(last.col);
    const present = blockListItems(doc, shape, dashes[dashes.length - 1].col);
    return {
      ...valueAt(text, last.offset, offset, shape.end, false),
      kind: 'value',
      path,
      flow: false,
      siblings: fieldSiblings(),
      itemKeys: keysBelow(doc, shape, last.col),
      present,
      column: last.col,
      hasColon: false,
      newItem: true,
    };
  };
  if (typingColon) return listItem();
  if (last.kind === 'key' && offset > (last.colon as number)) {
    const path = [...prefixPath(last.col), last.key as string];
    const siblings = blockMapKeys(text, lines, shape.line, last.col);
    return {
      ...valueAt(text, last.valueStart as number, offset, shape.end, false),
      kind: 'value',
      path,
      flow: false,
      siblings,
      column: last.col,
      hasColon: false,
      newItem: false,
    };
  }
  if (last.kind === 'key' || !looksQuotedOrItem(last, dashes.length)) {
    // A key being typed: `lev$0`, `lev$0el: None`, or a plain word on its own line.
    const end = last.kind === 'key' ? (last.keyEnd as number) : wordEnd(text, offset, shape.end);
    const quoted = text[last.offset] === '"' || text[last.offset] === "'";
    const siblings = blockMapKeys(text, lines, shape.line, last.col, shape.line);
    if (dashes.length > 0) for (const [k, v] of blockMapKeys(text, lines, shape.line + 1, last.col)) siblings.set(k, v);
    if (last.key !== undefined) siblings.delete(last.key); // the key being replaced may be chosen again
    return {
      kind: 'key',
      path: prefixPath(last.col),
      flow: false,
      typed: text.slice(last.offset + (quoted ? 1 : 0), offset),
      replaceStart: last.offset,
      replaceEnd: Math.max(end, offset),
      siblings,
      column: last.col,
      hasColon: last.kind === 'key',
      newItem: dashes.length > 0,
      ...(quoted ? { quote: text[last.offset] as '"' | "'" } : {}),
    };
  }
  return listItem();
}

/** The other scalar items of the block list whose `- ` markers sit at column `dashCol`. */
function blockListItems(doc: PolicyDocument, shape: LineShape, dashCol: number): Set<string> {
  const items = new Set<string>();
  const visit = (l: number): boolean => {
    const other = lineShape(doc.text, doc.lines, l);
    if (other.blank) return true;
    const first = other.elements[0];
    if (first.col > dashCol) return true;
    if (first.col < dashCol || first.kind !== 'dash') return false;
    const value = other.elements[1];
    if (value?.kind === 'scalar')
      items.add(
        unquote(
          doc.text
            .slice(value.offset, other.end)
            .replace(/\s+#.*$/, '')
            .trim(),
        ),
      );
    return true;
  };
  for (let l = shape.line - 1, n = 0; l >= 0 && n < 400 && visit(l); l--, n++);
  for (let l = shape.line + 1, n = 0; l < doc.lines.lineCount && n < 400 && visit(l); l++, n++);
  return items;
}

/** Keys of a list item's mapping on the lines after its `- ` line (used when the item turns out to be a mapping). */
function keysBelow(doc: PolicyDocument, shape: LineShape, col: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (let l = shape.line + 1; l < doc.lines.lineCount && l < shape.line + 400; l++) {
    const next = lineShape(doc.text, doc.lines, l);
    if (next.blank) continue;
    const first = next.elements[0];
    if (first.col > col) continue;
    if (first.col < col || first.kind !== 'key') break;
    keys.set(first.key as string, first.hasValue ? doc.text.slice(first.valueStart, next.end) : '');
  }
  return keys;
}

/** Whether a `#` that starts a comment stands between the line's start and the cursor. */
function inComment(text: string, lineStart: number, offset: number): boolean {
  let quote = '';
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if ((c === '"' || c === "'") && (i === lineStart || /[\s[{,:-]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]))) return true;
  }
  return false;
}

/** A scalar after `- ` is a list item; a bare word on its own line is a key being typed. */
function looksQuotedOrItem(el: LineElement, dashes: number): boolean {
  return dashes > 0 || el.kind !== 'scalar';
}

function flowContext(
  doc: PolicyDocument,
  offset: number,
  frames: readonly FlowFrame[],
  openQuote?: { char: '"' | "'"; offset: number },
): CompletionContext | undefined {
  const { text, lines } = doc;
  const outer = frames[0];
  const line = lines.positionAt(outer.offset).line;
  const shape = lineShape(text, lines, line);
  const before = shape.elements.filter((e) => e.offset < outer.offset && e.kind !== 'scalar');
  const dashes = before.filter((e) => e.kind === 'dash');
  const key = before.find((e) => e.kind === 'key' && (e.valueStart as number) <= outer.offset);
  const path: string[] =
    dashes.length > 0
      ? [...blockPath(doc, line, dashes[0].col, true), ...dashes.map(() => ITEM)]
      : key
        ? blockPath(doc, line, key.col, false)
        : [];
  if (key) path.push(key.key as string);
  let siblings: ReadonlyMap<string, string> = key ? blockMapKeys(text, lines, line, key.col) : new Map();
  const inner = frames[frames.length - 1];
  for (const frame of frames) {
    if (frame.open === '[') path.push(ITEM);
    else if (frame !== inner || frame.key !== undefined) {
      siblings = flowMapKeys(text, frame.offset);
      if (frame.key !== undefined) path.push(frame.key);
    }
  }
  const lineEnd = lines.lineEnd(lines.positionAt(offset).line);
  if (inner.open === '{' && inner.key === undefined) {
    const start = skipSpaces(text, inner.entryStart, offset);
    const quoted = text[start] === '"' || text[start] === "'";
    const keys = flowMapKeys(text, inner.offset);
    const typed = text.slice(start + (quoted ? 1 : 0), offset);
    keys.delete(typed);
    const end = flowTokenEnd(text, offset, lineEnd);
    return {
      kind: 'key',
      path,
      flow: true,
      typed,
      replaceStart: start,
      replaceEnd: end,
      siblings: keys,
      column: 0,
      hasColon:
        text.slice(offset, lineEnd).trimStart().startsWith(':') || /^[^,\]}]*:/.test(text.slice(offset, end + 1)),
      newItem: false,
      ...(quoted ? { quote: text[start] as '"' | "'" } : {}),
    };
  }
  const start = openQuote
    ? openQuote.offset
    : skipSpaces(text, inner.open === '{' ? (inner.valueStart as number) : inner.entryStart, offset);
  const present = inner.open === '[' ? flowListItems(text, inner.offset, offset) : undefined;
  return {
    ...valueAt(text, start, offset, lineEnd, true),
    kind: 'value',
    path,
    flow: true,
    siblings,
    ...(present ? { present } : {}),
    column: 0,
    hasColon: false,
    newItem: false,
  };
}

/** The scalar that starts at `start` and holds the cursor: what was typed, its quote, its end. */
function valueAt(
  text: string,
  valueStart: number,
  offset: number,
  lineEnd: number,
  flow: boolean,
): Pick<CompletionContext, 'typed' | 'replaceStart' | 'replaceEnd' | 'quote'> {
  // The cursor may sit before where the value starts (`key:$0 value`): the value begins there.
  const start = Math.min(valueStart, offset);
  const first = text[start];
  if ((first === '"' || first === "'") && start < offset) {
    const close = closingQuote(text, start, lineEnd);
    return {
      typed: text.slice(start + 1, offset),
      replaceStart: start,
      replaceEnd: close === -1 ? (flow ? flowTokenEnd(text, offset, lineEnd) : offset) : close + 1,
      quote: first,
    };
  }
  const end = flow ? flowTokenEnd(text, offset, lineEnd) : blockValueEnd(text, offset, lineEnd);
  return { typed: text.slice(start, offset), replaceStart: start, replaceEnd: Math.max(end, offset) };
}

function flowTokenEnd(text: string, offset: number, lineEnd: number): number {
  let i = offset;
  while (i < lineEnd && !/[,\]}#:]/.test(text[i])) i++;
  while (i > offset && text[i - 1] === ' ') i--;
  return i;
}

function blockValueEnd(text: string, offset: number, lineEnd: number): number {
  let i = offset;
  while (i < lineEnd && !(text[i] === '#' && text[i - 1] === ' ')) i++;
  while (i > offset && text[i - 1] === ' ') i--;
  return i;
}

function wordEnd(text: string, offset: number, lineEnd: number): number {
  let i = offset;
  while (i < lineEnd && /[^\s:#]/.test(text[i])) i++;
  return i;
}

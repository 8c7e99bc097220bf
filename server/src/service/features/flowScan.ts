// Reads flow collections (`verbs: [get, $0]`, `resources: [{group: apps, resources: [$0]}]`)
// from the text before the cursor: which brackets are still open there, and for a flow mapping
// which key the cursor is the value of. Quoted strings and comments are skipped.
import type { LineIndex } from '../text/lineIndex';
import { lineEndAt } from '../text/lines';
import { closingQuote, unquote } from './lineShape';

export interface FlowFrame {
  readonly open: '[' | '{';
  readonly offset: number;
  /** Where the entry the cursor is in starts (after the bracket or the last comma). */
  entryStart: number;
  /** In a flow mapping: the key of the current entry once its colon was seen. */
  key?: string;
  valueStart?: number;
}

export interface FlowScan {
  /** Open brackets at the cursor, outermost first; empty in block context. */
  readonly frames: readonly FlowFrame[];
  /** A quote that is open at the cursor: its character and offset. */
  readonly openQuote?: { readonly char: '"' | "'"; readonly offset: number };
}

const MAX_CONTINUATION_LINES = 50;

/** Scans from the start of the statement holding `offset` (a flow collection may span lines). */
export function scanFlow(text: string, lines: LineIndex, offset: number): FlowScan {
  let line = lines.positionAt(offset).line;
  for (let n = 0; n < MAX_CONTINUATION_LINES && line > 0; n++) {
    const previous = previousContentLine(text, lines, line);
    if (previous === undefined || !/[[{,]$/.test(previous.content)) break;
    line = previous.line;
  }
  return scan(text, lines.lineStart(line), offset);
}

function previousContentLine(
  text: string,
  lines: LineIndex,
  line: number,
): { line: number; content: string } | undefined {
  for (let l = line - 1; l >= 0; l--) {
    const content = stripComment(text.slice(lines.lineStart(l), lines.lineEnd(l))).trim();
    if (content !== '') return { line: l, content };
  }
  return undefined;
}

function stripComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash === -1 ? line : line.slice(0, hash);
}

function scan(text: string, from: number, to: number): FlowScan {
  const frames: FlowFrame[] = [];
  let tokenStart = true; // a quote opens a string only where a value can start
  for (let i = from; i < to; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && tokenStart) {
      const close = closingQuote(text, i, to);
      if (close === -1) return { frames, openQuote: { char: c, offset: i } };
      i = close;
      tokenStart = false;
      continue;
    }
    if (c === '#' && (i === from || /\s/.test(text[i - 1]))) {
      const nl = lineEndAt(text, i);
      if (nl === text.length || nl >= to) break;
      i = nl;
      tokenStart = true;
      continue;
    }
    const top = frames[frames.length - 1];
    if (c === '[' || c === '{') frames.push({ open: c, offset: i, entryStart: i + 1 });
    else if ((c === ']' || c === '}') && top) frames.pop();
    else if (c === ',' && top) {
      top.entryStart = i + 1;
      top.key = undefined;
      top.valueStart = undefined;
    } else if (
      c === ':' &&
      top?.open === '{' &&
      top.key === undefined &&
      (i + 1 >= to || /[\s,\]}]/.test(text[i + 1]))
    ) {
      top.key = unquote(text.slice(top.entryStart, i).trim());
      top.valueStart = i + 1;
    }
    tokenStart = /[\s[{,:-]/.test(c);
  }
  return { frames };
}

interface FlowEntry {
  readonly start: number;
  readonly end: number;
  /** The entry's `key:` colon, or -1. */
  readonly colon: number;
}

/** The top-level entries of the flow collection opened at `open` (the whole of it, also after the cursor). */
function flowEntries(text: string, open: number, limit = 4000): FlowEntry[] {
  const entries: FlowEntry[] = [];
  let depth = 0;
  let start = open + 1;
  let colon = -1;
  const end = Math.min(text.length, open + limit);
  const finish = (at: number): void => {
    entries.push({ start, end: at, colon });
    start = at + 1;
    colon = -1;
  };
  for (let i = open + 1; i < end; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = closingQuote(text, i, end);
      if (close === -1) break;
      i = close;
    } else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (c === ']' || c === '}') {
      finish(i);
      break;
    } else if (depth === 0 && c === ',') finish(i);
    else if (depth === 0 && c === ':' && colon === -1 && /[\s,\]}]/.test(text[i + 1] ?? ' ')) colon = i;
  }
  return entries;
}

/** The keys of the flow mapping opened at `open`, with their values' text. */
export function flowMapKeys(text: string, open: number): Map<string, string> {
  const keys = new Map<string, string>();
  for (const e of flowEntries(text, open)) {
    if (e.colon !== -1) keys.set(unquote(text.slice(e.start, e.colon).trim()), text.slice(e.colon + 1, e.end).trim());
  }
  return keys;
}

/** The items of the flow list opened at `open` (quotes removed), except the one holding `skip`. */
export function flowListItems(text: string, open: number, skip: number): Set<string> {
  const items = new Set<string>();
  for (const e of flowEntries(text, open)) {
    const item = unquote(text.slice(e.start, e.end).trim());
    if (item !== '' && !(skip >= e.start && skip <= e.end)) items.add(item);
  }
  return items;
}

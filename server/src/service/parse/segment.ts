// Finds where each item of the top-level `rules` block list starts and ends, by looking at
// indentation only. This lets the parser parse each rule's text on its own and reuse the result
// while the user edits another rule: re-parsing a 5,000-rule file takes over a second, one rule
// well under a millisecond. When the layout is anything but the plain block form (flow-style
// rules, tabs, directives, anchors, several `rules:` keys), it returns undefined and the whole
// document is parsed at once, which is always correct.

import { hasLoneCarriageReturn, lineSpans } from '../text/lines';
import type { TextChange } from '../text/textChange';

export interface Segments {
  /** Offset where the first rule item's line starts: everything before is the header. */
  readonly headerEnd: number;
  /** Item spans: from the start of the line holding the item's `-` to the start of the next item. */
  readonly items: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  /** The rest of the first document after the rules (other top-level keys), possibly empty. */
  readonly trailer: { readonly start: number; readonly end: number };
  /** Where the first document ends (a `---` or `...` line, or the end of the text). */
  readonly firstDocumentEnd: number;
  /** The column of the top-level keys and of the items' `-`. */
  readonly topIndent: number;
  readonly itemIndent: number;
}

/** One line of the text. Its content is sliced only when a check needs it: most lines of a large
 *  policy are judged by their first two characters, and this scan runs on every keystroke. */
class Line {
  constructor(
    private readonly text: string,
    readonly start: number,
    readonly end: number, // before the line break
    readonly next: number, // start of the next line
    readonly indent: number,
  ) {}

  /** The line without its indentation and line break. */
  get content(): string {
    return this.text.slice(this.start + this.indent, this.end);
  }

  /** The character code at `i` of the content (NaN past its end). */
  char(i: number): number {
    const at = this.start + this.indent + i;
    return at < this.end ? this.text.charCodeAt(at) : NaN;
  }

  get blankOrComment(): boolean {
    return this.start + this.indent >= this.end || this.char(0) === 35; // '#'
  }

  /** `-` followed by a space or the end of the line: a block sequence item. */
  get itemStart(): boolean {
    return this.char(0) === 45 && (this.start + this.indent + 1 === this.end || this.char(1) === 32);
  }
}

const RULES_KEY = /^rules[ ]*:[ ]*(#.*)?$/;

export function segmentRules(text: string): Segments | undefined {
  // A byte-order mark is dropped at the start of a document but is content anywhere else, so a
  // fragment that starts with one would read differently from the whole text.
  if (text.includes('\ufeff')) return undefined;
  // A lone CR ends a line for LSP (and for kube-apiserver) but is content to `yaml`: only the
  // whole-document parse reads such a text the way `yaml` does.
  if (hasLoneCarriageReturn(text)) return undefined;
  let topIndent = -1;
  let rulesLine: Line | undefined;
  let pos = 0;
  // Header: up to and including the `rules:` line.
  for (const line of lines(text, 0)) {
    pos = line.next;
    if (line.content.startsWith('\t') || line.content.startsWith('%')) return undefined;
    if (isBlankOrComment(line.content)) continue;
    if (isDocumentMarker(line)) {
      if (topIndent === -1 && line.content === '---') continue; // a leading `---` is harmless
      return undefined; // the first document ended before its rules: nothing to segment
    }
    if (topIndent === -1) {
      if (!/^["'A-Za-z_]/.test(line.content)) return undefined; // JSON, flow map, or not a map at all
      topIndent = line.indent;
    }
    if (line.indent === topIndent && RULES_KEY.test(line.content)) {
      rulesLine = line;
      break;
    }
  }
  if (!rulesLine) return undefined;

  const items: Array<{ start: number; end: number }> = [];
  let itemIndent = -1;
  let trailerStart = -1;
  let firstDocumentEnd = text.length;
  // The rules run to the end of the file and this loop runs on every keystroke: lines are read in
  // place, their content sliced only for the rare line that may be a `rules:` key or a marker.
  for (let start = pos, next: number; start < text.length; start = next) {
    const nl = text.indexOf('\n', start);
    next = nl === -1 ? text.length : nl + 1;
    // No lone CR is left (checked above): a CR here is the first half of a CRLF.
    const end = nl === -1 ? text.length : nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent < end ? text.charCodeAt(start + indent) : NaN;
    if (first === 9) return undefined; // a tab
    if (indent === 0 && (first === 45 || first === 46) && isMarker(text.slice(start, end))) {
      firstDocumentEnd = start;
      break;
    }
    if (Number.isNaN(first) || first === 35) continue; // blank or a comment
    const itemStart = first === 45 && (start + indent + 1 === end || text.charCodeAt(start + indent + 1) === 32);
    const rulesKey = first === 114 && RULES_KEY.test(text.slice(start + indent, end));
    if (itemIndent === -1) {
      if (indent < topIndent || !itemStart) return undefined;
      itemIndent = indent;
    }
    if (trailerStart !== -1) {
      if (indent <= topIndent && rulesKey) return undefined; // a second `rules:`
      continue;
    }
    if (indent === itemIndent && itemStart) {
      if (items.length > 0) items[items.length - 1].end = start;
      items.push({ start, end: -1 });
    } else if (indent <= itemIndent) {
      if (rulesKey) return undefined; // a second `rules:`
      // A key after the rules must sit at the top-level column; anything else is a syntax error
      // (or a different structure) that only the whole-document parse reports correctly.
      if (indent !== topIndent) return undefined;
      trailerStart = start;
    }
  }
  if (items.length === 0) return undefined;
  const last = items[items.length - 1];
  last.end = trailerStart !== -1 ? trailerStart : firstDocumentEnd;
  const trailer =
    trailerStart !== -1 ? { start: trailerStart, end: firstDocumentEnd } : { start: last.end, end: last.end };
  return { headerEnd: items[0].start, items, trailer, firstDocumentEnd, topIndent, itemIndent };
}

/** The segments of `text` from those of the version before it (`previous`, segmented as `was`),
 *  when the change lies inside one rule item, after its `- `, and every line it touches below the
 *  item's first line, in both versions, continues that item (blank, a comment, or indented deeper
 *  than the items): then no boundary moved, and the spans after it only shift. Undefined when that
 *  cannot be shown. */
export function segmentsAfterChange(
  previous: string,
  was: Segments,
  text: string,
  change: TextChange,
): Segments | undefined {
  const { items } = was;
  const item = items[upperBound(items, change.start) - 1];
  if (!item || change.oldEnd >= item.end) return undefined;
  const inserted = text.slice(change.start, change.newEnd);
  // A lone CR or a byte-order mark makes the whole text unsegmentable (segmentRules).
  if (inserted.includes('\r') || inserted.includes('\ufeff')) return undefined;
  if (text.charCodeAt(change.start - 1) === 13 && text.charCodeAt(change.start) !== 10) return undefined;
  // On the item's first line the change must leave its `- ` alone; the lines it touches below must
  // continue the item, in both versions.
  const firstLineEnd = previous.indexOf('\n', item.start);
  const onFirstLine = firstLineEnd === -1 || change.start <= firstLineEnd;
  if (onFirstLine && change.start < item.start + was.itemIndent + 2) return undefined;
  const below = (t: string): number => {
    if (!onFirstLine) return lineStartOf(t, change.start);
    const nl = t.indexOf('\n', item.start);
    return nl === -1 ? t.length + 1 : nl + 1;
  };
  if (!continues(previous, below(previous), change.oldEnd, was) || !continues(text, below(text), change.newEnd, was))
    return undefined;
  const delta = change.newEnd - change.oldEnd;
  // A replacement of as many characters (most keystrokes) moves nothing: the same spans serve.
  if (delta === 0) return was;
  const move = (at: number): number => (at > change.start ? at + delta : at);
  return {
    ...was,
    items: items.map((span) => (span.end <= change.start ? span : { start: move(span.start), end: move(span.end) })),
    trailer: { start: move(was.trailer.start), end: move(was.trailer.end) },
    firstDocumentEnd: move(was.firstDocumentEnd),
  };
}

/** Whether every line that starts from `from` (a line start) to `to` continues a rule item. */
function continues(text: string, from: number, to: number, segments: Segments): boolean {
  for (let start = from; start <= to && start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const first = start + indent < end ? text.charCodeAt(start + indent) : NaN;
    const blank = Number.isNaN(first) || first === 13 || first === 35;
    if (first === 9 || (!blank && indent <= segments.itemIndent)) return false;
    if (nl === -1) break;
    start = nl + 1;
  }
  return true;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The number of spans starting at or before `offset`. */
function upperBound(spans: ReadonlyArray<{ readonly start: number }>, offset: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (spans[mid].start <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

function* lines(text: string, from: number): Generator<Line> {
  for (const { start, end, next } of lineSpans(text, from)) {
    if (start >= text.length) return;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    yield new Line(text, start, end, next, indent);
  }
}

/** Only spaces were stripped as indentation; other white space (form feed, CR, NBSP) is content to `yaml`. */
function isBlankOrComment(content: string): boolean {
  return content.length === 0 || content.startsWith('#');
}

/** `---` at column 0 (content may follow it), or `...` alone or with a comment: `... x` is a
 *  syntax error inside the first document, which only the whole-document parse reports. */
function isDocumentMarker(line: Line): boolean {
  return line.indent === 0 && (line.char(0) === 45 || line.char(0) === 46) && isMarker(line.content);
}

/** Whether a line at column 0 is a `---` or `...` marker. */
function isMarker(content: string): boolean {
  // YAML white space is space and tab only: `---\f` is not a marker.
  return /^---([ \t]|$)/.test(content) || /^\.\.\.([ \t]*$|[ \t]+#)/.test(content);
}

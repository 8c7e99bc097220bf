// A fast reader for the common shape of one rule item: block mappings and sequences, one-line
// flow lists and mappings, plain and quoted scalars, comments. The `yaml` package needs about
// 0.2 ms and much garbage per rule; this reads a typical rule in a few microseconds, which is
// what makes opening a 5,000-rule policy fast.
//
// It is deliberately narrow: whenever the text uses anything else (anchors, tags, block scalars,
// multi-line scalars, escapes, a plain scalar that YAML 1.1 could read as a number, boolean,
// null or timestamp, ...) it gives up and the caller uses the `yaml` package for that rule. What
// it does accept, it must read exactly as `yaml` + convert.ts do, offsets included; a property
// test compares the two on real and generated policies.
import { lineEndAt, lineSpans } from '../text/lines';
import type { MapNode, Node, Pair, ScalarNode, SeqNode } from './model';
import { compact } from './compact';
import { interned } from './interned';

/** Reads `text` (one `- ...` item of the rules list, indentation kept) or returns undefined. */
export function fastParseRuleItem(text: string): Node | undefined {
  try {
    return new FastReader(text).readItem();
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

const GIVE_UP = new Error('not in the fast subset');

/** Real policies indent a few columns and nest flow lists once. Deeper text is left to the readers
 *  whose trees stop at TREE_DEPTH whatever the stack (a block level takes a column at least, so this
 *  reader's trees stay above it); this reader's recursion would reach as deep as the stack lets it. */
const MAX_INDENT = 128;
const MAX_FLOW_DEPTH = 32;

interface Line {
  readonly start: number;
  /** Offset after the last non-space character of the line, comment included. */
  readonly end: number;
  readonly indent: number;
  /** Blank or only a comment. */
  readonly empty: boolean;
}

/** Plain words YAML 1.1 reads as booleans (the `yaml` package's yaml-1.1 schema, as go-yaml v2). */
const TRUE_WORDS = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE_WORDS = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const NULL_WORDS = /^(?:[Nn]ull|NULL)$/;
/** A plain scalar that can only be a string: it starts with a letter, `/` or `_`. */
const SAFE_PLAIN_START = /[A-Za-z_/]/;
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Tabs (a separator after `:`), CR, control characters and Unicode line breaks: yaml's business. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNUSUAL_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

class FastReader {
  private readonly lines: Line[] = [];
  /** How many flow collections the one being read is in, itself included. */
  private flowDepth = 0;

  constructor(private readonly text: string) {
    if (UNUSUAL_CHARACTERS.test(text)) throw GIVE_UP;
    for (const line of lineSpans(text)) {
      const start = line.start;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      const first = text.charCodeAt(start + indent);
      let end = line.end;
      while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
      this.lines.push({ start, end, indent, empty: start + indent >= end || first === 35 /* # */ });
    }
  }

  readItem(): Node {
    const first = this.lines[0];
    if (!first || first.empty || this.text.charCodeAt(first.start + first.indent) !== 45 /* - */) throw GIVE_UP;
    const { node, next } = this.readSeqItem(0, first.indent);
    if (this.nextContent(next) !== -1) throw GIVE_UP; // more content after the item
    // yaml stretches the item's range over trailing comments indented past its `-`.
    this.rejectCommentsAfter(next - 1, this.lines.length, first.indent + 1);
    return node;
  }

  private nextContent(from: number): number {
    for (let i = from; i < this.lines.length; i++) if (!this.lines[i].empty) return i;
    return -1;
  }

  /** The item whose `-` is at column `col` of line `li`. */
  private readSeqItem(li: number, col: number): { node: Node; next: number } {
    if (col > MAX_INDENT) throw GIVE_UP;
    const line = this.lines[li];
    const dash = line.start + col;
    const after = this.text.charCodeAt(dash + 1);
    if (dash + 1 < line.end && after !== 32) throw GIVE_UP;
    let pos = dash + 1;
    while (pos < line.end && this.text.charCodeAt(pos) === 32) pos++;
    if (pos >= line.end || this.text.charCodeAt(pos) === 35) throw GIVE_UP; // `-` alone: rare, leave it to yaml
    const keyEnd = this.keyAt(pos, line.end);
    if (keyEnd !== -1) return this.readBlockMap(li, pos - line.start, pos);
    return this.readInlineValue(li, pos, col);
  }

  /** If a plain key followed by `:` and a space (or end of line) starts at `pos`, the colon's offset. */
  private keyAt(pos: number, lineEnd: number): number {
    let i = pos;
    while (i < lineEnd) {
      const c = this.text.charCodeAt(i);
      if (c === 58 /* : */) {
        const next = this.text.charCodeAt(i + 1);
        if (i + 1 >= lineEnd || next === 32) return KEY.test(this.text.slice(pos, i)) ? i : -1;
      }
      if (c === 32 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35) return -1;
      i++;
    }
    return -1;
  }

  /** A block mapping whose keys are at column `col`; the first key starts at `firstKey` on line `li`. */
  private readBlockMap(li: number, col: number, firstKey: number): { node: MapNode; next: number } {
    if (col > MAX_INDENT) throw GIVE_UP;
    const pairs: Pair[] = [];
    let line = li;
    let keyStart = firstKey;
    let lastLine: number;
    for (;;) {
      const lineInfo = this.lines[line];
      const colon = this.keyAt(keyStart, lineInfo.end);
      if (colon === -1) throw GIVE_UP;
      const key = this.plainScalar(keyStart, colon, true);
      const { node: value, next, last } = this.readMapValue(line, colon, col);
      pairs.push({ key, value });
      lastLine = last;
      const following = this.nextContent(next);
      if (following === -1) {
        line = -1;
        break;
      }
      const f = this.lines[following];
      if (f.indent < col || this.text.charCodeAt(f.start + f.indent) === 45) {
        line = following;
        break; // the mapping ends; a `-` at its column belongs to an enclosing sequence
      }
      if (f.indent > col) throw GIVE_UP;
      if (this.hasCommentBetween(lastLine, following, col + 1)) throw GIVE_UP; // may extend a nested range
      line = following;
      keyStart = f.start + f.indent;
    }
    // A comment right after the mapping at its key column or deeper may belong to its range.
    this.rejectCommentsAfter(lastLine, line === -1 ? this.lines.length : line, col);
    return {
      node: {
        kind: 'map',
        pairs: compact(pairs),
        flow: false,
        start: firstKey,
        end: collectionEnd(this.lines[lastLine], pairs[pairs.length - 1].value),
      },
      next: lastLine + 1,
    };
  }

  /** The value after `key:` (colon at `colon` on line `li`); the key is at column `keyCol`. */
  private readMapValue(li: number, colon: number, keyCol: number): { node: Node; next: number; last: number } {
    const line = this.lines[li];
    let pos = colon + 1;
    while (pos < line.end && this.text.charCodeAt(pos) === 32) pos++;
    if (pos < line.end && this.text.charCodeAt(pos) !== 35) {
      const { node } = this.readInlineValue(li, pos, keyCol);
      return { node, next: li + 1, last: li };
    }
    if (pos < line.end) throw GIVE_UP; // `key: # comment`: where yaml puts the null is not worth guessing
    const lineBreak = this.lineBreakAfter(colon);
    if (lineBreak === -1) throw GIVE_UP;
    const following = this.nextContent(li + 1);
    if (following !== -1) {
      const f = this.lines[following];
      const isDash = this.text.charCodeAt(f.start + f.indent) === 45;
      if (f.indent > keyCol || (f.indent === keyCol && isDash)) {
        if (isDash) {
          const seq = this.readBlockSeq(following, f.indent);
          return { node: seq.node, next: seq.next, last: seq.next - 1 };
        }
        const map = this.readBlockMap(following, f.indent, f.start + f.indent);
        return { node: map.node, next: map.next, last: map.next - 1 };
      }
    }
    // yaml places an empty value at the end of the line, after any trailing spaces.
    return { node: nullScalar(lineBreak), next: li + 1, last: li };
  }

  private readBlockSeq(li: number, col: number): { node: SeqNode; next: number } {
    const items: Node[] = [];
    let line = li;
    let lastLine: number;
    for (;;) {
      const { node, next } = this.readSeqItem(line, col);
      items.push(node);
      lastLine = next - 1;
      const following = this.nextContent(next);
      if (following === -1) break;
      const f = this.lines[following];
      if (f.indent < col) break;
      if (f.indent > col || this.text.charCodeAt(f.start + f.indent) !== 45) {
        if (f.indent === col) break; // a key at the sequence's column: the parent mapping goes on
        throw GIVE_UP;
      }
      if (this.hasCommentBetween(lastLine, following, col + 1)) throw GIVE_UP; // may extend the previous item
      line = following;
    }
    const after = this.nextContent(lastLine + 1);
    this.rejectCommentsAfter(lastLine, after === -1 ? this.lines.length : after, col + 1);
    const first = this.lines[li];
    return {
      node: {
        kind: 'seq',
        items: compact(items),
        flow: false,
        start: first.start + col,
        end: collectionEnd(this.lines[lastLine], items[items.length - 1]),
      },
      next: lastLine + 1,
    };
  }

  /** A value that starts at `pos` and ends on the same line. */
  private readInlineValue(li: number, pos: number, parentCol: number): { node: Node; next: number } {
    const line = this.lines[li];
    const c = this.text.charCodeAt(pos);
    let node: Node;
    let end: number;
    if (c === 91 /* [ */ || c === 123 /* { */) {
      const flow = this.readFlow(pos, line.end);
      node = flow.node;
      end = flow.end;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      node = this.quoted(pos, line.end);
      end = node.end;
    } else {
      const valueEnd = this.plainEnd(pos, line.end, false);
      node = this.plainScalar(pos, valueEnd, false);
      end = valueEnd;
      const following = this.nextContent(li + 1);
      // a multi-line plain scalar
      if (following !== -1 && this.lines[following].indent > parentCol && following === li + 1) throw GIVE_UP;
    }
    this.expectLineRest(end, line.end);
    return { node, next: li + 1 };
  }

  /** After a value only spaces and a comment may follow on the line. */
  private expectLineRest(pos: number, lineEnd: number): void {
    let i = pos;
    while (i < lineEnd && this.text.charCodeAt(i) === 32) i++;
    if (i < lineEnd && !(this.text.charCodeAt(i) === 35 && i > pos)) throw GIVE_UP;
  }

  private readFlow(pos: number, lineEnd: number): { node: Node; end: number } {
    if (++this.flowDepth > MAX_FLOW_DEPTH) throw GIVE_UP;
    const open = this.text.charCodeAt(pos);
    const isSeq = open === 91;
    const close = isSeq ? 93 : 125;
    const items: Node[] = [];
    const pairs: Pair[] = [];
    let i = this.skipSpaces(pos + 1, lineEnd);
    while (this.text.charCodeAt(i) !== close) {
      if (i >= lineEnd) throw GIVE_UP;
      if (isSeq) {
        const item = this.flowValue(i, lineEnd);
        items.push(item.node);
        i = item.end;
      } else {
        const keyEnd = this.plainEnd(i, lineEnd, true);
        if (this.text.charCodeAt(keyEnd) !== 58 || this.text.charCodeAt(keyEnd + 1) !== 32) throw GIVE_UP;
        const key = this.plainScalar(i, keyEnd, true);
        const value = this.flowValue(this.skipSpaces(keyEnd + 1, lineEnd), lineEnd);
        pairs.push({ key, value: value.node });
        i = value.end;
      }
      i = this.skipSpaces(i, lineEnd);
      const c = this.text.charCodeAt(i);
      if (c === 44 /* , */) i = this.skipSpaces(i + 1, lineEnd);
      else if (c !== close) throw GIVE_UP;
    }
    const end = i + 1;
    this.flowDepth--;
    const node: Node = isSeq
      ? { kind: 'seq', items: compact(items), flow: true, start: pos, end }
      : { kind: 'map', pairs: compact(pairs), flow: true, start: pos, end };
    return { node, end };
  }

  private flowValue(pos: number, lineEnd: number): { node: Node; end: number } {
    const c = this.text.charCodeAt(pos);
    if (c === 91 || c === 123) return this.readFlow(pos, lineEnd);
    if (c === 34 || c === 39) {
      const node = this.quoted(pos, lineEnd);
      if (this.text.charCodeAt(this.skipSpaces(node.end, lineEnd)) === 58) throw GIVE_UP; // a pair inside a list
      return { node, end: node.end };
    }
    const end = this.plainEnd(pos, lineEnd, true);
    if (this.text.charCodeAt(end) === 58) throw GIVE_UP; // `a: b` inside a flow list is a pair
    return { node: this.plainScalar(pos, end, false), end };
  }

  /** Where a plain scalar starting at `pos` ends (trailing spaces excluded). */
  private plainEnd(pos: number, lineEnd: number, inFlow: boolean): number {
    let i = pos;
    let end = pos;
    while (i < lineEnd) {
      const c = this.text.charCodeAt(i);
      if (c === 35 && i > pos && this.text.charCodeAt(i - 1) === 32) break; // ` #` starts a comment
      if (
        c === 58 &&
        (i + 1 >= lineEnd ||
          this.text.charCodeAt(i + 1) === 32 ||
          (inFlow && isFlowIndicator(this.text.charCodeAt(i + 1))))
      )
        break;
      if (inFlow && isFlowIndicator(c)) break;
      i++;
      if (c !== 32) end = i;
    }
    return end;
  }

  private plainScalar(start: number, end: number, isKey: boolean): ScalarNode {
    const value = interned(this.text.slice(start, end));
    if (value.length === 0 || !SAFE_PLAIN_START.test(value[0]) || NULL_WORDS.test(value)) throw GIVE_UP;
    const bool = TRUE_WORDS.test(value) ? true : FALSE_WORDS.test(value) ? false : undefined;
    if (bool !== undefined) {
      if (isKey) throw GIVE_UP;
      return { kind: 'scalar', value: bool, style: 'plain', start, end, raw: value };
    }
    if (isKey && !KEY.test(value)) throw GIVE_UP;
    return { kind: 'scalar', value, style: 'plain', start, end };
  }

  private quoted(pos: number, lineEnd: number): ScalarNode {
    const quote = this.text.charCodeAt(pos);
    // The value is sliced in runs, not built a character at a time: that made a chain of
    // concatenated strings per value, 3.4 MiB of a 5,000-rule policy's model.
    let value = '';
    let run = pos + 1;
    let i = pos + 1;
    for (;;) {
      if (i >= lineEnd) throw GIVE_UP; // unclosed or multi-line
      const c = this.text.charCodeAt(i);
      if (quote === 34 && c === 92 /* \ */) throw GIVE_UP; // escapes: leave them to yaml
      if (c === quote) {
        if (quote === 39 && this.text.charCodeAt(i + 1) === 39) {
          value += this.text.slice(run, i + 1); // `''` is one `'`
          i += 2;
          run = i;
          continue;
        }
        break;
      }
      i++;
    }
    value = interned(value + this.text.slice(run, i));
    return { kind: 'scalar', value, style: quote === 34 ? 'double' : 'single', start: pos, end: i + 1 };
  }

  /** The offset of the line break ending the line that holds `pos` (-1 at the end of the text). */
  private lineBreakAfter(pos: number): number {
    const end = lineEndAt(this.text, pos);
    return end === this.text.length ? -1 : end;
  }

  private hasCommentBetween(after: number, before: number, minIndent: number): boolean {
    for (let i = after + 1; i < before; i++) {
      const line = this.lines[i];
      if (line.empty && line.start + line.indent < line.end && line.indent >= minIndent) return true;
    }
    return false;
  }

  /** Gives up when a comment line indented at least `minIndent` lies between `after` and `before`. */
  private rejectCommentsAfter(after: number, before: number, minIndent: number): void {
    if (this.hasCommentBetween(after, before, minIndent)) throw GIVE_UP;
  }

  private skipSpaces(pos: number, lineEnd: number): number {
    let i = pos;
    while (i < lineEnd && this.text.charCodeAt(i) === 32) i++;
    return i;
  }
}

/** A block collection ends with its last line, or with an empty last value placed after trailing spaces. */
function collectionEnd(lastLine: Line, lastValue: Node | null): number {
  return Math.max(lastLine.end, lastValue?.end ?? 0);
}

function nullScalar(at: number): ScalarNode {
  return { kind: 'scalar', value: null, style: 'plain', start: at, end: at };
}

function isSpace(c: number): boolean {
  return c === 32;
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

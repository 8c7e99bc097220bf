// Offsets <-> LSP positions. Offsets and LSP characters are both UTF-16 code units, which is what
// JavaScript strings index by, so no re-encoding is needed; only line starts are computed (lines.ts).
import type { Position, Range } from 'vscode-languageserver-types';
import { lineStartArray, lineStarts } from './lines';
import type { TextChange } from './textChange';

export class LineIndex {
  private readonly starts: Int32Array;

  /** @param starts the line starts, when an earlier index of the text already knows them */
  constructor(
    private readonly text: string,
    starts?: Int32Array,
  ) {
    this.starts = starts ?? lineStartArray(text);
  }

  /** The index of `next`, made from this index of the previous version: only the lines the change
   *  touched are scanned again, the starts after it are shifted. */
  updated(next: string, change: TextChange): LineIndex {
    const old = this.starts;
    // Lines starting at or before the change stay; a CR just before it may now pair with an LF.
    let keep = upperBound(old, change.start);
    if (keep > 1 && old[keep - 1] === change.start) keep--;
    const scanFrom = old[keep - 1];
    const resume = upperBound(old, change.oldEnd + 1);
    const delta = next.length - this.text.length;
    const scanTo = resume < old.length ? old[resume] + delta : next.length;
    const scanned = lineStarts(next, scanFrom, scanTo, []);
    // A keystroke that replaces a character moves no line: the old starts are the new ones (never mutated).
    // (The scan may end with the start at `resume` itself, which stays too.)
    const same = scanned.length === resume - keep || scanned.length === resume - keep + 1;
    if (delta === 0 && same && scanned.every((at, i) => at === old[keep + i])) return new LineIndex(next, old);
    // The rest moves by the change's length (most keystrokes replace a character: it stays).
    const last = scanned.length > 0 ? scanned[scanned.length - 1] : old[keep - 1];
    let rest = resume;
    while (rest < old.length && old[rest] + delta <= last) rest++;
    const starts = new Int32Array(keep + scanned.length + old.length - rest);
    starts.set(old.subarray(0, keep));
    starts.set(scanned, keep);
    for (let i = rest, to = keep + scanned.length; i < old.length; i++, to++) starts[to] = old[i] + delta;
    return new LineIndex(next, starts);
  }

  /** The same object for as long as no line starts elsewhere: updated() keeps it through a change
   *  that moves no line, so a position worked out under it still holds (validate.ts reuses the
   *  diagnostics of unchanged findings without checking their ranges again). Not to be read. */
  get layout(): object {
    return this.starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The offset just after the line's content, before its line break (\n, \r\n or \r). */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    const breakLength =
      this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13 && next - 2 >= this.lineStart(line)
        ? 2
        : 1;
    return next - breakLength;
  }

  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: Math.max(0, Math.min(offset, this.text.length)) - this.starts[line] };
  }

  /** The line `offset` is on (positionAt(offset).line, without making a position). */
  lineOf(offset: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** lineOf(offset) for an offset on line `from` or later, found by walking on from there: cheaper
   *  than a search for offsets met in order a few lines apart (the rules of a policy). */
  lineOfFrom(offset: number, from: number): number {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let line = Math.max(0, from);
    while (line + 1 < this.starts.length && this.starts[line + 1] <= clamped) line++;
    return line;
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  /** Whether `range` is rangeOf(start, end), without making one. */
  isRange(range: Range, start: number, end: number): boolean {
    return this.isPosition(range.start, start) && this.isPosition(range.end, end);
  }

  private isPosition(position: Position, offset: number): boolean {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = position.line;
    return (
      line < this.starts.length &&
      this.starts[line] === clamped - position.character &&
      (line + 1 === this.starts.length || this.starts[line + 1] > clamped)
    );
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

/** The number of entries of the sorted `values` that are <= `value`. */
function upperBound(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (values[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

// Where lines start and end: the service's one line scanner. A line ends at \r\n, \n or a lone \r,
// as LSP counts lines (and as kube-apiserver's YAML reader, libyaml, reads them). Everything that
// turns offsets into lines uses this module, so a disable comment, an underline and a position all
// agree on which line is which. (The `yaml` package reads a lone \r as content instead: the
// parser's fast paths give up on such text, parse/segment.ts.)

export interface LineSpan {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset just after its content, before its line break. */
  readonly end: number;
  /** Offset of the next line's first character; text.length for the last line. */
  readonly next: number;
}

/** The lines from `from` (a line start) to the end of the text, the last one possibly empty. */
export function* lineSpans(text: string, from = 0): Generator<LineSpan> {
  // A lone \r is rare, so the common case is a plain search for \n.
  const crs = text.includes('\r', from);
  for (let start = from; ;) {
    const end = crs ? contentEnd(text, start) : indexOrEnd(text, start);
    const crlf = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10;
    const next = end === text.length ? end : crlf ? end + 2 : end + 1;
    yield { start, end, next };
    if (end === text.length) return;
    start = next;
  }
}

/** The offset of each line's first character; with a range, appends to `starts` the line starts
 *  in (from, to] (an index updated after an edit rescans only the lines the edit touched). */
export function lineStarts(text: string, from = 0, to = text.length, starts: number[] = [0]): number[] {
  eachLineStart(text, from, to, (at) => starts.push(at));
  return starts;
}

/** The offset of each line's first character, in an array of exactly their number: a large text's
 *  line index keeps it, and a grown array of numbers was 0.6 MiB for 52,000 lines, this 0.2. */
export function lineStartArray(text: string): Int32Array {
  let count = 1;
  eachLineStart(text, 0, text.length, () => count++);
  const starts = new Int32Array(count);
  let n = 1;
  eachLineStart(text, 0, text.length, (at) => (starts[n++] = at));
  return starts;
}

function eachLineStart(text: string, from: number, to: number, visit: (at: number) => void): void {
  const end = Math.min(to, text.length);
  // Only the range is searched: an updated line index rescans a few lines of a long text.
  if (!text.slice(from, end + 1).includes('\r')) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) visit(i + 1);
    return;
  }
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c === 13 && text.charCodeAt(i + 1) !== 10) || c === 10) visit(i + 1);
  }
}

/** The end of the line holding `offset`: just before its line break, or the end of the text. */
export function lineEndAt(text: string, offset: number): number {
  return contentEnd(text, offset);
}

/** Where the line after the one holding `offset` starts: past its line break (CRLF counted
 *  whole), or the end of the text. */
export function nextLineStart(text: string, offset: number): number {
  const end = contentEnd(text, offset);
  return text.startsWith('\r\n', end) ? end + 2 : Math.min(text.length, end + 1);
}

/** Whether a \r stands alone somewhere: a line break to LSP and libyaml, content to `yaml`. */
export function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

function contentEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return i;
}

function indexOrEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

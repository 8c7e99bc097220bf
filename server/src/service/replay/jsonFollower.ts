// A JSON document followed over the lines it is written on (a pretty-printed object, an element of
// an array spread over lines), to find the line that closes it without gathering more than it.
// Indentation says most: a line deeper than the document's first is inside it. A line that is not
// deeper may still be: a document written with no indentation (Python's `json.dump(..., indent=0)`,
// Go's `json.MarshalIndent(v, "", "")`) has every line at its first line's column, and a closing
// line is as deep as the opening one. Such a line goes on with the document when the grammar allows
// it where the document stands: in an object a key (`"`) or its `}`, in an array a value or its `]`.
// Anything else (text, or a `{` where a key is due: the next document after one cut short) shows
// that the document ended, broken, before that line.
import { CLOSE_ARRAY, CLOSE_OBJECT, OPEN_ARRAY, OPEN_OBJECT, QUOTE } from './jsonScan';

/** Whether a value may start with this byte: a string, a number, true, false, null, `{`, `[`. */
export const opensValue = (c: number): boolean =>
  c === OPEN_OBJECT ||
  c === OPEN_ARRAY ||
  c === QUOTE ||
  c === 0x2d ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x74 ||
  c === 0x66 ||
  c === 0x6e;

export class JsonFollower {
  /** The document's containers still open, innermost last: their opening bytes. */
  private readonly open: number[] = [];
  /** Inside a string at the end of what was followed: JSON has no newline in one, so a line was cut. */
  inString = false;
  private escaped = false;

  get depth(): number {
    return this.open.length;
  }

  /**
   * Follows the text from `p`: returns the index just past the byte that closes the document, or -1
   * when the text ends with it still open.
   */
  follow(b: Uint8Array, p: number): number {
    const open = this.open;
    for (let i = p; i < b.length; i++) {
      const c = b[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_OBJECT || c === OPEN_ARRAY) open.push(c);
      else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        open.pop();
        if (open.length === 0) return i + 1;
      }
    }
    return -1;
  }

  /** Whether a line whose first byte (after its indentation) is `c` may go on inside the document. */
  goesOnWith(c: number): boolean {
    const innermost = this.open[this.open.length - 1];
    if (innermost === OPEN_OBJECT) return c === QUOTE || c === CLOSE_OBJECT;
    return innermost === OPEN_ARRAY && (c === CLOSE_ARRAY || opensValue(c));
  }
}

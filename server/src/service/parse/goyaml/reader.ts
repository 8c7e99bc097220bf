// go-yaml's reader (readerc.go) decodes the input ahead of the scanner, one 512-byte read at a
// time, and fails the whole read with "control characters are not allowed" as soon as it decodes a
// character outside YAML's printable set, even one the scanner never reaches. So whether a control
// character below the first document matters, and whether it or a syntax error comes first, depends
// on where those reads fall: this models them on the string's UTF-8 encoding. It also knows what
// sits at the start of the decoded buffer, which go-yaml's `is_bom` looks at (see Scanner).

const RAW_BUFFER_SIZE = 512;

/** What go-yaml's reader lets through (yaml_parser_update_buffer): tab, line breaks and printable
 *  characters, as in the character class [\t\n\r\x20-\x7e\x85\xa0-\ufffd] plus everything past
 *  U+FFFF. A lone surrogate is let through too: JavaScript strings hold what go-yaml never sees.
 *  A comparison of numbers: a regular expression on a one-character string per character was a
 *  tenth of the first reading of a 1.5 MB policy. */
export function isPrintable(code: number): boolean {
  return code < 0x7f
    ? code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d
    : code === 0x85 || (code >= 0xa0 && code <= 0xfffd) || code > 0xffff;
}

export const CONTROL_CHARACTERS = 'control characters are not allowed';

/** A ReaderModel's state between two reads (resume.ts saves and restores it). */
export interface ReaderState {
  readonly decodedEnd: number;
  readonly decodedBytes: number;
  /** Whether the first read happened (only the first one differs). */
  readonly started: boolean;
  readonly eof: boolean;
  readonly bufferStart: number;
  readonly controlAt: number;
}

export class ReaderModel {
  /** The first offset not decoded yet. */
  private decodedEnd: number;
  /** UTF-8 bytes of the input up to decodedEnd. */
  private decodedBytes: number;
  private reads = 0;
  private eof = false;
  /** The offset of the decoded buffer's first character (go-yaml moves the unread rest to the front on each read). */
  private bufferStart: number;
  /** Offset of the control character that fails the read, or -1. */
  controlAt = -1;

  constructor(private readonly text: string) {
    // determine_encoding drops a leading byte order mark before decoding.
    const bom = text.charCodeAt(0) === 0xfeff;
    this.decodedEnd = bom ? 1 : 0;
    this.decodedBytes = bom ? 3 : 0;
    this.bufferStart = this.decodedEnd;
  }

  save(): ReaderState {
    const { decodedEnd, decodedBytes, eof, bufferStart, controlAt } = this;
    return { decodedEnd, decodedBytes, started: this.reads > 0, eof, bufferStart, controlAt };
  }

  load(state: ReaderState): void {
    ({ decodedEnd: this.decodedEnd, decodedBytes: this.decodedBytes, eof: this.eof } = state);
    ({ bufferStart: this.bufferStart, controlAt: this.controlAt } = state);
    this.reads = state.started ? 1 : 0;
  }

  /** Where the scanner starts: after a leading byte order mark. */
  get start(): number {
    return this.bufferStart;
  }

  /** is_bom(parser.buffer, ...): go-yaml tests the buffer's first three bytes, not the current ones. */
  get bufferStartsWithBom(): boolean {
    return this.text.charCodeAt(this.bufferStart) === 0xfeff;
  }

  /** parser.unread < n && !update_buffer(n): the scanner at `pos` needs `n` characters decoded.
   *  Returns the reader's problem, or undefined when the scanner may go on. */
  need(pos: number, n: number): string | undefined {
    if (pos + n - 1 < this.decodedEnd || this.eof) return undefined;
    this.bufferStart = pos;
    while (pos + n - 1 >= this.decodedEnd && !this.eof) {
      if (!this.read()) return CONTROL_CHARACTERS;
    }
    return undefined;
  }

  /** One raw read: tops the raw buffer up to 512 bytes and decodes every complete character in it. */
  private read(): boolean {
    if (this.decodedEnd >= this.text.length) {
      this.eof = true;
      return true;
    }
    const rawEnd = this.reads++ === 0 ? RAW_BUFFER_SIZE : this.decodedBytes + RAW_BUFFER_SIZE;
    while (this.decodedEnd < this.text.length) {
      const code = this.text.codePointAt(this.decodedEnd) as number;
      const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (this.decodedBytes + width > rawEnd) break;
      if (!isPrintable(code)) {
        this.controlAt = this.decodedEnd;
        return false;
      }
      this.decodedBytes += width;
      this.decodedEnd += code > 0xffff ? 2 : 1;
    }
    return true;
  }
}

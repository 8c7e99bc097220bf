// The rows of a CSV export, over the lines they take (RFC 4180, 2.6: a quoted field may hold line
// breaks). Logs Explorer's CSV download keeps a Cloud Logging entry's payload as pretty-printed JSON
// in one cell, so each row runs over tens of lines; a query's export may do the same with a
// multi-line message. A file is read so when its first line is a CSV header (csvRows.ts). A line
// read as a row ends inside a quoted cell starts a row over lines (a line that is no row of RFC
// 4180's, a quote inside an unquoted cell or text after a closing quote, as a line of JSON is,
// starts none), and the lines after it are its own up to the line that closes the cell (an odd
// count of `"`: a `""` inside a cell counts two); the row is handed on as one line at its first
// line, its line breaks kept.
//
// One stray quote must not swallow the file: a row is gathered up to MAX_ROW_BYTES (a Cloud Logging
// entry is at most 256 KB, https://cloud.google.com/logging/quotas; pretty-printed and its quotes
// doubled, a few times that). A row that goes past it, or that the file ends in (cut short), is one
// bad line at its first line, and the lines after that line are read again as rows: each line is
// looked at twice at most, and no row after a stray quote is lost; those that are no row of the
// header's columns were the rest of the broken cell, and go with it.
import { csvFields, csvHeader } from './csvRows';
import type { LogLines } from './yamlDocuments';

/** The longest row gathered over lines. */
export const MAX_ROW_BYTES = 4 * 1024 * 1024;

const QUOTE = 0x22;
const COMMA = 0x2c;

const utf8 = new TextDecoder();

/** The columns of a CSV header line, which makes its file one whose rows may take lines: 0 for another line. */
export function csvColumns(line: Uint8Array): number {
  if (line[0] === 0x7b || line[0] === 0x5b) return 0;
  return csvHeader(utf8.decode(line))?.length ?? 0;
}

/** Whether a line, read as a row of RFC 4180, ends inside a quoted cell: false for a line that is no row. */
function opensRow(b: Uint8Array): boolean {
  for (let p = 0; ;) {
    if (b[p] === QUOTE) {
      for (p++; ;) {
        const close = b.indexOf(QUOTE, p);
        if (close === -1) return true;
        p = close + 1;
        if (b[p] !== QUOTE) break;
        p++; // `""`, a quote inside the cell
      }
      if (p === b.length || b[p] !== COMMA) return false;
    } else {
      const comma = b.indexOf(COMMA, p);
      const quote = b.indexOf(QUOTE, p);
      if (comma === -1 || (quote !== -1 && quote < comma)) return false;
      p = comma;
    }
    p++; // the comma
  }
}

/** Whether the line holds an odd count of quotes: a quoted cell open at its end flips. */
function flipsQuote(b: Uint8Array): boolean {
  let odd = false;
  for (let p = b.indexOf(QUOTE); p !== -1; p = b.indexOf(QUOTE, p + 1)) odd = !odd;
  return odd;
}

interface Row {
  readonly line: number;
  readonly parts: Uint8Array[];
  readonly sizes: number[];
  bytes: number;
}

/** Takes a CSV file's lines after its header; hands on its rows as lines. */
export class CsvRowLines {
  private row: Row | undefined;

  constructor(
    /** The header's columns: a line read again after a broken row is a row when it has as many fields. */
    private readonly columns: number,
    private readonly handler: LogLines & { blank?(line: number, bytes: Uint8Array, inputBytes: number): void },
    private readonly maxRowBytes = MAX_ROW_BYTES,
  ) {}

  /** A line of the file (a blank one too: inside a cell it is the cell's text). */
  line(n: number, b: Uint8Array, inputBytes: number): void {
    const row = this.row;
    if (row === undefined) {
      if (!opensRow(b)) return this.pass(n, b, inputBytes);
      this.row = { line: n, parts: [b.slice()], sizes: [inputBytes], bytes: b.length };
      return;
    }
    row.parts.push(b.slice());
    row.sizes.push(inputBytes);
    row.bytes += b.length + 1;
    if (flipsQuote(b)) {
      this.row = undefined;
      this.handler.line(row.line, joined(row), sum(row.sizes));
    } else if (row.bytes > this.maxRowBytes) {
      this.unended(`no closing quote within ${mebibytes(this.maxRowBytes)}: a stray quote?`);
    }
  }

  /** Call at the end of the file: a row still open was cut short. */
  end(): void {
    while (this.row) this.unended('the file ends first: it was cut short?');
  }

  /** The open row's first line is a bad line; the lines after it are read again as rows. */
  private unended(why: string): void {
    const { line, parts, sizes } = this.row!;
    this.row = undefined;
    this.handler.bad(line, `a CSV row whose quoted cell does not end (${why}); the lines after it are read as rows`);
    for (let i = 1; i < parts.length; i++) {
      const b = parts[i];
      if (this.row || opensRow(b) || csvFields(utf8.decode(b))?.length === this.columns)
        this.line(line + i, b, sizes[i]);
    }
  }

  private pass(n: number, b: Uint8Array, inputBytes: number): void {
    if (b.every((c) => c === 0x20 || c === 0x09)) this.handler.blank?.(n, b, inputBytes);
    else this.handler.line(n, b, inputBytes);
  }
}

const mebibytes = (n: number): string => (n >= 1024 * 1024 ? `${n / 1024 / 1024} MiB` : `${n} bytes`);
const sum = (sizes: readonly number[]): number => sizes.reduce((a, b) => a + b, 0);

/** A row's lines joined with the line breaks between them (LF: a CRLF's CR was dropped with it). */
function joined(row: Row): Uint8Array {
  const out = new Uint8Array(row.bytes);
  let at = 0;
  row.parts.forEach((part, i) => {
    if (i > 0) out[at++] = 0x0a;
    out.set(part, at);
    at += part.length;
  });
  return out;
}

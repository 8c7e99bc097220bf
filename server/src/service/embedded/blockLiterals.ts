// The multi-line literals whose lines lose a common indentation before the program gets them:
// Java's text blocks, Kotlin's raw strings (as `.trimIndent()` leaves them) and Nix's indented
// strings. Each is read in two steps, as its compiler reads it: the indentation is measured on the
// source lines, then every line is read without it, its escapes and substitutions decoded, with
// the map from every decoded character to the source characters it came from.
//
// Java: The Java Language Specification (SE 17), 3.10.6 Text Blocks: the content starts on the line
// after the opening `"""`; the least indentation of the non-blank lines and of the closing
// delimiter's own line is removed from every line, and so is every line's trailing white space
// (String.stripIndent), then the escapes are read (3.10.7: `\b \s \t \n \f \r \" \' \\`, octal; a
// `\` ending a line joins it to the next). Kotlin: kotlinlang.org, "Strings" (a raw string reads no
// escape; `$name` and `${expr}` are templates) and kotlin.text.trimIndent (the least indentation of
// the non-blank lines removed; a blank first and last line dropped). Nix: Nix Reference Manual,
// "String literals" (an indented string loses the least indentation in spaces of its non-blank
// lines, a first line of spaces after the `''` and the last line's trailing spaces; `''$` is `$`,
// `'''` is `''`, `''\` escapes the next character as a double-quoted string does; `${expr}` is
// computed). Only `\n` ends a line of an indented string: Nix's lexer (src/libexpr/lexer.l, the
// IND_STRING rules and `''(\ *\n)?`) keeps a `\r` as a character of the text, and its indentation
// stripping (parser-state.hh, stripIndentation) counts only spaces before a character other than
// `\n`, so in a CRLF file each line keeps its `\r` and the `\r` that ends the opener's line is a
// line of text that sets the least indentation to none.
import { maskOf } from './maskedValues';
import type { Piece } from './sourceMap';
import { substitutionEnd } from './substitutions';

export type BlockSyntax = 'java' | 'kotlin' | 'nix';

export interface BlockLiteral {
  /** Host offsets of what the value is read from (the dropped first and last lines excluded). */
  readonly start: number;
  readonly end: number;
  /** Host offset after the closing delimiter. */
  readonly next: number;
  /** Undefined when the literal holds what this reader does not decode, or does not close. */
  readonly value?: {
    readonly text: string;
    readonly pieces: Piece[];
    readonly opaque: Array<readonly [number, number]>;
    /** The indentation every line loses, as the host writes it: what a line written into it gets. */
    readonly indent: string;
  };
}

/** What starts a block literal of the syntax. */
export function blockDelimiter(syntax: BlockSyntax): string {
  return syntax === 'nix' ? "''" : '"""';
}

const LINE_BREAK: Record<BlockSyntax, RegExp> = { java: /\r\n|\r|\n/g, kotlin: /\r\n|\r|\n/g, nix: /\n/g };
/** The white space each strips. Java: String.stripIndent counts Character.isWhitespace, the
 *  controls \t to \r and \x1c to \x1f and the Unicode space separators but the no-break ones
 *  (U+00A0, U+2007, U+202F). Kotlin: trimIndent and isBlank count Char.isWhitespace, on the JVM
 *  `Character.isWhitespace(ch) || Character.isSpaceChar(ch)`, so the no-break spaces too (kotlin.text,
 *  CharJVM.kt). Nix: spaces only (stripIndentation). */
const JAVA_SPACE = String.raw`[\t-\r\x1c-\x1f\u2028\u2029]|(?![\u00a0\u2007\u202f])\p{Zs}`;
const KOTLIN_SPACE = String.raw`[\t-\r\x1c-\x1f\u2028\u2029\p{Zs}]`;
const BLANK: Record<BlockSyntax, RegExp> = {
  java: new RegExp(`^(?:${JAVA_SPACE})*$`, 'u'),
  kotlin: new RegExp(`^${KOTLIN_SPACE}*$`, 'u'),
  nix: /^ *$/,
};
const INDENT_CHAR: Record<BlockSyntax, RegExp> = {
  java: new RegExp(JAVA_SPACE, 'u'),
  kotlin: new RegExp(KOTLIN_SPACE, 'u'),
  nix: / /,
};
/** JLS 3.10.6: the opening `"""` is followed by TextBlockWhiteSpace (space, tab, form feed) and a
 *  line terminator. */
const JAVA_OPENING_LINE = /^[ \t\f]*$/;

/** The block literal whose opening delimiter is at `open`; one longer than `maxLength` is skipped
 *  whole, not decoded. */
export function blockLiteral(text: string, open: number, syntax: BlockSyntax, maxLength: number): BlockLiteral {
  const from = open + blockDelimiter(syntax).length;
  const close = closeOf(text, from, syntax);
  if (close === undefined) return { start: from, end: text.length, next: text.length };
  const next = close + blockDelimiter(syntax).length;
  if (close - from > maxLength) return { start: from, end: close, next };
  const lines = linesOf(text, from, close, LINE_BREAK[syntax]);
  const last = lines[lines.length - 1];
  let start = from;
  let end = close;
  let measured = lines;
  if (syntax === 'java') {
    // The opening `"""` ends its line; a blank closing line still counts for the indentation.
    if (lines.length < 2 || !JAVA_OPENING_LINE.test(text.slice(lines[0].start, lines[0].end))) {
      return { start, end, next };
    }
    start = lines[1].start;
    measured = lines.slice(1);
    if (BLANK.java.test(text.slice(last.start, last.end))) end = last.start;
  } else if (syntax === 'nix') {
    if (/^ *\n/.test(text.slice(from, lines[0].brk))) {
      start = lines[0].brk;
      measured = lines.slice(1);
    }
    if (lines.length > 1 && BLANK.nix.test(text.slice(last.start, last.end))) end = last.start;
  } else {
    // Kotlin: as written, unless `.trimIndent()` is called on it.
    if (!/^\s*\.\s*trimIndent\s*\(\s*\)/.test(text.slice(next, next + 64))) measured = [];
    else {
      if (lines.length > 1 && BLANK.kotlin.test(text.slice(lines[0].start, lines[0].end))) {
        start = lines[0].brk;
        measured = lines.slice(1);
      }
      const before = lines[lines.length - 2];
      if (before && measured.length > 0 && BLANK.kotlin.test(text.slice(last.start, last.end))) {
        end = before.end;
        measured = measured.slice(0, -1);
      }
    }
  }
  const counted = measured.filter(
    (l) => !BLANK[syntax].test(text.slice(l.start, l.end)) || (syntax === 'java' && l === last),
  );
  const width = (l: Line): number => {
    let k = 0;
    while (l.start + k < l.end && INDENT_CHAR[syntax].test(text[l.start + k])) k++;
    return k;
  };
  const count = counted.reduce((least, l) => Math.min(least, width(l)), counted.length === 0 ? 0 : Infinity);
  const model = counted.find((l) => !BLANK[syntax].test(text.slice(l.start, l.end))) ?? counted[0];
  const indent = model ? text.slice(model.start, model.start + count) : '';
  const value = decode(text, start, end, count, syntax);
  return { start, end, next, value: value && { ...value, indent } };
}

interface Line {
  readonly start: number;
  /** Before its line break. */
  readonly end: number;
  /** After its line break (its end for the last line). */
  readonly brk: number;
}

function linesOf(text: string, from: number, to: number, lineBreak: RegExp): Line[] {
  const lines: Line[] = [];
  const content = text.slice(from, to);
  let at = 0;
  for (const m of content.matchAll(lineBreak)) {
    lines.push({ start: from + at, end: from + m.index, brk: from + m.index + m[0].length });
    at = m.index + m[0].length;
  }
  lines.push({ start: from + at, end: to, brk: to });
  return lines;
}

/** Where the literal's closing delimiter starts: past escapes and substitutions. */
function closeOf(text: string, from: number, syntax: BlockSyntax): number | undefined {
  for (let h = from; h < text.length; h++) {
    const c = text[h];
    if (syntax === 'java' && c === '\\') {
      h++;
    } else if (syntax !== 'java' && c === '$' && text[h + 1] === '{') {
      const after = substitutionEnd(text, h + 2);
      if (after === undefined) return undefined;
      h = after - 1;
    } else if (syntax === 'nix' && text.startsWith("''", h)) {
      const after = text[h + 2];
      if (after !== "'" && after !== '$' && after !== '\\') return h;
      h += after === '\\' ? 3 : 2;
    } else if (syntax !== 'nix' && text.startsWith('"""', h)) {
      // Kotlin: a run of more quotes ends with the closing three; the others are content.
      let at = h;
      if (syntax === 'kotlin') while (text[at + 3] === '"') at++;
      return at;
    }
  }
  return undefined;
}

type Decoded = Omit<NonNullable<BlockLiteral['value']>, 'indent'>;

/** The value of host text [start, end), each line without `indent` leading white space; undefined
 *  where it holds an escape the language refuses. */
function decode(text: string, start: number, end: number, indent: number, syntax: BlockSyntax): Decoded | undefined {
  const pieces: Piece[] = [];
  const out: string[] = [];
  const opaque: Array<readonly [number, number]> = [];
  let region = 0;
  const push = (value: string, host: number, hostLength: number): void => {
    pieces.push({ region, regionLength: value.length, host, hostLength });
    out.push(value);
    region += value.length;
  };
  const breakLength = (at: number): number => (text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1);
  let h = start;
  let lineStart = true;
  while (h < end) {
    if (lineStart) {
      lineStart = false;
      for (let k = 0; k < indent && h < end && !isBreak(text[h]) && INDENT_CHAR[syntax].test(text[h]); k++) h++;
      continue;
    }
    const c = text[h];
    if (c === '\n' || (c === '\r' && syntax !== 'nix')) {
      push('\n', h, breakLength(h));
      h += breakLength(h);
      lineStart = true;
      continue;
    }
    if (syntax === 'java' && INDENT_CHAR.java.test(c)) {
      // A line's trailing white space is stripped before escapes are read.
      let r = h;
      while (r < end && !isBreak(text[r]) && INDENT_CHAR.java.test(text[r])) r++;
      if (r < end && text[r] !== '\n' && text[r] !== '\r') push(text.slice(h, r), h, r - h);
      h = r;
      continue;
    }
    if (syntax === 'java' && c === '\\') {
      let r = h + 1;
      while (r < end && !isBreak(text[r]) && INDENT_CHAR.java.test(text[r])) r++;
      if (r < end && (text[r] === '\n' || text[r] === '\r')) {
        // A line joined to the next: the backslash and the line break are nothing.
        pieces.push({ region, regionLength: 0, host: h, hostLength: r + breakLength(r) - h });
        h = r + breakLength(r);
        lineStart = true;
        continue;
      }
      const escape = javaEscape(text, h);
      if (!escape) return undefined;
      push(escape.value, h, escape.length);
      h += escape.length;
      continue;
    }
    if (syntax === 'nix' && text.startsWith("''", h)) {
      const after = text[h + 2];
      if (after === '\\') {
        const escaped = text[h + 3];
        if (escaped === undefined || escaped === '\n' || escaped === '\r') return undefined;
        push(NIX_ESCAPES[escaped] ?? escaped, h, 4);
        h += 4;
      } else {
        push(after === "'" ? "''" : '$', h, 3);
        h += 3;
      }
      continue;
    }
    if (syntax !== 'java' && c === '$') {
      const name = syntax === 'kotlin' ? /^\$[A-Za-z_]\w*/.exec(text.slice(h, h + 256))?.[0] : undefined;
      const close = text[h + 1] === '{' ? substitutionEnd(text, h + 2) : name ? h + name.length : undefined;
      if (close !== undefined) {
        const original = text.slice(h, close);
        push(maskOf(original), h, original.length);
        opaque.push([h, close]);
        h = close;
        continue;
      }
      if (syntax === 'nix' && text[h + 1] === '$') {
        push('$$', h, 2); // `$${` is no substitution
        h += 2;
        continue;
      }
    }
    push(c, h, 1);
    h++;
  }
  return { text: out.join(''), pieces, opaque };
}

/** Java's and Kotlin's white space holds the line breaks, which end a line rather than indent it. */
function isBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

const NIX_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
const JAVA_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  s: ' ',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** A Java escape at `at` (a backslash), JLS 3.10.7 (and a `\uXXXX`, which Java reads everywhere,
 *  3.3), or undefined for one Java refuses. */
export function javaEscape(text: string, at: number): { value: string; length: number } | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  if (Object.hasOwn(JAVA_ESCAPES, next)) return { value: JAVA_ESCAPES[next], length: 2 };
  const octal = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(text.slice(at + 1, at + 4))?.[0];
  if (octal) return { value: String.fromCharCode(Number.parseInt(octal, 8)), length: 1 + octal.length };
  const unicode = /^u+([0-9a-fA-F]{4})/.exec(text.slice(at + 1, at + 12));
  if (unicode) return { value: String.fromCharCode(Number.parseInt(unicode[1], 16)), length: 1 + unicode[0].length };
  return undefined;
}

/** A Kotlin escape (kotlinlang.org, "Characters": `\t \b \n \r \' \" \\ \$`, `\uXXXX`). */
export function kotlinEscape(text: string, at: number): { value: string; length: number } | undefined {
  const next = text[at + 1];
  if (next === '$') return { value: '$', length: 2 };
  if (next === 's' || next === 'f' || (next !== undefined && /[0-7]/.test(next))) return undefined;
  return javaEscape(text, at);
}

/** A Nix double-quoted string's escape: `\n \r \t`, any other character stands for itself. */
export function nixEscape(text: string, at: number): { value: string; length: number } | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  return { value: NIX_ESCAPES[next] ?? next, length: 2 };
}

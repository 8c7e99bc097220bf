// The string literals of a Go, Python, JavaScript/TypeScript, Java, Kotlin, Nix or Rust source file, each
// decoded as its compiler or interpreter decodes it, with the map from every decoded character to the source
// characters it came from. Comments (and JavaScript's regular expressions) are skipped so that a
// quote inside them starts no string. Substitutions (`${x}` in a template literal, `{x}` in a
// Python f-string) are values the program computes: each is kept as a placeholder of its own
// length (maskedValues.ts) and reported as opaque.
//
// Go: The Go Programming Language Specification, "String literals" (raw strings: no escapes,
// carriage returns discarded; interpreted strings: `\a \b \f \n \r \t \v \\ \" \ooo \xhh \uhhhh
// \Uhhhhhhhh`). Python: The Python Language Reference, 2.4.1 "String and Bytes literals" (prefixes
// r, b, u, f; triple quotes; unknown escapes kept with their backslash; a backslash-newline
// continues the line). JavaScript: ECMA-262, 12.9.4 String Literals and 12.9.6 Template Literal
// Lexical Components (a template's CR LF and CR read as LF). Rust: The Rust Reference, "Tokens"
// (raw strings, escapes). Java, Kotlin and Nix: their strings in quotes here, their block literals
// (text blocks, raw strings, indented strings) in blockLiterals.ts.
import { blockDelimiter, blockLiteral, javaEscape, kotlinEscape, nixEscape } from './blockLiterals';
import type { BlockSyntax } from './blockLiterals';
import { maskOf } from './maskedValues';
import type { Piece } from './sourceMap';
import { substitutionEnd } from './substitutions';

export type SourceLanguage = 'go' | 'python' | 'javascript' | 'rust' | BlockSyntax;

export interface StringLiteral {
  /** Host offsets of the literal's content, between its quotes. */
  readonly start: number;
  readonly end: number;
  /** Host offsets of the whole literal: its prefix and quotes included. */
  readonly open: number;
  readonly close: number;
  readonly text: string;
  readonly pieces: Piece[];
  /** Its content spans lines of the source (a Go raw string, a triple-quoted or template literal). */
  readonly multiline: boolean;
  /** The quote that delimits it: what inserted text may not hold unescaped. */
  readonly quote: string;
  /** Escapes are read in it (not a raw string). */
  readonly escapes: boolean;
  /** Host ranges of its substitutions. */
  readonly opaque: Array<readonly [number, number]>;
  /** The indentation its lines lose (a text block, an indented string): what a written line gets. */
  readonly indent?: string;
}

/** Literals longer than this are not decoded (no policy is; a bundled file's data may be). */
const MAX_LITERAL = 1 << 20;

export function stringLiterals(text: string, language: SourceLanguage): StringLiteral[] {
  const lexer = new Lexer(text, language);
  lexer.run();
  return lexer.found;
}

class Lexer {
  readonly found: StringLiteral[] = [];
  private i = 0;
  /** The last character of code before `i`, not white space (JavaScript: whether `/` divides). */
  private previous = '';

  constructor(
    private readonly text: string,
    private readonly language: SourceLanguage,
  ) {}

  run(): void {
    const { text } = this;
    while (this.i < text.length) {
      const c = text[this.i];
      if (this.comment()) continue;
      const language = this.language;
      const string =
        language === 'python' ? this.pythonString() : language === 'rust' ? this.rustString() : this.blockString();
      if (string || (language !== 'python' && language !== 'rust' && this.cString())) {
        this.previous = 'a'; // a string is an operand: a `/` after it divides
        continue;
      }
      if (this.language === 'javascript' && c === '/' && this.startsRegExp()) {
        this.skipRegExp();
        continue;
      }
      if (!/\s/.test(c)) this.previous = c;
      this.i++;
    }
  }

  private comment(): boolean {
    const { text, i } = this;
    const two = text.slice(i, i + 2);
    const hash = this.language === 'python' || this.language === 'nix';
    const lineComment = hash ? text[i] === '#' : two === '//';
    if (lineComment) {
      const end = text.indexOf('\n', i);
      this.i = end === -1 ? text.length : end;
      return true;
    }
    if (this.language === 'rust' && two === '/*') {
      // Rust's block comments nest (The Rust Reference, "Comments").
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text.startsWith('/*', j)) depth++;
        else if (text.startsWith('*/', j) && --depth === 0) break;
        else continue;
        j++;
      }
      this.i = Math.min(text.length, j + 2);
      return true;
    }
    if (this.language !== 'python' && two === '/*') {
      const end = text.indexOf('*/', i + 2);
      this.i = end === -1 ? text.length : end + 2;
      return true;
    }
    return false;
  }

  /** Java's and Kotlin's `"""`, Nix's `''` (not the end of a name: `x''` is one in Nix). */
  private blockString(): boolean {
    const { text, i, language } = this;
    if (language !== 'java' && language !== 'kotlin' && language !== 'nix') return false;
    const delimiter = blockDelimiter(language);
    if (!text.startsWith(delimiter, i) || (language === 'nix' && /[\w'-]/.test(text[i - 1] ?? ''))) return false;
    const block = blockLiteral(text, i, language, MAX_LITERAL);
    if (block.value) {
      const { value } = block;
      const literal = { ...value, start: block.start, end: block.end, open: i, close: block.next };
      this.found.push({
        ...literal,
        multiline: true,
        quote: delimiter,
        escapes: language === 'java',
        indent: value.indent,
      });
    }
    this.i = block.next;
    return true;
  }

  /** Rust (The Rust Reference, "Tokens"): `"..."` (which may span lines), raw `r"..."`,
   *  `r#"..."#` (as many `#` as open it), with a `b` or `c` prefix; a `'` starts a character
   *  literal or is a lifetime (`'a`), which is no string. */
  private rustString(): boolean {
    const { text, i } = this;
    if (i > 0 && /\w/.test(text[i - 1])) return false;
    const raw = /^[bc]?r(#*)"/.exec(text.slice(i, i + 260));
    if (raw) {
      const quote = `"${raw[1]}`;
      this.literal(i + raw[0].length, quote, { multiline: true, escapes: false, substitution: undefined });
      return true;
    }
    const plain = /^[bc]?"/.exec(text.slice(i, i + 2));
    if (plain) {
      this.literal(i + plain[0].length, '"', { multiline: true, escapes: true, substitution: undefined });
      return true;
    }
    if (text[i] !== "'") return false;
    const char = /^'(?:\\(?:x[0-7][0-9a-fA-F]|u\{[0-9a-fA-F]{1,6}\}|.)|[^\\'\n])'/.exec(text.slice(i, i + 12));
    this.i += char ? char[0].length : 1;
    return true;
  }

  /** Go, JavaScript, Java, Kotlin, Nix: `"..."`, `'...'` (a Go, Java or Kotlin character), `` `...` ``. */
  private cString(): boolean {
    const { text, i } = this;
    const quote = text[i];
    if (quote !== '"' && quote !== "'" && quote !== '`') return false;
    if (this.language === 'nix' && quote !== '"') return false;
    if (quote === '`' && (this.language === 'java' || this.language === 'kotlin')) return false;
    if (quote === '"' && this.language !== 'go' && this.language !== 'javascript') {
      const substitution = this.language === 'java' ? undefined : '${';
      // A Nix string in double quotes may span lines; a Java or Kotlin one may not.
      this.literal(i + 1, quote, { multiline: this.language === 'nix', escapes: true, substitution });
    } else if (quote === '`') {
      const go = this.language === 'go';
      this.literal(i + 1, quote, { multiline: true, escapes: !go, substitution: go ? undefined : '${' });
    } else {
      this.literal(i + 1, quote, { multiline: false, escapes: true, substitution: undefined });
    }
    return true;
  }

  /** Python: an optional prefix (r, b, u, f, rb, fr...), then `'`, `"`, `'''` or `"""`. */
  private pythonString(): boolean {
    const { text, i } = this;
    const match = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
    if (!match || (i > 0 && /[\w]/.test(text[i - 1]))) return false;
    const [, prefix, quote] = match;
    if (prefix !== '' && !/^([rR]?[bBfF]?|[bBfF][rR]|[uU])$/.test(prefix)) return false;
    const raw = /r/i.test(prefix);
    this.literal(i + prefix.length + quote.length, quote, {
      multiline: quote.length === 3,
      escapes: !raw,
      substitution: /f/i.test(prefix) ? '{' : undefined,
      rawBackslash: raw,
    });
    return true;
  }

  private literal(from: number, quote: string, kind: LiteralKind): void {
    const decoded = decodeLiteral(this.text, from, quote, this.language, kind);
    if (decoded.value && decoded.end - from <= MAX_LITERAL)
      this.found.push({ ...decoded.value, open: this.i, close: decoded.next });
    this.i = decoded.next;
  }

  /** A `/` starts a regular expression where an operand is expected (ECMA-262 leaves this to the
   *  parser's goal symbol; the character before it decides for any code a person writes). */
  private startsRegExp(): boolean {
    if (this.text[this.i + 1] === '/' || this.text[this.i + 1] === '*') return false;
    if (this.previous === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(this.previous)) return true;
    const before = this.text.slice(Math.max(0, this.i - 12), this.i);
    return /\b(return|typeof|case|do|else|in|of|void|yield|await)\s*$/.test(before);
  }

  private skipRegExp(): void {
    const { text } = this;
    let j = this.i + 1;
    let inClass = false;
    for (; j < text.length && text[j] !== '\n'; j++) {
      const c = text[j];
      if (c === '\\') j++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    this.i = j + 1;
    this.previous = 'a';
  }
}

interface LiteralKind {
  readonly multiline: boolean;
  readonly escapes: boolean;
  /** What opens a substitution: `${` (a template literal) or `{` (an f-string). */
  readonly substitution: '${' | '{' | undefined;
  /** Python's raw strings: a backslash still keeps the quote after it from closing the string. */
  readonly rawBackslash?: boolean;
}

interface Decoded {
  readonly next: number;
  readonly end: number;
  readonly value: Omit<StringLiteral, 'open' | 'close'> | undefined;
}

/** Reads the literal whose content starts at `from`; `value` is undefined for one that does not
 *  close or holds what this reader does not decode (a Python `\N{name}`, a Go rune). */
function decodeLiteral(
  text: string,
  from: number,
  quote: string,
  language: SourceLanguage,
  kind: LiteralKind,
): Decoded {
  const pieces: Piece[] = [];
  const out: string[] = [];
  const opaque: Array<readonly [number, number]> = [];
  let region = 0;
  // A Go, Java or Kotlin `'x'` is a character, no string. A Rust raw string's closing `"#` is
  // its quote.
  let valid = quote !== "'" || language === 'python' || language === 'javascript';
  const push = (value: string, host: number, hostLength: number): void => {
    pieces.push({ region, regionLength: value.length, host, hostLength });
    out.push(value);
    region += value.length;
  };
  let h = from;
  while (h < text.length) {
    if (text.startsWith(quote, h)) {
      const value: Decoded['value'] = {
        start: from,
        end: h,
        text: out.join(''),
        pieces,
        multiline: kind.multiline && (!spansLinesOrNot(language, kind) || /[\r\n]/.test(text.slice(from, h))),
        quote,
        escapes: kind.escapes,
        opaque,
      };
      return { next: h + quote.length, end: h, value: valid ? value : undefined };
    }
    const c = text[h];
    if ((c === '\n' || c === '\r') && !kind.multiline) break; // unterminated: the line ends it
    if (c === '\r') {
      // Go drops a raw string's carriage returns; Python and JavaScript read CR LF and CR as LF.
      // A carriage return Go drops alone belongs to no character of the value.
      const lf = text[h + 1] === '\n';
      if (lf) push('\n', h, 2);
      else if (language !== 'go') push('\n', h, 1);
      h += lf ? 2 : 1;
      continue;
    }
    if (c === '\\' && (kind.escapes || kind.rawBackslash)) {
      if (!kind.escapes) {
        // Raw: the backslash and the character after it are both kept.
        push(text.slice(h, h + 2), h, 2);
        h += 2;
        continue;
      }
      const escape = readEscape(text, h, language);
      if (escape === undefined) valid = false;
      else push(escape.value, h, escape.length);
      h += escape?.length ?? 2;
      continue;
    }
    if (kind.substitution && text.startsWith(kind.substitution, h)) {
      if (kind.substitution === '{' && text[h + 1] === '{') {
        push('{', h, 2); // an f-string's `{{` is one brace
        h += 2;
        continue;
      }
      const close = substitutionEnd(text, h + kind.substitution.length);
      // Never closed: nothing after it is read (reading on from it would read the rest once more).
      if (close === undefined) return { next: text.length, end: text.length, value: undefined };
      const original = text.slice(h, close);
      push(maskOf(original), h, original.length);
      opaque.push([h, close]);
      h = close;
      continue;
    }
    const name = language === 'kotlin' && c === '$' ? /^\$[A-Za-z_]\w*/.exec(text.slice(h, h + 256))?.[0] : undefined;
    if (name) {
      // Kotlin's `$name` template: a value the program computes.
      push(maskOf(name), h, name.length);
      opaque.push([h, h + name.length]);
      h += name.length;
      continue;
    }
    if (kind.substitution === '{' && c === '}' && text[h + 1] === '}') {
      push('}', h, 2);
      h += 2;
      continue;
    }
    push(c, h, 1);
    h++;
  }
  return { next: h, end: h, value: undefined };
}

/** A Nix or Rust string in double quotes may span lines or not: one that stays on its line takes
 *  escaped text as any one-line string does. */
function spansLinesOrNot(language: SourceLanguage, kind: LiteralKind): boolean {
  return kind.escapes && (language === 'nix' || language === 'rust');
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The escape at `at` (a backslash): its value and its length in the source, or undefined when
 *  the language refuses it (Go) or it is not read here. */
function readEscape(text: string, at: number, language: SourceLanguage): { value: string; length: number } | undefined {
  if (language === 'rust') return rustEscape(text, at);
  if (language === 'java' || language === 'kotlin' || language === 'nix') {
    return (language === 'java' ? javaEscape : language === 'kotlin' ? kotlinEscape : nixEscape)(text, at);
  }
  const next = text[at + 1];
  if (next === undefined) return undefined;
  if (next === '\n' || next === '\r') {
    // A line continuation (Python, JavaScript): the backslash and the line break are nothing.
    if (language === 'go') return undefined;
    return { value: '', length: next === '\r' && text[at + 2] === '\n' ? 3 : 2 };
  }
  if (next in SIMPLE_ESCAPES) {
    if (language === 'go' && next === "'") return undefined; // only in a rune literal
    return { value: SIMPLE_ESCAPES[next], length: 2 };
  }
  if (next === 'a' && language !== 'javascript') return { value: '\x07', length: 2 };
  if (next === '`' && language === 'javascript') return { value: '`', length: 2 };
  if (next === '$' && language === 'javascript') return { value: '$', length: 2 };
  const hex = (digits: number): { value: string; length: number } | undefined => {
    const code = text.slice(at + 2, at + 2 + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(code)) return undefined;
    const point = Number.parseInt(code, 16);
    return point > 0x10ffff ? undefined : { value: String.fromCodePoint(point), length: 2 + digits };
  };
  if (next === 'x') return hex(2);
  if (next === 'u' && language === 'javascript' && text[at + 2] === '{') {
    const close = text.indexOf('}', at + 3);
    const code = text.slice(at + 3, close);
    if (close === -1 || !/^[0-9a-fA-F]{1,6}$/.test(code) || Number.parseInt(code, 16) > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(Number.parseInt(code, 16)), length: close + 1 - at };
  }
  if (next === 'u') return hex(4);
  if (next === 'U' && language !== 'javascript') return hex(8);
  if (/[0-7]/.test(next) && language !== 'javascript') {
    const digits = /^[0-7]{1,3}/.exec(text.slice(at + 1, at + 4))?.[0] ?? '';
    if (language === 'go' && digits.length !== 3) return undefined;
    return { value: String.fromCharCode(Number.parseInt(digits, 8)), length: 1 + digits.length };
  }
  if (next === '0' && language === 'javascript') return { value: '\0', length: 2 };
  // Python keeps an unknown escape as it is (`\N{...}` is not read here); JavaScript drops the
  // backslash; Go refuses the literal.
  if (language === 'python') return next === 'N' ? undefined : { value: `\\${next}`, length: 2 };
  if (language === 'javascript') return { value: next, length: 2 };
  return undefined;
}

const RUST_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '0': '\0',
  "'": "'",
  '"': '"',
};

/** A Rust string's escape (The Rust Reference, "Tokens", string literals): the simple ones,
 *  `\x00`-`\x7F`, `\u{...}`, and a `\` ending a line, which skips the line break and the white
 *  space after it. */
function rustEscape(text: string, at: number): { value: string; length: number } | undefined {
  const next = text[at + 1];
  if (next === undefined) return undefined;
  if (next === '\n' || next === '\r') {
    let end = at + 1;
    while (end < text.length && /[ \t\r\n]/.test(text[end])) end++;
    return { value: '', length: end - at };
  }
  if (Object.hasOwn(RUST_ESCAPES, next)) return { value: RUST_ESCAPES[next], length: 2 };
  const hex = /^x([0-7][0-9a-fA-F])/.exec(text.slice(at + 1, at + 4));
  if (hex) return { value: String.fromCharCode(Number.parseInt(hex[1], 16)), length: 4 };
  const unicode = /^u\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(at + 1, at + 11));
  const point = unicode ? Number.parseInt(unicode[1], 16) : undefined;
  if (unicode && point! <= 0x10ffff) return { value: String.fromCodePoint(point!), length: 1 + unicode[0].length };
  return undefined;
}

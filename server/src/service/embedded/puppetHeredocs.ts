// Puppet's heredocs, found as Puppet's own lexer finds them (puppet/pops/parser/lexer2.rb): the
// manifest's code is read token by token, so an `@(` in a comment (`#` to the end of the line,
// `/* ... */`), in a string (`'...'`, `"..."`) or in a regular expression (`/.../` where an operand
// is expected) starts no heredoc, and the lines a heredoc's text takes are skipped when the line
// that opened it ends (its `:newline_jump`). Each heredoc is read as heredoc_support.rb reads it;
// an interpolating one's `$name` variables are found as interpolation_support.rb finds them.
import { LineIndex } from '../text/lineIndex';
import type { Heredoc } from './heredocs';
import type { Masked } from './templates';

/** Ruby's `[[:blank:]]` on a UTF-8 string (Onigmo): a tab or any Unicode space separator. */
const BLANK = String.raw`[\t\p{Zs}]`;
/** What Ruby's String#strip strips: ASCII white space and NUL. */
const STRIPPED = /^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g;
/** heredoc_support.rb, PATTERN_HEREDOC: `@(EOT)`, `@("EOT")` (interpolating), `@(EOT:yaml/L)`
 *  (a syntax, escapes); the tag's `"` are kept in group 1, the escapes are group 2. */
const PATTERN_HEREDOC = new RegExp(
  String.raw`@\(([^:/\r\n)]+)(?::${BLANK}*[a-z][a-zA-Z0-9_+]+${BLANK}*)?(?:\/((?:\w|\$)*)${BLANK}*)?\)`,
  'u',
);
/** interpolation_support.rb, PATTERN_VARIABLE (lexer2.rb's PATTERN_DOLLAR_VAR without its `$`):
 *  Ruby's `\w` is ASCII. */
const PATTERN_VARIABLE = /(?:::)?(?:[A-Za-z0-9_]+::)*[A-Za-z0-9_]+/y;
/** lexer2.rb, PATTERN_BARE_WORD and PATTERN_CLASSREF: a name, a word, a type's name. */
const PATTERN_WORD = /(?:(?:::)?[a-z_](?:[\w-]*\w)?)+|(?:(?:::)?[A-Z]\w*)+/y;
const PATTERN_NUMBER = /(?:0[xX][0-9A-Fa-f]+|0?\d+(?:\.\d+)?(?:[eE]-?\d+)?)\b/y;
/** lexer2.rb, KEYWORDS: after one a `/` starts a regular expression (`node /^web/`); `true` and
 *  `false` are operands (BOOLEAN). */
const KEYWORDS = new Set(
  'case class default define if elsif else inherits node and or undef in unless function type attr private'.split(' '),
);

/** `lines` are the manifest's lines without their line breaks. */
export function puppetHeredocs(lines: readonly string[]): Heredoc[] {
  const lexer = new PuppetLexer(lines);
  lexer.code(false);
  return lexer.found;
}

/**
 * The `$name` variables an interpolating heredoc's text holds (interpolation_support.rb,
 * interpolate_uq): a `$` followed by a variable's name, `$x`, `$::fqdn`, `$mod::x` (the longest
 * name, `$a.b` is `$a` then `.b`); a `$` followed by anything else is a dollar. Where the `$`
 * escape is on (`/$`), `\$` is a dollar (slurp_support.rb, SLURP_UQ_PATTERN); else every `$` counts.
 * `${...}` is found with the templates' directives.
 */
export function puppetVariables(text: string, dollarEscape: boolean): Array<readonly [number, number]> {
  const found: Array<readonly [number, number]> = [];
  for (let i = 0; i < text.length; i++) {
    if (dollarEscape && text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] !== '$') continue;
    PATTERN_VARIABLE.lastIndex = i + 1;
    const name = PATTERN_VARIABLE.exec(text);
    if (!name) continue;
    found.push([i, i + 1 + name[0].length]);
    i += name[0].length;
  }
  return found;
}

class PuppetLexer {
  readonly found: Heredoc[] = [];
  private readonly text: string;
  /** Where each line starts in `text` (the lines hold no line break, so its lines are theirs). */
  private readonly index: LineIndex;
  private pos = 0;
  /** The line lexing goes on with after the current line's line break: past the text of the
   *  heredocs it opened. */
  private jump: number | undefined;
  /** The last token ends an operand: a `/` after it divides (lexer2.rb, regexp_acceptable?). */
  private operand = false;
  /** Puppet refuses the manifest from here (an unclosed string or comment, a heredoc without an
   *  end): nothing after it is read. */
  private stopped = false;

  constructor(private readonly lines: readonly string[]) {
    this.text = lines.join('\n');
    this.index = new LineIndex(this.text);
  }

  /** Lexes code to the end, or (`interpolation`) to the `}` that closes a `${` of a string. */
  code(interpolation: boolean): void {
    const { text } = this;
    let depth = 0;
    while (this.pos < text.length && !this.stopped) {
      const c = text[this.pos];
      if (c === '\n') this.newline();
      else if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '#') this.skipTo('\n', 0);
      else if (c === '/' && text[this.pos + 1] === '*') this.skipTo('*/', 2);
      else if (c === '/') this.slash();
      else if (c === "'") this.singleQuoted();
      else if (c === '"') this.doubleQuoted();
      else if (c === '@' && text[this.pos + 1] === '(') this.heredoc();
      else if (c === '$') this.variable();
      else if (c === '}' && interpolation && depth === 0) {
        this.pos++;
        return;
      } else if (/[A-Za-z_:\d]/.test(c) && this.word()) continue;
      else {
        if (c === '{') depth++;
        else if (c === '}') depth--;
        // `)`, `]`, `|>` and `|>>` end an operand; any other punctuation expects one.
        this.operand = c === ')' || c === ']' || (c === '>' && /\|>?$/.test(text.slice(this.pos - 2, this.pos)));
        this.pos++;
      }
    }
  }

  private newline(): void {
    this.pos =
      this.jump === undefined
        ? this.pos + 1
        : this.jump < this.lines.length
          ? this.index.lineStart(this.jump)
          : this.text.length;
    this.jump = undefined;
  }

  /** Skips past `end` (a comment's), or stops: `#` ends at the line break, which is left to lex. */
  private skipTo(end: string, from: number): void {
    const at = this.text.indexOf(end, this.pos + from);
    if (at === -1 && end !== '\n') this.stopped = true;
    this.pos = at === -1 ? this.text.length : end === '\n' ? at : at + end.length;
  }

  /** A regular expression where an operand is expected (PATTERN_REGEX `/[^/]*\/`, an escaped `/`
   *  read on), else a division. */
  private slash(): void {
    const { text } = this;
    let end = this.operand ? -1 : text.indexOf('/', this.pos + 1);
    while (end !== -1 && escapedEnd(text, this.pos + 1, end)) end = text.indexOf('/', end + 1);
    this.pos = end === -1 ? this.pos + 1 : end + 1;
    this.operand = end !== -1;
  }

  /** slurp_support.rb, SLURP_SQ_PATTERN: to the first `'` no backslash escapes. */
  private singleQuoted(): void {
    const { text } = this;
    for (let h = this.pos + 1; h < text.length; h++) {
      if (text[h] === '\\') h++;
      else if (text[h] === "'") {
        this.pos = h + 1;
        this.operand = true;
        return;
      }
    }
    this.stopped = true;
  }

  /** interpolation_support.rb, interpolate_dq: to the first unescaped `"`; a `${` holds code. */
  private doubleQuoted(): void {
    const { text } = this;
    this.pos++;
    while (this.pos < text.length && !this.stopped) {
      const c = text[this.pos];
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        this.operand = true;
        return;
      } else if (c === '$' && text[this.pos + 1] === '{') {
        this.pos += 2;
        this.code(true);
      } else this.pos++;
    }
    this.stopped = true;
  }

  private variable(): void {
    PATTERN_VARIABLE.lastIndex = this.pos + 1;
    const name = PATTERN_VARIABLE.exec(this.text);
    this.pos += 1 + (name ? name[0].length : 0);
    this.operand = true;
  }

  /** A name, a keyword, a type or a number; false where none starts here (a lone `:`). */
  private word(): boolean {
    const pattern = /\d/.test(this.text[this.pos]) ? PATTERN_NUMBER : PATTERN_WORD;
    pattern.lastIndex = this.pos;
    const word = pattern.exec(this.text);
    if (!word) return false;
    this.pos += word[0].length;
    this.operand = !KEYWORDS.has(word[0]);
    return true;
  }

  /**
   * heredoc_support.rb, heredoc: the opener runs to the first `)`; its text starts on the line
   * after the opener's (after the previous heredoc's end line when several open on one line) and
   * ends at the first line that ends with the tag, `WS* ('|' WS*)? ('-' WS*)? tag WS*`, matched
   * anywhere in the line. With `|`, the exact text before it is the margin: a line that starts
   * with it loses it, any other line keeps its own; `-` drops the last line break. Escapes
   * (`/...`) are read in the text: one that holds a backslash is not read here.
   */
  private heredoc(): void {
    const { text, lines } = this;
    const close = text.indexOf(')', this.pos);
    const open = close === -1 ? null : PATTERN_HEREDOC.exec(text.slice(this.pos, close + 1));
    // `endtag.strip!`, then a tag in quotes interpolates and is stripped again.
    const quoted = open && /^"(.*)"$/.exec(open[1].replace(STRIPPED, ''));
    const tag = open ? (quoted ? quoted[1] : open[1]).replace(STRIPPED, '') : '';
    const first = open ? (this.jump ?? this.index.lineOf(close) + 1) : lines.length;
    if (!open || tag === '' || first >= lines.length) {
      this.stopped = true;
      return;
    }
    this.pos = close + 1;
    this.operand = true;
    const tagText = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const end = new RegExp(`(${BLANK}*)(?:(\\|)${BLANK}*)?(?:-${BLANK}*)?${tagText}${BLANK}*\\r?$`, 'u');
    let last = first;
    while (last < lines.length && !end.test(lines[last])) last++;
    if (last >= lines.length) {
      this.stopped = true; // no end line: Puppet refuses the manifest
      return;
    }
    this.jump = last + 1;
    const [, leading, bar] = end.exec(lines[last])!;
    const escapes = open[2];
    const body = lines.slice(first, last);
    if (last === first || (escapes !== undefined && body.some((l) => l.includes('\\')))) return;
    // A line written in may not end with the tag, and where the text interpolates, hold a `$`.
    const refused = [`${tagText}${BLANK}*$`, ...(escapes !== undefined ? ['\\\\'] : []), ...(quoted ? ['\\$'] : [])];
    this.found.push({
      first,
      last: last - 1,
      strip: { char: ' ', count: 0 },
      margin: bar && leading !== '' ? leading : undefined,
      refuse: new RegExp(refused.join('|'), 'mu'),
      // An empty escape list turns every escape on, `$` among them (heredoc_support.rb).
      interpolation: quoted
        ? { dollarEscape: escapes !== undefined && (escapes === '' || escapes.includes('$')) }
        : undefined,
    });
  }
}

/** lexer2.rb, escaped_end: the `/` at `end` is escaped by an odd run of backslashes before it. */
function escapedEnd(text: string, from: number, end: number): boolean {
  let escaped = false;
  for (let k = from; k < end; k++) escaped = text[k] === '\\' ? !escaped : false;
  return escaped;
}

/**
 * A manifest whose template directives were masked (templates.ts) with the text of each heredoc
 * that does not interpolate (`@(EOT)`) put back: Puppet reads `${x}` there as the four characters
 * it is, so does kube-apiserver once Puppet has written the file.
 */
export function literalHeredocsUnmasked(text: string, masked: Masked): Masked {
  if (masked.directives.length === 0) return masked;
  const index = new LineIndex(text);
  const lines = Array.from({ length: index.lineCount }, (_, i) => text.slice(index.lineStart(i), index.lineEnd(i)));
  const literal = puppetHeredocs(lines)
    .filter((h) => !h.interpolation)
    .map((h) => [index.lineStart(h.first), index.lineEnd(h.last)] as const);
  const inLiteral = ([start]: readonly [number, number]): boolean => literal.some(([s, e]) => start >= s && start < e);
  const restored = masked.directives.filter(inLiteral);
  if (restored.length === 0) return masked;
  let out = masked.text;
  for (const [start, end] of restored) out = out.slice(0, start) + text.slice(start, end) + out.slice(end);
  return { text: out, directives: masked.directives.filter((d) => !inLiteral(d)) };
}

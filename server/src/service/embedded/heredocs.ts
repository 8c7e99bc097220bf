// Finds the here-documents of a script or a Terraform file: `cat <<EOF > audit-policy.yaml` in a
// shell script, a cloud-init runcmd or a README's shell block; `content = <<-EOT` in Terraform.
// A here-document's body is a file of its own, which may be an audit policy or hold one.
import { indentColumns } from './alignScalar';
import { puppetHeredocs } from './puppetHeredocs';

export interface Heredoc {
  /** The body's first and last host lines (the delimiter lines excluded). */
  readonly first: number;
  readonly last: number;
  /** What every body line loses before the program gets it: `<<-` strips the shell's leading tabs,
   *  Terraform's common leading spaces; a plain `<<` keeps its lines as they are. With `tabWidth`
   *  (Ruby's `<<~`), `count` is columns of spaces and tabs, a tab reaching the next tab stop. */
  readonly strip: { readonly char: ' ' | '\t'; readonly count: number; readonly tabWidth?: number };
  /** Puppet: the exact text (the end line's indentation before its `|`) that every line starting
   *  with it loses; `strip` is then none. */
  readonly margin?: string;
  /** Text a line written into the body may not hold: what ends the body or is read as more than
   *  itself (Puppet's escapes and interpolations). */
  readonly refuse?: RegExp;
  /** Puppet: the text interpolates (`@("EOT")`): its `$name` variables are computed, and with
   *  the `$` escape on (`/$`) a `\$` is a dollar. */
  readonly interpolation?: { readonly dollarEscape: boolean };
  /** A shell's: the line taken as the end (Terraform's reading: the delimiter, indented or not) that
   *  no shell ends it on (shellEnds), so that the shell reads on into the lines after it. */
  readonly endShellsMiss?: { readonly line: number; readonly delimiter: string; readonly dash: boolean };
}

/** Says a text holds a here-document somewhere (a script kept in a YAML string, a source string,
 *  a list of lines), before it is read as a script. */
export const HEREDOC_OPERATOR = /(^|[^<])<<[~-]?[ \t]*["']?[A-Za-z_]\w*/;

/** `<<EOF`, `<<-EOT`, `<< 'EOF'`, `<<"EOF"` (not `<<<`, a here-string). */
const OPENER = /(?<!<)<<(-?)[ \t]*(["']?)([A-Za-z_][\w.-]*)\2/;
/** Ruby's `<<~EOS` (the least indented line's indentation stripped), `<<-EOS`, `<<EOS`,
 *  `<<~'EOS'`: the identifier follows at once (`a << b` appends; Ruby documentation, "Here
 *  Documents" in syntax/literals.rdoc). */
const RUBY_OPENER = /(?<!<)<<([~-]?)(["'`]?)([A-Za-z_]\w*)\2/;

/** Jsonnet's text block: `|||` ends its line, the block's first line sets the indentation every
 *  line loses, a line that starts with `|||` closes it (jsonnet.org, Language Reference, "Text
 *  Blocks"). */
const JSONNET_OPENER = /\|\|\|(-?)[ \t]*$/;

/** The language whose here-documents a file holds: a shell's (and Terraform's), Ruby's, Puppet's,
 *  or Jsonnet's text blocks. */
export type HeredocSyntax = 'shell' | 'ruby' | 'jsonnet' | 'puppet';

/** `lines` are the host's lines without their line breaks. */
export function findHeredocs(lines: readonly string[], syntax: HeredocSyntax = 'shell'): Heredoc[] {
  if (syntax === 'jsonnet') return textBlocks(lines);
  if (syntax === 'puppet') return puppetHeredocs(lines);
  const found: Heredoc[] = [];
  const opener = syntax === 'ruby' ? RUBY_OPENER : OPENER;
  let embeddedDocument = false;
  for (let line = 0; line < lines.length; line++) {
    if (syntax === 'ruby' && /^=(begin|end)(\s|$)/.test(lines[line])) embeddedDocument = lines[line][1] === 'b';
    const open = embeddedDocument ? null : opener.exec(lines[line]);
    if (!open || commentStart(lines[line], syntax) < open.index) continue;
    const [, dash, , delimiter] = open;
    let close = line + 1;
    // Terraform lets the closing delimiter be indented whatever the opener; so does `<<-` in a shell.
    while (close < lines.length && !closes(lines[close], delimiter)) close++;
    // Never closed (being typed): a shell reads it to the end of the file.
    const last = Math.min(close, lines.length) - 1;
    // Ruby's `<<-` only lets the delimiter be indented; its `<<~` strips the least indentation.
    const strip =
      syntax !== 'ruby' ? stripOf(lines, line + 1, last, dash) : rubyStrip(lines, line + 1, last, dash === '~');
    const missed = syntax === 'shell' && close < lines.length && !shellEnds(lines[close], delimiter, dash === '-');
    const endShellsMiss = missed ? { line: close, delimiter, dash: dash === '-' } : undefined;
    if (last > line) found.push({ first: line + 1, last, strip, ...(endShellsMiss ? { endShellsMiss } : {}) });
    line = close;
  }
  return found;
}

/**
 * Where a comment starts on a line (its length when none starts): an opener after it is text. A
 * shell's `#` that begins a word (bash(1), COMMENTS: `$#` and `${#x}` are none), HCL's `#` and `//`
 * (HCL native syntax specification, "Comments and Whitespace"; `//` only at a word's start, so a
 * shell's `http://` is none), Ruby's and Jsonnet's `#` (and Jsonnet's `//`) anywhere outside a
 * string. Ruby's `=begin` ... `=end` lines are skipped whole. Quotes are followed on the line only.
 */
function commentStart(line: string, syntax: HeredocSyntax): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== '') {
      if (c === '\\' && quote !== "'") i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '#' && (syntax !== 'shell' || i === 0 || /[\s;&|()<>]/.test(line[i - 1]))) return i;
    else if (
      c === '/' &&
      line[i + 1] === '/' &&
      (syntax === 'jsonnet' || (syntax === 'shell' && /^\s?$/.test(line[i - 1] ?? '')))
    )
      return i;
  }
  return line.length;
}

/** The delimiter alone on its line, or followed by what closes the string or the command
 *  substitution it was written in: `EOF"` ends `ssh node "cat <<EOF ...`, whose remote shell gets
 *  `EOF` as its last line, and `EOF)` ends `$(cat <<EOF ...`, as bash reads it. */
function closes(line: string, delimiter: string): boolean {
  const trimmed = line.trim();
  return trimmed === delimiter || (trimmed.startsWith(delimiter) && /^["'`)]/.test(trimmed.slice(delimiter.length)));
}

/**
 * Whether a shell ends the here-document on this line: bash(1), "Here Documents": it reads "until a
 * line containing only delimiter (with no trailing blanks) is seen", and `<<-` strips "all leading
 * tab characters" (not spaces) from the lines and the delimiter's line; dash and BuildKit's
 * Dockerfile heredocs read them the same way. What closes a string or a substitution around it
 * (`EOF"`, `EOF)`) ends it as in closes(), at the line's start; a CR is the line break of a file written on Windows.
 */
export function shellEnds(line: string, delimiter: string, dash: boolean): boolean {
  let text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (dash) text = text.replace(/^\t+/, '');
  return text === delimiter || (text.startsWith(delimiter) && /^["'`)]/.test(text.slice(delimiter.length)));
}

function stripOf(lines: readonly string[], first: number, last: number, dash: string): Heredoc['strip'] {
  if (dash === '') return { char: ' ', count: 0 };
  const body = lines.slice(first, last + 1).filter((l) => l.trim() !== '');
  if (body.length === 0) return { char: ' ', count: 0 };
  if (body.some((l) => l.startsWith('\t'))) {
    // A shell strips every leading tab of every line.
    return { char: '\t', count: body.reduce((most, l) => Math.max(most, /^\t*/.exec(l)![0].length), 0) };
  }
  return { char: ' ', count: body.reduce((least, l) => Math.min(least, /^ */.exec(l)![0].length), Infinity) };
}

/** Ruby's `<<~` (parse.y, update_heredoc_indent and dedent_string): the least indentation of the
 *  lines that hold more than spaces and tabs, counted in columns, a tab reaching the next multiple
 *  of 8 (TAB_WIDTH); other white space is text. */
function rubyStrip(lines: readonly string[], first: number, last: number, squiggly: boolean): Heredoc['strip'] {
  let width = Infinity;
  for (let l = first; squiggly && l <= last; l++) {
    const column = indentColumns(lines[l], Infinity, RUBY_TAB_WIDTH);
    if (column.at < lines[l].length) width = Math.min(width, column.width);
  }
  return width === Infinity ? { char: ' ', count: 0 } : { char: ' ', count: width, tabWidth: RUBY_TAB_WIDTH };
}

const RUBY_TAB_WIDTH = 8;

function textBlocks(lines: readonly string[]): Heredoc[] {
  const found: Heredoc[] = [];
  for (let line = 0; line < lines.length; line++) {
    const open = JSONNET_OPENER.exec(lines[line]);
    if (!open || commentStart(lines[line], 'jsonnet') < open.index) continue;
    const prefix = /^[ \t]*/.exec(lines[line + 1] ?? '')![0];
    let close = line + 1;
    while (close < lines.length && !lines[close].trimStart().startsWith('|||')) close++;
    const last = Math.min(close, lines.length) - 1;
    const char = prefix.startsWith('\t') ? '\t' : ' ';
    if (last > line && prefix !== '') found.push({ first: line + 1, last, strip: { char, count: prefix.length } });
    line = close;
  }
  return found;
}

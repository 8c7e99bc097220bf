// The quoted strings of a shell script that may span lines, decoded as the shell decodes them:
// `echo 'apiVersion: audit.k8s.io/v1 ...' > audit.yaml`, `echo "apiVersion: ..." >> audit.yaml`
// (k3s hardening scripts), `echo '<kops patch list>' | kops ...`. bash(1), QUOTING: between single
// quotes every character is itself, and a single quote cannot occur; between double quotes a
// backslash escapes only `$`, `` ` ``, `"`, `\` and a line break (which is then removed), and `$` and
// `` ` `` start expansions, which are values the script computes (kept as written, and opaque). A
// backslash outside quotes quotes the next character; a `#` that begins a word starts a comment.
// ANSI-C `$'...'` strings are skipped, not read. The string `echo -e` or `printf` is given is
// decoded once more, as they decode it (`\n`, `\t`, `\\`).
import { lineEndAt } from '../text/lines';
import type { Piece } from './sourceMap';

export interface ShellString {
  /** Host offsets of the string's content, between its quotes. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly pieces: Piece[];
  readonly quote: "'" | '"';
  /** Host ranges of its expansions (`$VAR`, `$(...)`, `` `...` ``). */
  readonly opaque: Array<readonly [number, number]>;
  /** The string is what `echo -e` or `printf` writes out, their escapes decoded. */
  readonly printed: 'echo' | 'printf' | undefined;
}

/** The command before a string whose backslash escapes it decodes: `echo -e`, `printf`. */
const PRINTS = /(^|[\s;&|(])(echo\s+-e|printf)\s+$/;

/** What a double-quoted string's backslash escapes (a line break is removed with it). */
const ESCAPED_IN_DOUBLE = new Set(['$', '`', '"', '\\']);

/** Every single- or double-quoted string of `text`; `text` has nothing else to skip (here-document
 *  bodies blanked by the caller). */
export function shellStrings(text: string): ShellString[] {
  const found: ShellString[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /[\s;&|()<>]/.test(text[i - 1]))) i = lineEndAt(text, i) - 1;
    else if (c === '$' && text[i + 1] === "'") i = ansiEnd(text, i + 2);
    else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) return found; // never closed: the shell refuses the script
      const length = close - i - 1;
      found.push({
        start: i + 1,
        end: close,
        text: text.slice(i + 1, close),
        pieces: [{ region: 0, regionLength: length, host: i + 1, hostLength: length }],
        quote: "'",
        opaque: [],
        printed: printedAt(text, i),
      });
      i = close;
    } else if (c === '"') {
      const string = doubleQuoted(text, i);
      if (!string) return found;
      found.push({ ...string, printed: printedAt(text, i) });
      i = string.end;
    }
  }
  return found;
}

/** Whether the string opened at `open` is the first argument of `echo -e` or `printf`. */
function printedAt(text: string, open: number): 'echo' | 'printf' | undefined {
  const command = PRINTS.exec(text.slice(Math.max(0, text.lastIndexOf('\n', open) + 1), open))?.[2];
  return command === undefined ? undefined : command === 'printf' ? 'printf' : 'echo';
}

/** What `echo -e` and `printf` write for a text: `\n`, `\t`, `\r` and `\\` decoded (bash's builtins,
 *  SHELL BUILTIN COMMANDS), and printf's `%%` (a format's percent sign), every other character as
 *  it is; the pieces map it onto the text. */
export function printedText(text: string, command: 'echo' | 'printf' = 'echo'): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const decoded =
      text[i] === '\\'
        ? PRINTED_ESCAPES[text[i + 1]]
        : text[i] === '%' && text[i + 1] === '%' && command === 'printf'
          ? '%'
          : undefined;
    if (decoded === undefined) continue;
    if (i > run) pieces.push({ region: out.length, regionLength: i - run, host: run, hostLength: i - run });
    out += text.slice(run, i);
    pieces.push({ region: out.length, regionLength: 1, host: i, hostLength: 2 });
    out += decoded;
    run = i + 2;
    i++;
  }
  if (text.length > run)
    pieces.push({ region: out.length, regionLength: text.length - run, host: run, hostLength: text.length - run });
  return { text: out + text.slice(run), pieces };
}

const PRINTED_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

function doubleQuoted(text: string, open: number): Omit<ShellString, 'printed'> | undefined {
  const pieces: Piece[] = [];
  const opaque: Array<readonly [number, number]> = [];
  let decoded = '';
  let runStart = open + 1;
  /** Ends the run of characters that are themselves, before `at`. */
  const flush = (at: number): void => {
    if (at > runStart)
      pieces.push({ region: decoded.length, regionLength: at - runStart, host: runStart, hostLength: at - runStart });
    decoded += text.slice(runStart, at);
  };
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      flush(i);
      return { start: open + 1, end: i, text: decoded, pieces, quote: '"', opaque };
    }
    if (c === '\\' && (ESCAPED_IN_DOUBLE.has(text[i + 1]) || text[i + 1] === '\n')) {
      flush(i);
      const removed = text[i + 1] === '\n';
      const character = removed ? '' : text[i + 1];
      pieces.push({ region: decoded.length, regionLength: character.length, host: i, hostLength: 2 });
      decoded += character;
      runStart = i + 2;
      i++;
    } else if (c === '$' || c === '`') {
      const end = expansionEnd(text, i);
      if (end > i + 1) opaque.push([i, end]);
      i = end - 1;
    }
  }
  return undefined; // never closed
}

/** Past an expansion that starts at `at`: `$name`, `${...}`, `$(...)` (nested), `` `...` ``. */
function expansionEnd(text: string, at: number): number {
  if (text[at] === '`') {
    const close = text.indexOf('`', at + 1);
    return close === -1 ? at + 1 : close + 1;
  }
  const next = text[at + 1];
  if (next === '{' || next === '(') {
    const closer = next === '{' ? '}' : ')';
    let depth = 0;
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] === next) depth++;
      else if (text[i] === closer && --depth === 0) return i + 1;
      else if (text[i] === '"') return at + 1; // quotes inside: left as text
    }
    return at + 1;
  }
  let end = at + 1;
  if (/[0-9?#@*$!-]/.test(next ?? '')) return end + 1;
  while (end < text.length && /\w/.test(text[end])) end++;
  return end;
}

/** Past an ANSI-C string whose content starts at `from` (backslash escapes, no expansions). */
function ansiEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === "'") return i;
  }
  return text.length;
}

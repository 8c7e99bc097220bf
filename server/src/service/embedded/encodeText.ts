// Policy text written into the place its host keeps the policy: re-indented in a block scalar, an
// inline mapping, a Markdown fence or a here-document; re-escaped in a quoted string. Undefined
// where the host cannot hold the text: a line break into a folded or single-quoted scalar (YAML
// folds it into a space), anything into an encoded value.
import type { RegionEncoding } from './region';

/** Where the text goes among the host's lines. */
export interface LinePlace {
  /** The text starts at a host line's first column, before the indentation the host adds. */
  readonly startsLine: boolean;
  /** The text's last line goes on with the policy text after the edit (a line's rest), so it is
   *  a line of content even when the text adds none to it. */
  readonly endJoins: boolean;
}

/** Text inserted inside a line: every line it starts after a line break is indented. */
export const WITHIN_LINE: LinePlace = { startsLine: false, endJoins: true };

/** `text` written where `encoding` says; `eol` is the line break of the text it goes into. */
export function encodeFor(encoding: RegionEncoding, text: string, eol: string, place: LinePlace): string | undefined {
  switch (encoding.kind) {
    case 'lines':
      return encoding.refuse?.test(text) ? undefined : indentLines(text, encoding.indent, eol, place);
    case 'double': {
      if (encoding.refuse?.test(text)) return undefined;
      const escaped = JSON.stringify(text).slice(1, -1);
      return encoding.quote === "'" ? escaped.replace(/'/g, "\\'") : escaped;
    }
    case 'single':
      return /[\r\n]/.test(text) ? undefined : text.replace(/'/g, "''");
    case 'folded':
      return /[\r\n]/.test(text) ? undefined : text;
    case 'encoded':
      return undefined;
    case 'hcl':
      // A level or a stage renamed inside its quotes, or a whole quoted string: HCL reads both.
      return /^"(?:[^"\\\r\n]|\\.)*"$|^[\w./*-]*$/.test(text) ? text : undefined;
    case 'nested': {
      // Written into the inner host (whose line breaks are `\n` once decoded), then that into the outer.
      const inner = encodeFor(encoding.inner, text, '\n', place);
      return inner === undefined ? undefined : encodeFor(encoding.outer, inner, eol, place);
    }
  }
}

/**
 * Each line of `text` that starts a host line gets the indentation, unless it is empty. YAML 1.2.2,
 * 8.1.2 Literal Style, [171] `l-nb-literal-text(n) ::= l-empty(n,BLOCK-IN)* s-indent(n) nb-char+`:
 * every content line carries the indentation; 6.5 Empty Lines, [70] `l-empty(n,c) ::=
 * ( s-line-prefix(n,c) | s-indent-less-than(n) ) b-as-line-feed`: an empty line needs none. A
 * Markdown fence or a here-document reads its lines the same way. After a final line break that
 * ends the edit nothing is written: the host line there keeps its own indentation.
 */
function indentLines(text: string, indent: string, eol: string, place: LinePlace): string {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines.length - 1;
  return lines
    .map((line, i) => {
      const startsHostLine = i > 0 || place.startsLine;
      const content = line !== '' || (i === last && place.endJoins);
      return startsHostLine && content ? indent + line : line;
    })
    .join(eol);
}

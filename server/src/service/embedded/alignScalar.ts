// Builds the source map of a YAML scalar that holds a policy: walks the decoded value (what a
// program reading the host gets) and the scalar's source side by side, so every character of the
// policy knows the host character it came from. One walk serves every style, because each style
// only adds host characters that decode to nothing (indentation, a folded line break's spaces, an
// escaped line break) or several host characters that decode to one (`\n`, `''`, CRLF).
import type { Piece } from './sourceMap';

export type ScalarStyle = 'block' | 'double' | 'single' | 'plain';

/**
 * @param from the host offset of the value's first content character (for a block scalar, the
 *   start of the line after its header)
 * @param indent for a block scalar, the content indentation every line loses; flow scalars lose all
 *   leading white space of a continuation line
 * @returns the pieces, or undefined when the source does not decode to `decoded` as expected
 */
export function alignScalar(
  decoded: string,
  host: string,
  from: number,
  style: ScalarStyle,
  indent: number,
): Piece[] | undefined {
  const pieces: Piece[] = [];
  let i = 0;
  let h = from;
  let lineStart = style === 'block';
  while (i < decoded.length) {
    if (h >= host.length) {
      // A block scalar at the end of a file without a final line break still ends in one.
      if (decoded[i] !== '\n') return undefined;
      pieces.push({ region: i, regionLength: 1, host: host.length, hostLength: 0 });
      i++;
      continue;
    }
    if (lineStart) {
      lineStart = false;
      if (style === 'block') {
        for (let k = 0; k < indent && host[h] === ' '; k++) h++;
      } else {
        while (host[h] === ' ' || host[h] === '\t') h++;
      }
      continue;
    }
    const c = decoded[i];
    const hc = host[h];
    if (style === 'double' && hc === '\\') {
      const escape = escapeAt(host, h);
      if (escape.lineBreak) {
        h += escape.hostLength;
        lineStart = true;
        continue;
      }
      pieces.push({ region: i, regionLength: escape.decodedLength, host: h, hostLength: escape.hostLength });
      i += escape.decodedLength;
      h += escape.hostLength;
      continue;
    }
    if (style === 'single' && hc === "'" && host[h + 1] === "'" && c === "'") {
      pieces.push({ region: i, regionLength: 1, host: h, hostLength: 2 });
      i++;
      h += 2;
      continue;
    }
    if (hc === '\r' || hc === '\n') {
      const breakLength = hc === '\r' && host[h + 1] === '\n' ? 2 : 1;
      if (c === '\n' || c === ' ') {
        // A line break kept (`\n`) or folded into a space.
        pieces.push({ region: i, regionLength: 1, host: h, hostLength: breakLength });
        i++;
      }
      // Otherwise folding dropped this break (the first break before an empty line).
      h += breakLength;
      lineStart = true;
      continue;
    }
    if (hc === c) {
      pieces.push({ region: i, regionLength: 1, host: h, hostLength: 1 });
      i++;
      h++;
      continue;
    }
    // White space that decoding strips: trailing spaces before a folded break in a flow scalar.
    if (hc === ' ' || hc === '\t') {
      h++;
      continue;
    }
    return undefined;
  }
  return pieces;
}

interface Escape {
  readonly hostLength: number;
  readonly decodedLength: number;
  /** An escaped line break: the break and the next line's indentation decode to nothing. */
  readonly lineBreak: boolean;
}

/** The length of a double-quoted scalar's escape sequence at `at` (a backslash), per YAML 1.2 5.7. */
function escapeAt(host: string, at: number): Escape {
  const next = host[at + 1];
  if (next === '\r' || next === '\n') {
    const breakLength = next === '\r' && host[at + 2] === '\n' ? 2 : 1;
    return { hostLength: 1 + breakLength, decodedLength: 0, lineBreak: true };
  }
  const hexDigits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
  if (hexDigits > 0) {
    const code = Number.parseInt(host.slice(at + 2, at + 2 + hexDigits), 16);
    return {
      hostLength: 2 + hexDigits,
      decodedLength: Number.isFinite(code) && code > 0xffff ? 2 : 1,
      lineBreak: false,
    };
  }
  return { hostLength: 2, decodedLength: 1, lineBreak: false };
}

/** The policy held by host lines `first`..`last` with `column` leading spaces (or `pad`s) removed
 *  from each (an inline mapping under a host key, a Markdown fence's body, a here-document); a
 *  `prefix` pad is removed only from a line that starts with all of it (Puppet's margin); with
 *  `tabWidth`, `column` columns of spaces and tabs are (Ruby's `<<~`).
 *  `firstFrom` starts the first line later (the mapping's first key may follow `- ` on its line). */
export function dedentLines(
  host: string,
  lineStarts: readonly number[],
  lineEnd: (line: number) => number,
  first: number,
  last: number,
  column: number,
  firstFrom?: number,
  pad: ' ' | '\t' | { readonly prefix: string } | { readonly tabWidth: number } = ' ',
): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const parts: string[] = [];
  let region = 0;
  for (let line = first; line <= last; line++) {
    let start = line === first && firstFrom !== undefined ? firstFrom : lineStarts[line];
    const end = lineEnd(line);
    if (typeof pad === 'object' && 'tabWidth' in pad) {
      start += indentColumns(host.slice(start, end), column, pad.tabWidth).at;
    } else if (typeof pad === 'object') {
      if (host.startsWith(pad.prefix, start) && start + pad.prefix.length <= end) start += pad.prefix.length;
    } else if (!(line === first && firstFrom !== undefined)) {
      for (let k = 0; k < column && start < end && host[start] === pad; k++) start++;
    }
    const content = host.slice(start, end);
    pieces.push({ region, regionLength: content.length, host: start, hostLength: content.length });
    parts.push(content);
    region += content.length;
    if (line < last) {
      const next = lineStarts[line + 1];
      pieces.push({ region, regionLength: 1, host: end, hostLength: next - end });
      region += 1;
    }
  }
  return { text: parts.join('\n'), pieces };
}

/** How far a line's leading spaces and tabs reach, up to `limit` columns: the characters they
 *  take (`at`) and their columns; a tab reaches the next multiple of `tabWidth`, and one that
 *  would pass the limit is not taken (Ruby's parse.y, dedent_string). */
export function indentColumns(line: string, limit: number, tabWidth: number): { at: number; width: number } {
  let at = 0;
  let width = 0;
  for (; at < line.length && width < limit; at++) {
    if (line[at] === ' ') width++;
    else if (line[at] === '\t') {
      const next = tabWidth * (Math.floor(width / tabWidth) + 1);
      if (next > limit) break;
      width = next;
    } else break;
  }
  return { at, width };
}

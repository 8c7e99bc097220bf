// Where an edit to an embedded policy goes in its host, and what it writes there.
//
// Most policy offsets have one host offset. An offset that starts a policy line has two when the
// host holds the policy line by line (a block scalar, an inline mapping, a Markdown fence, a
// here-document): the host line's first column, before the indentation the host adds, and the
// policy line's first character after it. An edit whose end is a line's start and whose text ends
// a line (a removed line, inserted lines) takes the first column at both ends, and the lines it
// writes get the indentation (encodeText.ts): the line after the edit keeps its own. That line
// need not be the policy's: after a block scalar's last line comes the host's next key or `---`,
// which an edit must leave where it is. Any other edit takes the policy characters' own places.
import { encodeFor } from './encodeText';
import type { RegionEncoding } from './region';
import type { SourceMap } from './sourceMap';

export interface EditSite {
  /** The policy's text, as its region holds it. */
  readonly policy: string;
  readonly map: SourceMap;
  readonly host: string;
  readonly encoding: RegionEncoding;
  /** The host's line break, for the lines the edit writes. */
  readonly eol: string;
}

export interface HostSpan {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The host form of replacing the policy's [start, end) with `text`, or undefined when the host
 *  cannot hold the result. */
export function placeEdit(site: EditSite, start: number, end: number, text: string): HostSpan | undefined {
  const { policy, map, host, encoding, eol } = site;
  let newText = text.replace(/\r\n?/g, '\n');
  const kind = innermost(encoding).kind;
  if (kind !== 'lines') {
    // In a quoted or folded scalar a policy line break is an escape (`\n`, exact) or a host line
    // break YAML folds, which no edit can remove or move exactly.
    const folds = kind === 'double' || kind === 'single' || kind === 'folded';
    if (folds && !escapedBreaksOnly(site, start, end)) return undefined;
    const encoded = encodeFor(encoding, newText, eol, { startsLine: false, endJoins: true });
    return encoded === undefined ? undefined : { start: map.toHost(start), end: map.toHost(end), newText: encoded };
  }
  // Clip and keep chomping end the value with a line break whatever its lines say (YAML 1.2.2,
  // 8.1.1.2 Block Chomping Indicator): a policy that ends with one keeps it, so the last line the
  // edit writes ends where the host's line does.
  const kept = policy.slice(0, start) + newText;
  if (end === policy.length && policy.endsWith('\n') && kept !== '' && !kept.endsWith('\n')) newText += '\n';
  const from = lineStart(site, start);
  let hostStart = map.toHost(start);
  let startsLine = false;
  if (from?.missing && newText !== '') {
    // The file ends without the block scalar's last line break: the edit writes it. Where the
    // host goes on (an outer `|-` left it out), the host's own line break ends the written lines.
    hostStart = from.at;
    newText = `\n${from.at < host.length && newText.endsWith('\n') ? newText.slice(0, -1) : newText}`;
  } else if (from) {
    hostStart = from.at;
    startsLine = true;
  }
  const lastLine = newText.slice(newText.lastIndexOf('\n') + 1);
  const to = lastLine === '' && (startsLine || newText.includes('\n')) ? lineStart(site, end) : undefined;
  const hostEnd = to ? to.at : map.toHost(end);
  const previousBreak = start > 0 ? map.hostCharacters(start - 1) : undefined;
  if (to?.missing && startsLine && newText === '' && previousBreak) {
    // Lines removed up to a line break the file leaves out: the one before them goes instead, so
    // that an insertion there (which writes its own) follows the line before, not an empty one.
    hostStart = previousBreak[0];
  }
  if (hostEnd < hostStart) return undefined;
  const endJoins = !to && end < policy.length && policy[end] !== '\n';
  const encoded = encodeFor(encoding, newText, eol, { startsLine, endJoins });
  if (encoded === undefined) return undefined;
  // The indentation the host line already has is left in place: the edit starts after it.
  let same = 0;
  while (same < encoded.length && hostStart + same < hostEnd && encoded[same] === host[hostStart + same]) {
    if (encoded[same] !== ' ' && encoded[same] !== '\t') break;
    same++;
  }
  return { start: hostStart + same, end: hostEnd, newText: encoded.slice(same) };
}

/** The host's first column of the policy line starting at `offset`, or undefined when `offset`
 *  starts no line, or its line has no column of its own in the host (the first line of a mapping
 *  that follows `- ` or a key; a line of a string the host quotes across lines). `missing`: the
 *  line would follow the line break a block scalar ends with, which the file leaves out at its end. */
function lineStart(site: EditSite, offset: number): { at: number; missing: boolean } | undefined {
  const { policy, map, host, encoding } = site;
  const first = map.toHost(offset);
  let at: number;
  if (offset === 0) {
    at = first;
    while (at > 0 && (host[at - 1] === ' ' || host[at - 1] === '\t')) at--;
    if (at > 0 && host[at - 1] !== '\n' && host[at - 1] !== '\r') return undefined;
    return linesThroughout(encoding) ? { at, missing: false } : undefined;
  }
  if (policy[offset - 1] !== '\n') return undefined;
  const lineBreak = map.hostCharacters(offset - 1);
  if (!lineBreak) return undefined;
  const written = host.slice(lineBreak[0], lineBreak[1]);
  if (written === '') return { at: lineBreak[1], missing: true };
  // A host line break is a line of the host only where every host around the policy keeps lines
  // (a line break inside a quoted string is folded); an escaped `\n` starts a line of the string.
  if (/^(\r\n|\r|\n)$/.test(written) ? !linesThroughout(encoding) : written !== '\\n') return undefined;
  at = lineBreak[1];
  return at <= first && /^[ \t]*$/.test(host.slice(at, first)) ? { at, missing: false } : undefined;
}

function innermost(encoding: RegionEncoding): RegionEncoding {
  return encoding.kind === 'nested' ? innermost(encoding.inner) : encoding;
}

function linesThroughout(encoding: RegionEncoding): boolean {
  if (encoding.kind === 'nested') return linesThroughout(encoding.inner) && linesThroughout(encoding.outer);
  return encoding.kind === 'lines';
}

/** True when every policy line break in [start, end) is written as an escape in the host. */
function escapedBreaksOnly(site: EditSite, start: number, end: number): boolean {
  for (let i = site.policy.indexOf('\n', start); i !== -1 && i < end; i = site.policy.indexOf('\n', i + 1)) {
    const chars = site.map.hostCharacters(i);
    if (!chars || site.host.slice(chars[0], chars[1]) !== '\\n') return false;
  }
  return true;
}

// A file a script writes a line at a time: `echo "apiVersion: audit.k8s.io/v1" > f` then
// `echo "kind: Policy" >> f` ..., or echo lines in a group whose output goes to the file
// (`{ echo ...; echo ...; } > f`). Each string alone is a piece of the policy (its first line
// alone read as a policy was refused for having no rules); together they are the file bash writes:
// each echo's text and a line break (bash's echo; `-n` writes none; a string `-e` would decode
// escapes in is read alone). A `>` starts the file again, a `>>` appends to it. The lines of a loop
// inside a group are read once, as one rendering of what the script writes.
import { lineEndAt } from '../text/lines';
import type { ShellString } from './shellStrings';
import type { Piece } from './sourceMap';

export interface EchoFile {
  /** The strings written, in order: none of them is read alone. */
  readonly strings: readonly ShellString[];
  /** What the script writes into the file, and where each character comes from in the host. */
  readonly text: string;
  readonly pieces: readonly Piece[];
  readonly opaque: ReadonlyArray<readonly [number, number]>;
  /** The host offset of the first string's opening quote: the file is named by its line. */
  readonly open: number;
}

/** `echo`, its options, and the space before the string. */
const ECHO = /^(?:[ \t]*|.*[;&|{][ \t]*)echo((?:[ \t]+-[neE]+)*)[ \t]+$/;
/** After the string: a redirect to the file (a word or a quoted name), then the end of the command. */
const REDIRECT = /^[ \t]*(>>?)[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)[ \t]*(?:[;&|#].*)?$/;
/** After a string in a group: nothing more on its command. */
const ENDS_COMMAND = /^[ \t]*(?:[;#].*)?$/;
/** A group that opens on a line of its own (`{`, `(`), and the line that closes it into a file. */
const GROUP_OPEN = /^[ \t]*[{(][ \t]*$/;
const GROUP_CLOSE = /^[ \t]*[})][ \t]*(>>?)[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|]+)[ \t]*(?:[;&|#].*)?$/;

interface Echo {
  readonly string: ShellString;
  readonly options: string;
}

/** The files of `text` that two echo strings or more write, by their one-line strings. */
export function echoFiles(text: string, strings: readonly ShellString[]): EchoFile[] {
  const files: EchoFile[] = [];
  /** The file each target is being written into, by the target as written. */
  const open = new Map<string, Echo[]>();
  const close = (target: string): void => {
    const echoes = open.get(target);
    open.delete(target);
    if (echoes && echoes.length > 1) files.push(written(echoes));
  };
  const write = (target: string, echoes: readonly Echo[]): void => {
    const file = open.get(target);
    if (file) file.push(...echoes);
    else open.set(target, [...echoes]);
  };
  /** Echo lines of a group not yet closed into a file. */
  let group: Echo[] | undefined;
  let next = 0;
  for (let lineStart = 0; lineStart <= text.length;) {
    const lineEnd = lineEndAt(text, lineStart);
    const line = text.slice(lineStart, lineEnd);
    if (GROUP_OPEN.test(line)) group = [];
    const closing = group && GROUP_CLOSE.exec(line);
    if (group && closing) {
      const [, operator, target] = closing;
      if (operator === '>') close(target);
      write(target, group);
      group = undefined;
    }
    // The strings whose opening quote is on this line.
    while (next < strings.length && strings[next].start - 1 < lineEnd) {
      const string = strings[next++];
      if (string.end > lineEnd) continue; // a string over lines is read alone
      const echo = ECHO.exec(text.slice(lineStart, string.start - 1));
      if (!echo || (echo[1].includes('e') && string.text.includes('\\'))) continue;
      const after = text.slice(string.end + 1, lineEnd);
      const redirect = REDIRECT.exec(after);
      if (redirect) {
        const [, operator, target] = redirect;
        if (operator === '>') close(target);
        write(target, [{ string, options: echo[1] }]);
      } else if (group && ENDS_COMMAND.test(after)) group.push({ string, options: echo[1] });
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  for (const target of [...open.keys()]) close(target);
  return files.sort((a, b) => a.open - b.open);
}

/** The text the echoes write, each string's pieces placed after the ones before. */
function written(echoes: readonly Echo[]): EchoFile {
  let text = '';
  const pieces: Piece[] = [];
  const opaque: Array<readonly [number, number]> = [];
  for (const { string, options } of echoes) {
    for (const p of string.pieces) pieces.push({ ...p, region: p.region + text.length });
    text += string.text;
    if (!options.includes('n')) {
      // The line break echo adds: placed on the closing quote, the host's end of the string.
      pieces.push({ region: text.length, regionLength: 1, host: string.end, hostLength: 1 });
      text += '\n';
    }
    opaque.push(...string.opaque);
  }
  return { strings: echoes.map((e) => e.string), text, pieces, opaque, open: echoes[0].string.start - 1 };
}

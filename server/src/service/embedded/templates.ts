// Template files (Helm and Go templates `{{ }}`, Jinja `{% %}` and `{# #}`, Terraform `${}` and
// `%{}`, ytt `#@`) are read as a person reads them: a directive is an opaque value. Each directive
// is masked with text of the same length, so offsets stay the same and the YAML around it parses:
// a directive alone on its line becomes a comment, one inside a line a plain placeholder made from
// the directive's text (maskedValues.ts), shown as the directive again in what people read.
// Findings that touch a directive are dropped afterwards: whatever it expands to is not ours to judge.
// ERB and Mako, which write tags rather than braces, are read so in the files that say they are
// written in one (tagTemplates.ts). Hugo's shortcodes (`{{< highlight yaml >}}`, `{{% code %}}`) are
// no Go template action (text/template refuses `{{<`): they are Markdown's markup, left for
// markdownRegions.ts to read.

import { maskOf } from './maskedValues';
import { tagDirectives } from './tagTemplates';
import type { TemplateDialect } from './tagTemplates';

export interface Masked {
  readonly text: string;
  /** [start, end) host offsets of every directive. */
  readonly directives: ReadonlyArray<readonly [number, number]>;
}

const OPENERS = ['{{', '{%', '{#', '${', '%{'] as const;
const CLOSERS: Record<(typeof OPENERS)[number], string> = { '{{': '}}', '{%': '%}', '{#': '#}', '${': '}', '%{': '}' };
/** A directive never spans more than this: past it, an opener is ordinary text. */
const MAX_DIRECTIVE = 4096;

export function hasTemplateDirectives(text: string): boolean {
  return /\{\{|\{%|\{#|\$\{|%\{|#@/.test(text);
}

export function maskTemplates(text: string, dialect?: TemplateDialect): Masked {
  if (!dialect && !hasTemplateDirectives(text)) return { text, directives: [] };
  const tags = dialect ? tagDirectives(text, dialect) : [];
  const directives: Array<[number, number]> = [];
  let nextTag = 0;
  for (let i = 0; i < text.length; i++) {
    while (nextTag < tags.length && tags[nextTag][0] < i) nextTag++; // a tag inside a brace directive
    if (nextTag < tags.length && tags[nextTag][0] === i) {
      // A brace inside a tag (`<% x = { a: 1 } %>`, `% if ${x}:`) is the tag's.
      directives.push(tags[nextTag]);
      i = tags[nextTag++][1] - 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '{{' && (text[i + 2] === '<' || text[i + 2] === '%')) {
      i = shortcodeEnd(text, i) - 1;
      continue;
    }
    if (two === '#@' && (i === 0 || /\s/.test(text[i - 1]))) {
      // ytt: `#@` starts an annotation that runs to the end of the line (a YAML comment already).
      let end = i;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      directives.push([i, end]);
      i = end;
      continue;
    }
    const opener = OPENERS.find((o) => o === two);
    if (!opener) continue;
    const end = closingOf(text, i, opener);
    if (end === undefined) continue;
    directives.push([i, end]);
    i = end - 1;
  }
  if (directives.length === 0) return { text, directives };
  const chars = text.split('');
  for (const [start, end] of directives) {
    if (text.startsWith('#@', start)) continue;
    const comment = aloneOnLine(text, start, end, directives);
    const mask = maskOf(text.slice(start, end));
    const hash = comment ? commentColumn(text, start, end) : -1;
    for (let k = start; k < end; k++) {
      if (chars[k] === '\n' || chars[k] === '\r') continue;
      chars[k] = k === hash ? '#' : comment ? ' ' : mask[k - start];
    }
  }
  return { text: chars.join(''), directives };
}

/** Past a Hugo shortcode (`{{< name args >}}`, `{{% name %}}`), or past its opener when it is not closed. */
function shortcodeEnd(text: string, open: number): number {
  const closer = text[open + 2] === '<' ? '>}}' : '%}}';
  const at = text.indexOf(closer, open + 3);
  return at !== -1 && at + closer.length - open <= MAX_DIRECTIVE ? at + closer.length : open + 3;
}

/**
 * Where the `#` of a directive masked as a comment goes: at the directive, unless the next line is
 * indented further (`% if x:` or `{{- if }}` at column 0 among a block scalar's lines): a comment
 * less indented than a block scalar would end it, so the `#` moves to that indentation, inside
 * the scalar (where it is a comment of the policy it holds), leaving two spaces after it.
 */
function commentColumn(text: string, start: number, end: number): number {
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let firstEnd = start;
  while (firstEnd < end && text[firstEnd] !== '\n' && text[firstEnd] !== '\r') firstEnd++;
  const rest = /[^\r\n]*(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))*( *)\S/.exec(text.slice(end));
  if (!rest || firstEnd < end) return start;
  const column = lineStart + rest[1].length;
  return column > start && column <= firstEnd - 3 ? column : start;
}

function closingOf(text: string, open: number, opener: (typeof OPENERS)[number]): number | undefined {
  const closer = CLOSERS[opener];
  const limit = Math.min(text.length, open + MAX_DIRECTIVE);
  if (closer === '}') {
    // `${ a({ b }) }`: braces nest in Terraform expressions.
    let depth = 0;
    for (let k = open + 1; k < limit; k++) {
      if (text[k] === '{') depth++;
      else if (text[k] === '}' && --depth === 0) return k + 1;
    }
    return undefined;
  }
  const at = text.indexOf(closer, open + 2);
  return at !== -1 && at + closer.length <= limit ? at + closer.length : undefined;
}

/** True when some directive is alone on its line(s), so masked as a comment. */
export function masksAsComment(text: string, directives: ReadonlyArray<readonly [number, number]>): boolean {
  return directives.some(([start, end]) => !text.startsWith('#@', start) && aloneOnLine(text, start, end, directives));
}

/** True when only white space and other directives share the directive's line(s). */
function aloneOnLine(
  text: string,
  start: number,
  end: number,
  directives: ReadonlyArray<readonly [number, number]>,
): boolean {
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  for (let k = lineStart; k < lineEnd; k++) {
    if (text[k] === ' ' || text[k] === '\t') continue;
    if (directives.some(([s, e]) => k >= s && k < e)) continue;
    return false;
  }
  return true;
}

/** True when [start, end) touches a directive, or a directive shares a line with `start`
 *  (`level: {{ .Values.level }}`: the finding is on the key, the cause in the directive). */
export function touchesDirective(
  directives: ReadonlyArray<readonly [number, number]>,
  start: number,
  end: number,
  lineOf: (offset: number) => number,
): boolean {
  if (directives.length === 0) return false;
  const line = lineOf(start);
  return directives.some(
    ([s, e]) => (s < Math.max(end, start + 1) && e > start) || lineOf(s) === line || lineOf(e) === line,
  );
}

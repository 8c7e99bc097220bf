// Template files (Helm and Go templates `{{ }}`, Jinja `{% %}` and `{# #}`, Terraform `${}` and
// `%{}`, ytt `#@`) are read as a person reads them: a directive is an opaque value. Each directive
// is masked with text of the same length, so offsets stay the same and the YAML around it parses:
// a directive alone on its line becomes a comment, one inside a line a plain placeholder made from
// the directive's text (maskedValues.ts), shown as the directive again in what people read.
// Findings that touch a directive are dropped afterwards: whatever it expands to is not ours to judge.
// ERB and Mako, which write tags rather than braces, are read so in the files that say they are
// written in one (tagTemplates.ts). Hugo's shortcodes (`{{< highlight yaml >}}`, `{{% code %}}`) are
// no Go template action (text/template refuses `{{<`): they are Markdown's markup, left for
// markdownRegions.ts to read, as are Jekyll's `{% highlight yaml %}` tags.

import { lineEndAt } from '../text/lines';
import { maskOf } from './maskedValues';
import { Closers, MAX_DIRECTIVE, tagDirectives } from './tagTemplates';
import { controlOf } from './templateVariants';
import type { TemplateDialect } from './tagTemplates';

export interface Masked {
  readonly text: string;
  /** [start, end) host offsets of every directive. */
  readonly directives: ReadonlyArray<readonly [number, number]>;
}

const OPENERS = ['{{', '{%', '{#', '${', '%{'] as const;
const CLOSERS: Record<(typeof OPENERS)[number], string> = { '{{': '}}', '{%': '%}', '{#': '#}', '${': '}', '%{': '}' };

export function hasTemplateDirectives(text: string): boolean {
  return /\{\{|\{%|\{#|\$\{|%\{|#@/.test(text);
}

export function maskTemplates(text: string, dialect?: TemplateDialect): Masked {
  if (!dialect && !hasTemplateDirectives(text)) return { text, directives: [] };
  const { directives: tags, plain } = dialect ? tagDirectives(text, dialect) : { directives: [], plain: [] };
  const directives: Array<[number, number]> = [];
  const closers = new Closers(text);
  let nextTag = 0;
  let nextPlain = 0;
  for (let i = 0; i < text.length; i++) {
    while (nextTag < tags.length && tags[nextTag][0] < i) nextTag++; // a tag inside a brace directive
    if (nextTag < tags.length && tags[nextTag][0] === i) {
      // A brace inside a tag (`<% x = { a: 1 } %>`, `% if ${x}:`) is the tag's.
      directives.push(tags[nextTag]);
      i = tags[nextTag++][1] - 1;
      continue;
    }
    while (nextPlain < plain.length && plain[nextPlain][1] <= i) nextPlain++;
    if (nextPlain < plain.length && plain[nextPlain][0] <= i) {
      i = plain[nextPlain][1] - 1; // Mako's `<%text>` body: text, whatever it holds
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '{{' && (text[i + 2] === '<' || text[i + 2] === '%')) {
      i = shortcodeEnd(text, i, closers) - 1;
      continue;
    }
    if (two === '{%' && LIQUID_HIGHLIGHT.test(text.slice(i, i + 24))) {
      i = (closers.end('%}', i + 2, i) ?? i + 2) - 1;
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
    const end = closingOf(text, i, opener, closers);
    if (end === undefined) continue;
    directives.push([i, end]);
    i = end - 1;
  }
  if (directives.length === 0) return { text, directives };
  const chars = text.split('');
  const lines = lineTable(text, directives);
  for (const [start, end] of directives) {
    if (text.startsWith('#@', start)) continue;
    const trailing = endsBlockHeader(text, start, end, lines);
    const comment = trailing || aloneOnLine(lines, start, end);
    const mask = maskOf(text.slice(start, end));
    const hash = trailing ? start + 1 : comment ? commentColumn(text, start, end, lines) : -1;
    for (let k = start; k < end; k++) {
      if (chars[k] === '\n' || chars[k] === '\r') continue;
      chars[k] = k === hash ? '#' : comment ? ' ' : mask[k - start];
    }
  }
  return { text: chars.join(''), directives };
}

/** Whether the directive ends a block scalar's header line (`policy: |-<% x = 1 %>`, Gardener's
 *  Mako templates): only a comment may follow `|` or `>` there, so it is masked as one, ` #`. */
function endsBlockHeader(text: string, start: number, end: number, lines: LineTable): boolean {
  if (end - start < 2 || text.slice(end, lineEndAt(text, end)).trim() !== '') return false;
  return BLOCK_HEADER_END.test(text.slice(lines.starts[lastAtOrBefore(lines.starts, start)], start));
}

/** A mapping value or a list item that opens a block scalar, with its indicators (YAML 1.2, 8.1.1). */
const BLOCK_HEADER_END = /(^|[\s:-])[|>]([1-9][+-]?|[+-][1-9]?)?$/;

/** Jekyll's `{% highlight yaml %}` and `{% endhighlight %}` mark a Markdown code block
 *  (markdownBlocks.ts), as Hugo's shortcodes do: structure, not a directive to mask. */
const LIQUID_HIGHLIGHT = /^\{%-?\s*(?:end)?highlight\b/;

/** Past a Hugo shortcode (`{{< name args >}}`, `{{% name %}}`), or past its opener when it is not closed. */
function shortcodeEnd(text: string, open: number, closers: Closers): number {
  return closers.end(text[open + 2] === '<' ? '>}}' : '%}}', open + 3, open) ?? open + 3;
}

/** The host's lines as the directives leave them, read in one pass (any number of directives
 *  costs one walk of the text): where each starts, whether it holds text of its own (not white
 *  space, not a directive's), and the indentation of the next line below it that does (-1: none). */
interface LineTable {
  readonly starts: readonly number[];
  readonly hasText: readonly boolean[];
  readonly nextIndent: readonly number[];
}

function lineTable(text: string, directives: ReadonlyArray<readonly [number, number]>): LineTable {
  const starts = [0];
  const hasText: boolean[] = [false];
  const indent: number[] = [-1];
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      starts.push(i + 1);
      hasText.push(false);
      indent.push(-1);
      continue;
    }
    if (c === '\r' || c === ' ' || c === '\t') continue;
    const line = starts.length - 1;
    if (indent[line] === -1) indent[line] = i - starts[line];
    while (d < directives.length && directives[d][1] <= i) d++;
    if (d >= directives.length || directives[d][0] > i) hasText[line] = true;
  }
  const nextIndent = new Array<number>(starts.length);
  let next = -1;
  for (let l = starts.length - 1; l >= 0; l--) {
    nextIndent[l] = next;
    if (hasText[l]) next = indent[l];
  }
  return { starts, hasText, nextIndent };
}

/**
 * Where the `#` of a directive masked as a comment goes: at the directive, unless the next line
 * with text of its own is indented further (`% if x:` or `{{- if }}` at column 0 among a block
 * scalar's lines): a comment less indented than a block scalar would end it, so the `#` moves to
 * that indentation, inside the scalar (where it is a comment of the policy it holds), leaving two
 * spaces after it.
 */
function commentColumn(text: string, start: number, end: number, lines: LineTable): number {
  let firstEnd = start;
  while (firstEnd < end && text[firstEnd] !== '\n' && text[firstEnd] !== '\r') firstEnd++;
  if (firstEnd < end) return start;
  const line = lastAtOrBefore(lines.starts, start);
  const indent = lines.nextIndent[line];
  const column = lines.starts[line] + indent;
  return indent >= 0 && column > start && column <= firstEnd - 3 ? column : start;
}

/** The index of the last of the ascending `values` that is at most `value`. */
function lastAtOrBefore(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function closingOf(text: string, open: number, opener: (typeof OPENERS)[number], closers: Closers): number | undefined {
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
  return closers.end(closer, open + 2, open);
}

/** True when some directive is alone on its line(s), so masked as a comment. */
export function masksAsComment(text: string, directives: ReadonlyArray<readonly [number, number]>): boolean {
  const lines = lineTable(text, directives);
  return directives.some(([start, end]) => !text.startsWith('#@', start) && aloneOnLine(lines, start, end));
}

/** True when only white space and other directives share the directive's line(s). */
function aloneOnLine(lines: LineTable, start: number, end: number): boolean {
  const last = lastAtOrBefore(lines.starts, end);
  for (let line = lastAtOrBefore(lines.starts, start); line <= last; line++) if (lines.hasText[line]) return false;
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

/** Whether a directive writes text where it stands: Go's and Jinja's `{{ }}` but a comment or a
 *  control action (templateVariants.ts controlOf: those only choose among the lines written), an
 *  include, ERB's `<%= %>`, a `${}`. */
function writesText(directive: string): boolean {
  if (directive.startsWith('{{')) return !/^\{\{-?\s*\/\*/.test(directive) && controlOf(directive) === 'other';
  return /^(\{%-?\s*include\b|<%=|\$\{)/.test(directive);
}

/**
 * Whether what starts on the line at `start` has its content written by a directive: the next line
 * that is not blank holds only a directive that writes text, at least as deep (`rules:` over
 * `  {{ .Values.rules | toYaml }}`, a rule over `  {{- include "selectors" . }}`). Masked as a
 * comment, it leaves that content empty to the YAML, and what is said of empty content (no rules, no
 * level, a rule that matches everything) is not ours to say.
 */
export function contentFromDirective(
  text: string,
  directives: ReadonlyArray<readonly [number, number]>,
  start: number,
): boolean {
  if (directives.length === 0) return false;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0].length;
  let next = text.indexOf('\n', start);
  while (next !== -1 && text.slice(next + 1, lineEndAt(text, next + 1)).trim() === '')
    next = text.indexOf('\n', next + 1);
  if (next === -1) return false;
  const at = next + 1;
  const column = /^[ \t]*/.exec(text.slice(at, at + 200))![0].length;
  if (column < indent) return false;
  const end = lineEndAt(text, at);
  return directives.some(
    ([s, e]) =>
      s === at + column && text.slice(e, end).trim() === '' && writesText(text.slice(s, Math.min(e, s + 200))),
  );
}

/** A directive that starts another branch of a conditional: Go's and Helm's `{{ else }}` (and
 *  `{{ else if }}`), Jinja's `{% else %}` and `{% elif %}`, ERB's `<% else %>` and `<% elsif %>`,
 *  Mako's `% else:` and `% elif`. */
const BRANCH = /^(\{\{-?|\{%-?|<%-?|%)\s*(else|elif|elsif)\b/;

/** Whether a directive between offsets `a` and `b` starts another branch of a conditional: what lies
 *  on either side is never rendered together (a key in both branches is no duplicate). */
export function branchBetween(
  text: string,
  directives: ReadonlyArray<readonly [number, number]>,
  a: number,
  b: number,
): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  return directives.some(([s, e]) => s >= from && e <= to && BRANCH.test(text.slice(s, Math.min(e, s + 16))));
}

/** A line that is a Go template's control action alone (`{{- if .Values.x }}`, `{{ else }}`,
 *  `{{- end }}`, `{{ range ... }}`): no YAML, and no policy file kube-apiserver is given, holds one;
 *  a file that has one is a Go template whatever its name (aks-engine's `parts/`). */
const GO_CONTROL_LINE = /^[ \t]*\{\{-?\s*(if|else|end|range|with|define|template|block)\b[^\n]*\}\}[ \t]*\r?$/m;

export function hasGoTemplateControl(text: string): boolean {
  return text.includes('{{') && GO_CONTROL_LINE.test(text);
}

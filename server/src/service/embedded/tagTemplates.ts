// The directives of the templates that write tags rather than braces: ERB (Chef cookbooks, Puppet
// `.erb`; Puppet's EPP writes the same tags) and Mako (Salt's `#!mako` renderer, Python tools).
// Only a file that says it is one of these is read so: `<%` and a `%` at a line's start are plain
// text in any other file (in YAML a `%` starts a directive only at a document's start, `%YAML`,
// `%TAG`; elsewhere it is text, in a block scalar as anywhere), so neither the file's content nor
// a `%` line decides it, only its extension (`.erb`, `.epp`, `.mako`, `.mak`) or, for Salt, the
// renderer its first line names (`#!mako|yaml`), which is how Salt itself decides.
// `.tmpl` and `.tpl` stay Go templates (text/template's and Helm's own names for them), unless a
// line of the file closes a Mako control block (`% endif`, `% endfor`): Gardener's `.yaml.tpl`
// templates are Mako under that name, and neither a Go template nor YAML writes such a line.
//
// ERB (Ruby's erb): `<% code %>`, `<%= value %>`, `<%- ... -%>` (trim markers), `<%# comment %>`;
// `<%%` is a literal `<%`. Mako (docs.makotemplates.org, Syntax): `${expression}` (masked with the
// other braces, templates.ts), a control line (`%` as a line's first non-blank character, `% if x:`,
// `% endfor`; `%%` is a literal `%`), a comment line (`##`), `<% code %>` and `<%! code %>`, a
// `<%doc>` comment up to `</%doc>`, and tags (`<%include file="a"/>`, `<%def name="f()">`,
// `</%def>`). `<%text>` ... `</%text>` holds plain text (docs.makotemplates.org, Defs and Blocks...:
// "The <%text> tag": it "suspends the Mako lexer's normal parsing of Mako template directives, and
// returns its entire body contents as plain text"): its two tags are directives, its body is not,
// nor anything in it (`${x}`, `% if`, `<%def>`).

export type TemplateDialect = 'erb' | 'mako';

/** A directive never spans more than this (a tag here, braces in templates.ts): past it, an opener
 *  is ordinary text. It also keeps the search for a closer that never comes short. */
export const MAX_DIRECTIVE = 4096;

const ERB_PATH = /\.(erb|epp)$/i;
const MAKO_PATH = /\.(mako|mak)$/i;
/** Salt's renderer line names a pipe that holds Mako: `#!mako|yaml`, `#!yaml_mako`, `#!jinja|mako|yaml`
 *  (salt/template.py, template_shebang: only the first line, and only when it starts with `#!`). */
const MAKO_RENDERER = /^#![^\r\n]*mako/;

/** The names Go templates go by, which some Mako templates take too. */
const GO_TEMPLATE_PATH = /\.(tpl|tmpl)$/i;
/** The end of a Mako control block, on its own line (docs.makotemplates.org, Syntax, "Control
 *  Structures": `% endif`, `% endfor`, `% endwhile`, `% endtry`). */
const MAKO_BLOCK_END = /^[ \t]*%[ \t]*end(if|for|while|try)\b/m;

/** The tag dialect a file is written in, by its path or (Salt) its renderer line, or (a `.tpl` or
 *  `.tmpl` file) the end of a Mako control block; none for any other file. */
export function templateDialect(path: string, text: string): TemplateDialect | undefined {
  if (ERB_PATH.test(path)) return 'erb';
  if (MAKO_PATH.test(path) || MAKO_RENDERER.test(text)) return 'mako';
  if (GO_TEMPLATE_PATH.test(path) && MAKO_BLOCK_END.test(text)) return 'mako';
  return undefined;
}

export interface TagScan {
  /** [start, end) host offsets of every directive of the dialect, in order, none overlapping. */
  readonly directives: Array<[number, number]>;
  /** [start, end) of the text between Mako's `<%text>` and `</%text>`, in order: no directive of any
   *  kind is read there, braces neither. */
  readonly plain: Array<[number, number]>;
}

const TEXT_OPEN = /^<%text[\s>]/;
const TEXT_CLOSE = '</%text>';

/** The dialect's directives in the text, and the bodies of Mako's `<%text>` tags. */
export function tagDirectives(text: string, dialect: TemplateDialect): TagScan {
  const found: Array<[number, number]> = [];
  const plain: Array<[number, number]> = [];
  const closers = new Closers(text);
  /** Set once a search for `</%text>` finds none: none is further on either. */
  let noTextClose = false;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      lineStart = true;
      continue;
    }
    if (lineStart && (c === ' ' || c === '\t')) continue;
    const atLineStart = lineStart;
    lineStart = false;
    if (dialect === 'mako' && atLineStart && isMakoLine(text, i)) {
      const end = lineEndOf(text, i);
      found.push([i, end]);
      i = end - 1;
      continue;
    }
    if (c !== '<') continue;
    const end = dialect === 'erb' ? erbTagEnd(text, i, closers) : makoTagEnd(text, i, closers);
    if (end === undefined) continue;
    found.push([i, end]);
    const open = i;
    i = end - 1;
    if (dialect === 'mako' && !noTextClose && TEXT_OPEN.test(text.slice(open, open + 7))) {
      // Unclosed, Mako refuses the template; here only the tag is masked and the rest read as usual.
      const close = text.indexOf(TEXT_CLOSE, end);
      if (close === -1) noTextClose = true;
      else {
        plain.push([end, close]);
        found.push([close, close + TEXT_CLOSE.length]);
        i = close + TEXT_CLOSE.length - 1;
      }
    }
  }
  return { directives: found, plain };
}

/** A Mako control line (`% for`, not the literal `%%`) or comment line (`##`). */
function isMakoLine(text: string, at: number): boolean {
  return (text[at] === '%' && text[at + 1] !== '%') || text.startsWith('##', at);
}

function lineEndOf(text: string, at: number): number {
  let end = at;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

function erbTagEnd(text: string, open: number, closers: Closers): number | undefined {
  if (!text.startsWith('<%', open) || text[open + 2] === '%') return undefined;
  return closers.end('%>', open + 2, open);
}

function makoTagEnd(text: string, open: number, closers: Closers): number | undefined {
  if (text.startsWith('<%doc>', open)) return closers.end('</%doc>', open + 6, open);
  if (text.startsWith('</%', open)) return closers.end('>', open + 3, open);
  if (!text.startsWith('<%', open) || text[open + 2] === '%') return undefined;
  // `<%def name="f()">`, `<%include file="a.mako"/>`: a tag, closed by `>` outside its quotes.
  if (/[A-Za-z]/.test(text[open + 2] ?? '')) return tagClose(text, open, closers);
  return closers.end('%>', open + 2, open); // `<% code %>`, `<%! module code %>`
}

/**
 * Finds the closers of a text's directives, scanned from its start to its end: each search looks
 * only as far as the directive limit, and never again over text a failed search for the same
 * closer has read, so a file of openers without closers is read in linear time.
 */
export class Closers {
  /** Per closer: no whole occurrence lies between the last search's start and this offset. */
  private readonly clearTo = new Map<string, number>();

  constructor(private readonly text: string) {}

  /** The offset just past `closer`'s first occurrence from `from` (which never decreases from one
   *  call to the next), or undefined when it is not within the limit from `open`. */
  end(closer: string, from: number, open: number): number | undefined {
    const limit = Math.min(this.text.length, open + MAX_DIRECTIVE);
    const start = Math.max(from, (this.clearTo.get(closer) ?? 0) - closer.length + 1);
    const at = start < limit ? this.text.slice(start, limit).indexOf(closer) : -1;
    if (at !== -1) return start + at + closer.length;
    this.clearTo.set(closer, Math.max(limit, this.clearTo.get(closer) ?? 0));
    return undefined;
  }
}

function tagClose(text: string, open: number, closers: Closers): number | undefined {
  // No `>` at all within the limit: none outside quotes either (that search is the quick one).
  if (closers.end('>', open + 2, open) === undefined) return undefined;
  const limit = Math.min(text.length, open + MAX_DIRECTIVE);
  let quote: string | undefined;
  for (let k = open + 2; k < limit; k++) {
    const c = text[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return k + 1;
  }
  return undefined;
}

// A template's conditionals, read branch by branch. The file is read with all of its text at once
// (templates.ts masks the directives), so a key written in two branches of an `if`/`else` is the
// same key twice, and the last one wins: a typo in the first branch (`verbs: ["wtach"]`) would go
// unseen. Each variant here keeps one branch of every conditional that has several (the first of
// each, then the second, ...) and blanks the others, keeping every offset, so that the file can be
// read again as one rendering of the template would be.
//
// The control directives are told by their first word, as each dialect writes them: Go templates
// (`{{ if }}`, `{{ else if }}`, `{{ else }}`, `{{ end }}`; range, with, define and block end with
// `end` too), Jinja (`{% if %}`, `{% elif %}`, `{% else %}`, `{% endif %}`, and every block tag's
// `end...`), ERB (`<% if %>`, `<% elsif %>`, `<% else %>`, `<% end %>`, a block that opens with
// `do`), Mako (`% if x:`, `% elif`, `% else:`, `% endif`) and Terraform's template directives
// (`%{ if }`, `%{ else }`, `%{ endif }`). Directives that do not nest as those rules say leave the
// file as it is read today: no variant.

/** One conditional's branches: [start, end) host offsets of the text between its directives. */
export type Branches = ReadonlyArray<readonly [number, number]>;

export interface Variant {
  /** The host text with every branch but the kept ones blanked (line breaks kept). */
  readonly text: string;
  /** The branches this variant keeps of the conditionals that have several. */
  readonly kept: Branches;
}

/** Past this many branches in one conditional, the later ones are not read alone. */
const MAX_VARIANTS = 8;

/** What opens a directive, and the trim markers after it. */
const OPENER = /^(?:\{\{-?|\{%[-+]?|<%[-=]?|%\{~?|%)\s*/;
/** Opens a block that an `end` closes (Go, ERB, Terraform) or an `end<word>` (Jinja, Mako). */
const OPENS = new Set([
  'if',
  'unless',
  'range',
  'with',
  'define',
  'block',
  'for',
  'while',
  'until',
  'case',
  'begin',
  'macro',
  'call',
  'filter',
  'autoescape',
  'try',
  'trans',
  'raw',
]);
const BRANCHES = new Set(['else', 'elif', 'elsif', 'when', 'except', 'finally']);

type Control = 'open' | 'branch' | 'end' | 'other';

/** What a directive does to the nesting, by its first word. */
export function controlOf(directive: string): Control {
  const opener = OPENER.exec(directive);
  if (!opener || directive.startsWith('{#') || directive.startsWith('${')) return 'other';
  const body = directive.slice(opener[0].length);
  const word = /^[a-z]+/.exec(body)?.[0] ?? '';
  if (word === 'end' || (word.startsWith('end') && word.length > 3)) return 'end';
  if (BRANCHES.has(word)) return 'branch';
  if (OPENS.has(word)) return 'open';
  // Jinja's `{% set x %}` block (no `=`), and ERB's blocks: `<% items.each do |item| %>`.
  if (directive.startsWith('{%') && word === 'set' && !body.includes('=')) return 'open';
  if (directive.startsWith('<%') && /\bdo(\s*\|[^|]*\|)?\s*-?%>$/.test(directive)) return 'open';
  return 'other';
}

/** A conditional with several branches, and its own control directives (its opener, each branch's
 *  and its end) as [start, end) host offsets. */
interface Conditional {
  readonly branches: Branches;
  readonly directives: ReadonlyArray<readonly [number, number]>;
}

/** The conditionals with several branches, or none when the directives do not nest. */
export function conditionals(text: string, directives: ReadonlyArray<readonly [number, number]>): Branches[] {
  return conditionalsIn(text, directives).map((c) => c.branches);
}

function conditionalsIn(text: string, directives: ReadonlyArray<readonly [number, number]>): Conditional[] {
  const found: Conditional[] = [];
  const open: Array<{ starts: number[]; ends: number[]; own: Array<readonly [number, number]> }> = [];
  for (const directive of directives) {
    const [start, end] = directive;
    const control = controlOf(text.slice(start, Math.min(end, start + 200)));
    if (control === 'open') open.push({ starts: [end], ends: [], own: [directive] });
    else if (control === 'branch' || control === 'end') {
      const block = open[open.length - 1];
      if (!block) return [];
      block.ends.push(start);
      block.own.push(directive);
      if (control === 'branch') block.starts.push(end);
      else {
        open.pop();
        if (block.starts.length > 1)
          found.push({ branches: block.starts.map((s, i) => [s, block.ends[i]] as const), directives: block.own });
      }
    }
  }
  return open.length === 0 ? found : [];
}

/**
 * Whether a conditional chooses part of one line that has text of its own around it (`level: {{ if
 * .Values.full }}RequestResponse{{ else }}Metadata{{ end }}`): read at once, its value is a
 * placeholder; read with its directives blanked too, each branch is the value it renders.
 */
function withinALine(text: string, { directives }: Conditional): boolean {
  const first = directives[0][0];
  const last = directives[directives.length - 1][1];
  if (/[\n\r]/.test(text.slice(first, last))) return false;
  let lineStart = first;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let lineEnd = last;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  return /\S/.test(text.slice(lineStart, first)) || /\S/.test(text.slice(last, lineEnd));
}

/** A mapping key at the start of a line, after its indentation and any `- ` that opens an item. */
const BLOCK_KEY = /^([ \t]*)(- +)?([\w./-]+|"[^"\n]*"|'[^'\n]*')[ \t]*:(?=[ \t]|$)/gm;

/**
 * The keys a branch sets in a mapping around it, as `indentation key`: none when the branch opens
 * list items (`- level: ...` at its least indentation), whose keys are the new items' own.
 */
function keysSetAround(text: string): Set<string> {
  const lines = Array.from(text.matchAll(BLOCK_KEY), (m) => ({
    indent: m[1].length,
    item: m[2] !== undefined,
    key: m[3],
  }));
  const least = Math.min(...lines.map((l) => l.indent));
  if (lines.some((l) => l.indent === least && l.item)) return new Set();
  return new Set(lines.filter((l) => !l.item).map((l) => `${l.indent} ${l.key}`));
}

/**
 * Whether two of the branches set the same key at the same indentation: only then does reading them
 * all at once hide one (the last wins); branches of list items or of other keys are all seen.
 */
export function branchesShareAKey(text: string, branches: Branches): boolean {
  const seen = new Set<string>();
  for (const [start, end] of branches) {
    for (const key of keysSetAround(text.slice(start, end))) {
      if (seen.has(key)) return true;
      seen.add(key);
    }
  }
  return false;
}

/**
 * The file read once per branch of its conditionals whose branches set the same key, and of those
 * within a line (whose directives are blanked too, so that the branch kept is the value read); none
 * when it has no such conditional.
 */
export function branchVariants(text: string, directives: ReadonlyArray<readonly [number, number]>): Variant[] {
  const all = conditionalsIn(text, directives).flatMap((c) => {
    const inLine = withinALine(text, c);
    return inLine || branchesShareAKey(text, c.branches) ? [{ ...c, inLine }] : [];
  });
  const count = Math.min(MAX_VARIANTS, Math.max(0, ...all.map((c) => c.branches.length)));
  const variants: Variant[] = [];
  const blank = (chars: string[], [start, end]: readonly [number, number]): void => {
    for (let p = start; p < end; p++) if (chars[p] !== '\n' && chars[p] !== '\r') chars[p] = ' ';
  };
  for (let v = 0; v < count; v++) {
    const chars = text.split('');
    const kept: Array<readonly [number, number]> = [];
    for (const { branches, directives: own, inLine } of all) {
      const keep = Math.min(v, branches.length - 1);
      branches.forEach((branch, i) => (i === keep ? kept.push(branch) : blank(chars, branch)));
      if (inLine) for (const directive of own) blank(chars, directive);
    }
    variants.push({ text: chars.join(''), kept });
  }
  return variants;
}

// The text that stands for a value the host computes (a template directive, a Terraform
// expression) while the policy around it is read, and the way back to what the user wrote.
// A mask keeps the length of what it hides, so every offset stays where it was, and is a plain
// string nobody names (`_` then letters and digits), so YAML reads it as a string in any place.
// It is made from the hidden text alone: the same expression gives the same mask wherever it is
// (two rules that both say `users = var.admins` name the same users) and two expressions give
// two masks. Text meant for people (explain, hover, diagnostics, outline) has the masks put back
// to the host's own text.

/** Masks shorter than this could be a word of a message: they are not put back. */
const MIN_UNMASKED = 3;
/** Said for a mask that two different host texts made (possible only for very short ones). */
const AMBIGUOUS = '(a computed value)';

function hash36(text: string): string {
  // FNV-1a over UTF-16 code units: quick, and spreads short expressions well.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The mask of `original`, `length` characters long (its own length unless told). */
export function maskOf(original: string, length = original.length): string {
  return `_${hash36(original)}`.padEnd(length, '_').slice(0, length);
}

/** What a mask is put back to: the host's text, and whether the quotes around the mask go too. */
interface Unmasked {
  readonly text: string;
  /** A Terraform expression is no string: `"<mask>"` becomes the expression alone. */
  readonly unquote: boolean;
}

export type Unmask = (text: string) => string;

/**
 * Puts back the host's text in place of every mask made for the given host ranges: `directives`
 * were masked whole (templates.ts), `expressions` are Terraform values masked whole or, in a list
 * of names, as the one name of a list (hclObjects.ts). Undefined when there is nothing to put back.
 */
export function unmasker(
  hostText: string,
  directives: ReadonlyArray<readonly [number, number]>,
  expressions: ReadonlyArray<readonly [number, number]>,
): Unmask | undefined {
  const table = new Map<string, Unmasked>();
  const add = (mask: string, unmasked: Unmasked): void => {
    if (mask.length < MIN_UNMASKED) return;
    const known = table.get(mask);
    table.set(mask, known && known.text !== unmasked.text ? { text: AMBIGUOUS, unquote: false } : unmasked);
  };
  for (const [start, end] of directives) {
    const original = hostText.slice(start, end);
    if (!/[\r\n]/.test(original)) add(maskOf(original), { text: original, unquote: false });
  }
  for (const [start, end] of expressions) {
    const original = hostText.slice(start, end);
    add(maskOf(original), { text: original, unquote: true });
    add(maskOf(original, original.length - 2), { text: original, unquote: true });
  }
  if (table.size === 0) return undefined;
  const pattern = maskPattern(table.keys(), '("?)', '("?)');
  return (text) =>
    text.replace(pattern, (_all, open: string, mask: string, close: string) => {
      const unmasked = table.get(mask)!;
      return unmasked.unquote && open && close ? unmasked.text : `${open}${unmasked.text}${close}`;
    });
}

/** Text written into the host with its masks put back, or undefined where that cannot be exact. */
export type Restore = (text: string) => string | undefined;

/**
 * Puts back, in text an edit writes into the host (a fix that copies policy text), each mask of a
 * directive masked whole to the directive itself: the mask was made from it, in a place of the same
 * kind, so the host then holds what the user wrote. Undefined for text that holds any other mask:
 * a Terraform expression (its mask stands for a value, or for a whole list of names, which a copy
 * cannot say), a mask two texts share, a directive over several lines or masked as a comment
 * (`comments`, a directive alone on its line: `{{- if }}` copied without its `{{- end }}`).
 */
export function restorer(
  hostText: string,
  directives: ReadonlyArray<readonly [number, number]>,
  expressions: ReadonlyArray<readonly [number, number]>,
  comments: boolean,
): Restore {
  const table = new Map<string, string | null>();
  const refused = new Set<string>();
  const add = (mask: string, original: string | null): void => {
    if (mask.length < MIN_UNMASKED) {
      // Too short to look for inside text; a word of its own is still this value.
      refused.add(mask);
      return;
    }
    const known = table.get(mask);
    table.set(mask, known !== undefined && known !== original ? null : original);
  };
  for (const [start, end] of directives) {
    const original = hostText.slice(start, end);
    if (original.startsWith('#@')) continue; // ytt annotations stay in the text as comments
    const firstLine = /^[^\r\n]*/.exec(original)![0];
    add(maskOf(original).slice(0, firstLine.length), firstLine === original ? original : null);
  }
  for (const [start, end] of expressions) {
    const original = hostText.slice(start, end);
    add(maskOf(original), null);
    if (original.length > 2) add(maskOf(original, original.length - 2), null);
  }
  const pattern = table.size > 0 ? maskPattern(table.keys(), '', '') : undefined;
  return (text) => {
    if (refused.has(text.replace(/^"(.*)"$/, '$1'))) return undefined;
    // A directive masked as a comment reads `#` and spaces to the end of its line.
    if (comments && /# {2,}[ #]*\r?$/m.test(text)) return undefined;
    if (!pattern) return text;
    let exact = true;
    const restored = text.replace(pattern, (mask: string) => {
      const original = table.get(mask);
      if (original === null || original === undefined) exact = false;
      return original ?? mask;
    });
    return exact ? restored : undefined;
  };
}

/** One pass over the masks, longest first, so that no text put back is read again. */
function maskPattern(masks: Iterable<string>, before: string, after: string): RegExp {
  const sorted = [...masks].sort((a, b) => b.length - a.length);
  return new RegExp(`${before}(${sorted.join('|')})${after}`, 'g');
}

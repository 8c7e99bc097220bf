// fields.ParseSelector and RequiresExactMatch (apimachinery pkg/fields/selector.go, the same in
// 1.20 and 1.36): how RequestInfoFactory finds the object a list or watch names with
// `?fieldSelector=metadata.name=web`. Terms split on commas a backslash does not escape, sorted
// bytewise, each split at its first `!=`, `==` or `=`, nothing trimmed; a value may hold `\,`,
// `\=` and `\\`, and an unescaped `,` or `=` or any other escape makes the whole selector invalid.

export interface FieldTerm {
  readonly field: string;
  /** `!=` terms never name an object; `=` and `==` do. */
  readonly equals: boolean;
  readonly value: string;
}

/** The selector's terms in the order Go keeps them; undefined when ParseSelector fails. */
export function parseFieldSelector(selector: string): readonly FieldTerm[] | undefined {
  const terms: FieldTerm[] = [];
  for (const part of splitTerms(selector).sort(byCodePoint)) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return undefined;
    const value = unescapeValue(split.rhs);
    if (value === undefined) return undefined;
    terms.push({ field: split.lhs, equals: split.op !== '!=', value });
  }
  return terms;
}

/** andTerm.RequiresExactMatch: the first `field=value` term's value (after sorting). */
export function requiredExactMatch(terms: readonly FieldTerm[], field: string): string | undefined {
  return terms.find((t) => t.equals && t.field === field)?.value;
}

function splitTerms(selector: string): string[] {
  if (selector === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const OPERATORS = ['!=', '==', '='] as const;

function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS)
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
  }
  return undefined;
}

function unescapeValue(text: string): string | undefined {
  let out = '';
  let inSlash = false;
  for (const c of text) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return undefined;
      out += c;
      inSlash = false;
    } else if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') return undefined;
    else out += c;
  }
  return inSlash ? undefined : out;
}

/** Go's string order (UTF-8 bytes), which is code point order; UTF-16 units differ above U+D7FF. */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) ?? 0) - (y[i].codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** fields.EscapeValue: a value written so that ParseSelector reads it back unchanged. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

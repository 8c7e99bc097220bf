// Where a substitution a string holds (`${expr}` in a template literal, a Kotlin or Nix string;
// `{expr}` in a Python f-string) ends, so that what it computes is skipped whole.

/** The end (after its `}`) of a substitution whose expression starts at `from`: braces are
 *  counted, and a quoted string inside is skipped whole. */
export function substitutionEnd(text: string, from: number): number | undefined {
  let depth = 1;
  for (let h = from; h < text.length; h++) {
    const c = text[h];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return h + 1;
    else if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, h + 1);
      if (close === -1) return undefined;
      h = close;
    }
  }
  return undefined;
}

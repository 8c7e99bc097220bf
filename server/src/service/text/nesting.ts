// A bound on how deeply a YAML (or JSON) text can nest, found in one pass without reading it, and a
// copy of a deeper text that stays within it. The `yaml` package composes a document recursively, a
// few frames per level, and gives up only where the stack ends (RESOURCE_EXHAUSTION). That must not
// happen: V8 ends the whole process ("RegExpCompiler Allocation failed - process out of memory")
// when a regular expression is compiled with the stack nearly full, which the package's scalar tags
// do as they are tried. A text within the bound is read by the package as it is; a deeper one is read
// as its shallowed copy, and the tree stops where the copy was cut.

/** How deep the project's trees of a policy go: deep enough for any real policy (they nest 4 to 6
 *  levels), shallow enough for any stack, and the same in every process, so that a text gets the same
 *  diagnostics whatever stack the process has. kube-apiserver reads 10,000 levels; what lies deeper
 *  than this is not checked, and the nested-too-deeply warning says so. */
export const TREE_DEPTH = 256;

/** Flow collections (`[`, `{`) open at once, counted without regard to quotes (an upper bound). */
const MAX_FLOW_DEPTH = 64;
/** Where a line's content starts outside flow collections, after its indentation and the indicators
 *  of compact block collections (`- - a`, `? a`): a block level takes a column at least (a sequence
 *  may share its parent key's column, its items' content then starts two further), so content at
 *  column C is about C + 2 block levels down at most. With the flow levels, 200 levels at most: the
 *  `yaml` package gave up 300 to 450 levels down with Node's default stack (the policy check runs a
 *  few frames deep; a host file's, a few more). Inside a flow collection a line's indentation nests
 *  nothing (a pretty-printed JSON file). */
const MAX_CONTENT_COLUMN = 128;

/** Where the text may start to nest deeper than the `yaml` package can safely read (real policies
 *  nest 4 to 6 levels), or -1: -1 is a promise, an offset may be a false alarm. */
export function tooDeepFrom(text: string): number {
  const scan = new NestingScan();
  for (let i = 0; i < text.length; i++) if (scan.step(text.charCodeAt(i)) !== OK) return i;
  return -1;
}

/** A copy of a text the `yaml` package could not safely read (tooDeepFrom), of the same length and
 *  with the same line breaks, in which it can: each flow collection opened beyond MAX_FLOW_DEPTH is
 *  a null (`~` and spaces), and the rest of each line whose content goes on beyond
 *  MAX_CONTENT_COLUMN is spaces. `cutAt` is where the first cut starts. Undefined for a text that
 *  needs no copy. */
export function shallowed(text: string): { readonly text: string; readonly cutAt: number } | undefined {
  // One pass: the same scan as tooDeepFrom, the copy made only from the first cut on.
  const scan = new NestingScan();
  const pieces: string[] = [];
  let kept = 0; // what lies before is in pieces
  let cutAt = -1;
  for (let i = 0; i < text.length; i++) {
    const step = scan.step(text.charCodeAt(i));
    if (step === OK) continue;
    if (cutAt === -1) cutAt = i;
    if (step === TOO_FAR_RIGHT) {
      let end = i;
      while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      pieces.push(text.slice(kept, i), ' '.repeat(end - i));
      kept = end;
      i = end - 1;
      scan.blanked();
    } else {
      // the collection becomes a null (`~`), its line breaks kept
      const close = Math.min(closingOf(text, i) + 1, text.length);
      pieces.push(text.slice(kept, i), '~', text.slice(i + 1, close).replace(/[^\n\r]/g, ' '));
      kept = close;
      i = close - 1;
      scan.blanked();
    }
  }
  if (cutAt === -1) return undefined;
  pieces.push(text.slice(kept));
  return { text: pieces.join(''), cutAt };
}

const OK = 0;
/** A flow collection opened beyond MAX_FLOW_DEPTH. */
const TOO_DEEP_FLOW = 1;
/** Content (or an indicator) beyond MAX_CONTENT_COLUMN on a line outside flow collections. */
const TOO_FAR_RIGHT = 2;

/** The bound's scan, a character at a time. */
class NestingScan {
  private flow = 0;
  /** Columns of the line's leading spaces and indicators so far; -1 past them, or inside a flow
   *  collection, where indentation nests nothing (a pretty-printed JSON file). */
  private lead = 0;

  step(c: number): number {
    if (c === 10 || c === 13) {
      this.lead = this.flow === 0 ? 0 : -1;
      return OK;
    }
    if (this.lead >= 0 && (c === 32 || c === 9 || c === 45 || c === 63 || c === 58)) {
      // spaces alone beyond the limit nest nothing (an empty line, or one this file blanked)
      return ++this.lead > MAX_CONTENT_COLUMN && c !== 32 && c !== 9 ? TOO_FAR_RIGHT : OK;
    }
    if (this.lead > MAX_CONTENT_COLUMN) return TOO_FAR_RIGHT;
    this.lead = -1;
    if (c === 91 || c === 123) {
      if (this.flow === MAX_FLOW_DEPTH) return TOO_DEEP_FLOW;
      this.flow++;
    } else if ((c === 93 || c === 125) && this.flow > 0) this.flow--;
    return OK;
  }

  /** After the copy blanked the rest of a line, or made a collection opened beyond MAX_FLOW_DEPTH a
   *  null up to its closer: the scan goes on past the line's leading indentation. */
  blanked(): void {
    this.lead = -1;
  }
}

/** The offset of the character that closes the flow collection opened at `open` (its `]` or `}`),
 *  quotes followed as YAML and JSON write them; the text's end when none. */
function closingOf(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    } else if (c === 39 /* ' */ && /[[{,:\s]/.test(text[i - 1])) {
      // a single-quoted scalar ('' is a quote inside it)
      for (i++; i < text.length; i++)
        if (text.charCodeAt(i) === 39) {
          if (text.charCodeAt(i + 1) !== 39) break;
          i++;
        }
    } else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && --depth === 0) return i;
  }
  return text.length;
}

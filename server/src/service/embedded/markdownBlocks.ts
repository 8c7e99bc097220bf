// The code blocks of a Markdown file (and of AsciiDoc and reStructuredText pages: their source
// blocks, `[source,yaml]` over `----`, and code directives, `.. code-block:: yaml`): fenced blocks
// (``` and ~~~, at any indentation: fences inside list items are indented further), HTML `<pre>`
// blocks, and Hugo's shortcodes that show code, which Hugo sites (the
// Talos docs among them) write instead of fences:
//   {{< highlight yaml >}} ... {{< /highlight >}}    (Hugo's built-in shortcode; `{{</ highlight >}}`,
//   {{< highlight yaml "linenos=table" >}}            `{{% highlight yaml %}}` too)
//   {{< code lang="yaml" >}} ... {{< /code >}}       (the code shortcodes of Hugo themes, and
//   {{< codeFromInline lang="bash" >}} ...           those named code-something: kind's site)
// and Jekyll's Liquid tag (GitHub Pages sites):
//   {% highlight yaml %} ... {% endhighlight %}      (`{% highlight yaml linenos %}`, `{%- -%}` too)
// A shortcode's opener may end a line of other text (a table cell's `<summary>...</summary>{{<
// highlight yaml >}}`) and its closer may start one (`{{< /highlight >}}</details> | |`, or the next
// block's opener): the block is the lines between them.
import type { LineIndex } from '../text/lineIndex';

export interface CodeBlock {
  /** The line that opens the block (its fence or shortcode). */
  readonly line: number;
  /** The block's first and last lines (last < first: an empty block). */
  readonly first: number;
  readonly last: number;
  /** The indentation every line of the block loses. */
  readonly indent: string;
  /** `yaml`, `sh`...; '' when the block does not say. */
  readonly language: string;
}

const FENCE_OPEN = /^( *)(`{3,}|~{3,})[ \t]*([^`\s]*)/;
const FENCE_CLOSE = /^ *(`{3,}|~{3,})[ \t]*$/;
/** A code shortcode that ends its line: `{{< highlight yaml ... >}}`, `{{% code lang="yaml" %}}`,
 *  `{{< codeFromInline lang="bash" >}}`. */
const SHORTCODE_OPEN = /\{\{([<%])\s*(highlight|code[\w-]*)(?=[\s>%])([^{}]*)[>%]\}\}[ \t]*$/;

/** Jekyll's `{% highlight yaml %}`, alone on its line; its closer is `{% endhighlight %}`. */
const LIQUID_OPEN = /^( *)\{%-?\s*highlight\s+([\w+-]+)[^%]*-?%\}[ \t]*$/;
const LIQUID_CLOSE = /^ *\{%-?\s*endhighlight\s*-?%\}/;

/** An HTML `<pre>` block (CommonMark 0.31, 4.6 HTML blocks, start condition 1: it runs to the line
 *  holding `</pre>`), as man pages converted to Markdown show code: its opening tag (and a `<code>`
 *  inside it) alone on its line, its closing tags alone on theirs. Its text is HTML, where `&lt;`
 *  and friends are characters: a block that holds an entity is not read (the policy shown is not
 *  the text written). */
const PRE_OPEN = /^( {0,3})<pre(?=[\s>])([^>]*)>(?:<code([^>]*)>)?[ \t]*$/i;
const PRE_CLOSE = /^ *(?:<\/code>)?<\/pre>[ \t]*$/i;
const HTML_ENTITY = /&(#\d+|#x[\da-f]+|[a-z]+\d*);/i;

/** AsciiDoc's source block (Asciidoctor, "Source Code Blocks"): `[source,yaml]` (options after it),
 *  an optional `.Title` line, then a listing delimited by a line of four or more hyphens, closed by
 *  the same line. Without the `[source]` line a run of hyphens is Markdown's rule, so it is none. */
const ASCIIDOC_SOURCE = /^\[source(?:,\s*([\w+-]+))?[^\]]*\][ \t]*$/;
const ASCIIDOC_DELIMITER = /^(-{4,})[ \t]*$/;
/** reStructuredText's `.. code-block:: yaml` (`.. code::`, `.. sourcecode::`): its options lines
 *  (`:caption: ...`), then the lines indented deeper than the directive, blank lines among them. */
const RST_CODE = /^( *)\.\. +(?:code-block|code|sourcecode)::[ \t]*([\w+-]*)[ \t]*$/;

/** An HTML comment that starts a line opens an HTML block that runs to the line holding `-->`
 *  (CommonMark 0.31, 4.6 HTML blocks, start condition 2): nothing in it is a code block. */
const HTML_COMMENT_OPEN = /^ *<!--/;

export function codeBlocks(text: string, lines: LineIndex): CodeBlock[] {
  const lineText = (l: number): string => text.slice(lines.lineStart(l), lines.lineEnd(l));
  /** The first line after `from` that closes its block; lineCount when none does. */
  const closing = (from: number, closes: (line: string) => boolean): number => {
    let close = from + 1;
    while (close < lines.lineCount && !closes(lineText(close))) close++;
    return close;
  };
  const blocks: CodeBlock[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    if (HTML_COMMENT_OPEN.test(lineText(line))) {
      // A commented-out example: its fences are text up to the line that holds `-->`.
      const opener = lineText(line);
      if (!opener.includes('-->', opener.indexOf('<!--') + 4)) line = closing(line, (l) => l.includes('-->'));
      continue;
    }
    const fence = FENCE_OPEN.exec(lineText(line));
    if (fence) {
      const [, indent, marks, info] = fence;
      const close = closing(line, (l) => {
        const closer = FENCE_CLOSE.exec(l);
        return closer !== null && closer[1][0] === marks[0] && closer[1].length >= marks.length;
      });
      // `yaml title="audit.yaml"`, `yaml:audit.yaml`, `yaml {3}`: the language comes first.
      blocks.push({ line, first: line + 1, last: close - 1, indent, language: languageOf(info) });
      line = close;
      continue;
    }
    const source = ASCIIDOC_SOURCE.exec(lineText(line));
    if (source) {
      const open = line + (/^\.[^.\s]/.test(lineText(line + 1) ?? '') ? 2 : 1);
      const delimiter = ASCIIDOC_DELIMITER.exec(lineText(open) ?? '');
      if (!delimiter) continue;
      const close = closing(open, (l) => l.trimEnd() === delimiter[1]);
      if (close === lines.lineCount) continue; // never closed: the rest of the document is the listing
      blocks.push({
        line: open,
        first: open + 1,
        last: close - 1,
        indent: '',
        language: (source[1] ?? '').toLowerCase(),
      });
      line = close;
      continue;
    }
    const rst = RST_CODE.exec(lineText(line));
    if (rst) {
      const block = rstBlock(lineText, lines.lineCount, line, rst[1].length);
      if (block) blocks.push({ line, ...block, language: rst[2].toLowerCase() });
      if (block) line = block.last;
      continue;
    }
    const pre = PRE_OPEN.exec(lineText(line));
    if (pre) {
      const close = closing(line, (l) => /<\/pre>/i.test(l));
      const body = Array.from({ length: close - line - 1 }, (_, i) => lineText(line + 1 + i));
      if (close < lines.lineCount && PRE_CLOSE.test(lineText(close)) && !body.some((l) => HTML_ENTITY.test(l)))
        blocks.push({
          line,
          first: line + 1,
          last: close - 1,
          indent: '',
          language: htmlLanguage(`${pre[2]} ${pre[3] ?? ''}`),
        });
      line = close;
      continue;
    }
    const liquid = LIQUID_OPEN.exec(lineText(line));
    if (liquid) {
      const close = closing(line, (l) => LIQUID_CLOSE.test(l));
      if (close === lines.lineCount) continue; // never closed: Jekyll refuses the page
      blocks.push({ line, first: line + 1, last: close - 1, indent: liquid[1], language: liquid[2].toLowerCase() });
      line = close;
      continue;
    }
    const shortcode = SHORTCODE_OPEN.exec(lineText(line));
    if (!shortcode) continue;
    const [, delimiter, name, args = ''] = shortcode;
    const closer = new RegExp(`^( *)\\{\\{${delimiter}\\s*/\\s*${name}\\s*[>%]\\}\\}`);
    const close = closing(line, (l) => closer.test(l));
    if (close === lines.lineCount) continue; // never closed: Hugo refuses the page
    // The closer's indentation is the block's (an opener may follow other text on its line).
    const indent = closer.exec(lineText(close))![1];
    blocks.push({ line, first: line + 1, last: close - 1, indent, language: shortcodeLanguage(args) });
    line = close - 1; // the closer's line may open the next block
  }
  return blocks;
}

/** The lines of a reStructuredText code directive at `line`, indented by `margin`: after its options
 *  and a blank line, every line deeper than the directive (blank ones among them), their least
 *  indentation lost; undefined when it has none. */
function rstBlock(
  lineText: (l: number) => string,
  count: number,
  line: number,
  margin: number,
): { first: number; last: number; indent: string } | undefined {
  const deeper = (l: number): boolean => /^ */.exec(lineText(l))![0].length > margin;
  let first = line + 1;
  while (first < count && deeper(first) && /^ *:[\w-]+:/.test(lineText(first))) first++;
  while (first < count && lineText(first).trim() === '') first++;
  let last = first - 1;
  for (let l = first; l < count && (lineText(l).trim() === '' || deeper(l)); l++)
    if (lineText(l).trim() !== '') last = l;
  if (last < first) return undefined;
  const widths = range(first, last + 1)
    .filter((l) => lineText(l).trim() !== '')
    .map((l) => /^ */.exec(lineText(l))![0].length);
  return { first, last, indent: ' '.repeat(Math.min(...widths)) };
}

/** The numbers from `from` up to `to` (excluded): a run of line numbers. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** `lang="yaml"`, `class="language-yaml"` or `class="yaml"` on `<pre>` or its `<code>`. */
function htmlLanguage(attributes: string): string {
  const named = /\b(?:lang|data-lang)\s*=\s*["']?([\w+-]+)/i.exec(attributes);
  const classed = /\bclass\s*=\s*["']?(?:[\w-]+\s+)*?(?:language-|lang-)?(yaml|yml|json|bash|sh|shell|console)\b/i.exec(
    attributes,
  );
  return (named?.[1] ?? classed?.[1] ?? '').toLowerCase();
}

function languageOf(info: string): string {
  return /^[\w+-]*/.exec(info)![0].toLowerCase();
}

/** `yaml "opts"` (highlight's first positional parameter) or `lang="yaml"` / `language="yaml"`. */
function shortcodeLanguage(args: string): string {
  const named = /\b(?:lang|language)\s*=\s*["']?([\w+-]+)/.exec(args);
  if (named) return named[1].toLowerCase();
  const positional = /^\s*["']?([\w+-]+)["']?(?:\s|$)/.exec(args);
  return positional ? positional[1].toLowerCase() : '';
}

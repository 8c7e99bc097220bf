// The code blocks of a documentation page (Markdown, AsciiDoc, reStructuredText: markdownBlocks.ts)
// as texts of their own, for a reader that takes what a page shows rather than the page: replay
// reads the audit events a tutorial prints in its blocks, and the prose around them is no log's.
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { codeBlocks } from './markdownBlocks';

/** Markdown, and the other documentation formats whose code blocks markdownBlocks.ts reads. */
export const DOCUMENTATION_PAGE_PATH = /\.(md|markdown|mdx|adoc|asciidoc|rst)$/i;

export interface PageBlock {
  /** The page's line (from 0) that the block's first line is. */
  readonly firstLine: number;
  /** The block's lines without the indentation they lose (a fence in a list item), `\n` between. */
  readonly text: string;
}

/** The page's code blocks that hold a line, in order. */
export function pageBlocks(page: string): PageBlock[] {
  const index = new LineIndex(page);
  const starts = Array.from({ length: index.lineCount }, (_, i) => index.lineStart(i));
  return codeBlocks(page, index)
    .filter((block) => block.last >= block.first)
    .map(({ first, last, indent }) => ({
      firstLine: first,
      text: dedentLines(page, starts, (l) => index.lineEnd(l), first, last, indent.length).text,
    }));
}

// `# kube-audit-policy-disable-next-line [code ...]` silences findings that start on the next line:
// all of them, or only the codes named.
import { lineSpans } from '../text/lines';

const MARKER = 'kube-audit-policy-disable-next-line';

/** Line number (as LSP counts lines: text/lines.ts) -> the codes silenced on it (an empty set silences every code). */
export function suppressedLines(text: string): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  if (!text.includes(MARKER)) return result;
  let index = 0;
  for (const { start, end } of lineSpans(text)) {
    const line = text.slice(start, end);
    const hash = line.indexOf('#');
    const comment = hash === -1 ? '' : line.slice(hash + 1).trim();
    if (comment.startsWith(MARKER)) {
      result.set(
        index + 1,
        new Set(
          comment
            .slice(MARKER.length)
            .split(/[\s,]+/)
            .filter(Boolean),
        ),
      );
    }
    index++;
  }
  return result;
}

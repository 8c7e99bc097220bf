// `# kube-audit-policy-disable-next-line [code ...]` silences findings that start on the next line:
// all of them, or only the codes named.
const MARKER = 'kube-audit-policy-disable-next-line';

/** Line number -> the codes silenced on it (an empty set silences every code). */
export function suppressedLines(text: string): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  if (!text.includes(MARKER)) return result;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const hash = line.indexOf('#');
    if (hash === -1) return;
    const comment = line.slice(hash + 1).trim();
    if (!comment.startsWith(MARKER)) return;
    const codes = comment.slice(MARKER.length).split(/[\s,]+/).filter(Boolean);
    result.set(index + 1, new Set(codes));
  });
  return result;
}

// The policies a Markdown file shows in its fenced code blocks: a `yaml` block that is a policy, or
// one that is a YAML host (a ConfigMap in a README), and a shell or Terraform block's here-documents
// (read with the function findRegions gives, one level deeper). A block marked as something else
// (`sh`, `text`, `json`) whose whole text is a well-formed policy is one too: tutorials often mark
// the policy file they show as a shell block.
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { isPolicyText, isWellFormedPolicyText, nestedIn } from './region';
import type { FindInner, HostFormat, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';

/** Markdown code blocks that show a shell session or a Terraform file: their here-documents count. */
const SCRIPT_FENCE = /^(sh|bash|zsh|shell|console|terminal|shell-session|hcl|terraform|tf|dockerfile)$/;

export function markdownRegions(text: string, readInner: FindInner): Region[] {
  const lines = new LineIndex(text);
  const starts = Array.from({ length: lines.lineCount }, (_, i) => lines.lineStart(i));
  const regions: Region[] = [];
  let block = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    // Fences inside list items are indented further: take any indentation.
    const open = /^( *)(`{3,}|~{3,})[ \t]*([^`\s]*)/.exec(text.slice(starts[line], lines.lineEnd(line)));
    if (!open) continue;
    const [, indent, fence, info] = open;
    let close = line + 1;
    for (; close < lines.lineCount; close++) {
      const closing = /^ *(`{3,}|~{3,})[ \t]*$/.exec(text.slice(starts[close], lines.lineEnd(close)));
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length) break;
    }
    block++;
    // `yaml title="audit.yaml"`, `yaml:audit.yaml`, `yaml {3}`: the language comes first.
    const language = /^[\w+-]*/.exec(info)![0].toLowerCase();
    const formats: HostFormat[] = /^ya?ml$/.test(language)
      ? ['yaml']
      : SCRIPT_FENCE.test(language)
        ? ['script']
        : language === ''
          ? ['yaml', 'script']
          : [];
    if (close > line + 1) {
      const last = close - 1;
      const { text: body, pieces } = dedentLines(text, starts, (l) => lines.lineEnd(l), line + 1, last, indent.length);
      const map = new SourceMap(pieces, body.length);
      const hostPath = `Markdown block ${block} (line ${line + 1})`;
      // In a block marked as YAML a policy being written counts, syntax errors and all; in one marked
      // as something else only a policy that reads as YAML does (shell notes are not YAML).
      const isPolicy = formats[0] === 'yaml' ? isPolicyText(body) : isWellFormedPolicyText(body);
      if (isPolicy) regions.push({ hostPath, text: body, map, encoding: { kind: 'lines', indent }, byHostPath: false });
      else {
        const inner = formats.map((f) => readInner(body, f)).find((found) => found.length > 0) ?? [];
        const outer: RegionEncoding = { kind: 'lines', indent };
        regions.push(...inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, outer)));
      }
    }
    line = close;
  }
  return regions;
}

// The policies a Go, Python, JavaScript or TypeScript source file holds in its string literals
// (stringLiterals.ts): an operator's `const auditPolicy = \`apiVersion: audit.k8s.io/v1 ...\``, a
// test's `AUDIT_POLICY = """..."""`, a ConfigMap's `"policy.yaml": "...\n..."`. A literal that is a
// policy is one; a literal that is a manifest (a ConfigMap) or a shell script holding one is a host
// in turn. Nothing else in the file is read: code is not YAML.
import { HEREDOC_OPERATOR } from './heredocs';
import { isPolicyText, nestedIn } from './region';
import type { FindInner, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';
import { stringLiterals } from './stringLiterals';
import type { SourceLanguage, StringLiteral } from './stringLiterals';

export function sourceRegions(text: string, language: SourceLanguage, readInner: FindInner): Region[] {
  const regions: Region[] = [];
  let line = 1;
  let counted = 0;
  for (const literal of stringLiterals(text, language)) {
    if (!/audit|rules|Policy/.test(literal.text)) continue;
    line += countLines(text, counted, literal.start);
    counted = literal.start;
    const hostPath = `string (line ${line})`;
    const map = new SourceMap(literal.pieces, literal.text.length);
    const encoding = encodingOf(literal, language);
    const opaque = literal.opaque.length > 0 ? literal.opaque : undefined;
    if (isPolicyText(literal.text)) {
      regions.push({ hostPath, text: literal.text, map, encoding, byHostPath: false, opaque });
      continue;
    }
    if (!/audit\.k8s\.io/.test(literal.text)) continue;
    const format = HEREDOC_OPERATOR.test(literal.text) ? 'script' : 'yaml';
    const inner = readInner(literal.text, format).map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, encoding));
    // The literal's own substitutions stay opaque in what it holds.
    regions.push(...inner.map((r) => (opaque ? { ...r, opaque: [...(r.opaque ?? []), ...opaque] } : r)));
  }
  return regions;
}

/** How inserted text is written into the literal: as lines where the literal holds lines as they
 *  are, refusing what would end it or be read as an escape; escaped where it is one line. */
function encodingOf(literal: StringLiteral, language: SourceLanguage): RegionEncoding {
  if (!literal.multiline) return literal.quote === "'" ? { kind: 'double', quote: "'" } : { kind: 'double' };
  // Go's raw string reads no escape and ends at a backquote; a template literal also reads `${`.
  const refuse =
    language === 'go' ? /`/ : language === 'javascript' ? /`|\\|\$\{/ : new RegExp(`\\\\|${literal.quote}`);
  return { kind: 'lines', indent: '', refuse };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// The policies a Markdown file shows in its code blocks (markdownBlocks.ts: fenced blocks and Hugo's
// `highlight` shortcodes): a `yaml` block that is a policy, or one that is a YAML host (a ConfigMap
// in a README), and a shell or Terraform block's here-documents (read with the function
// findRegions gives, one level deeper), and the string literals of a Go, Python, JavaScript,
// TypeScript, Java, Kotlin or Nix block, and a Puppet block's heredocs. A block marked as something
// else (`sh`, `text`, `json`) whose whole text is a well-formed policy is one too: tutorials often
// mark the policy file they show as a shell block. A YAML block is a listing of manifests, not a
// file kube-apiserver reads: a Policy shown after a Namespace or a ConfigMap (`---` between them)
// is found too.
import { LineIndex } from '../text/lineIndex';
import { dedentLines } from './alignScalar';
import { HEREDOC_OPERATOR } from './heredocs';
import { codeBlocks, range } from './markdownBlocks';
import type { CodeBlock } from './markdownBlocks';
import { isPolicyText, isWellFormedPolicyText, nestedIn } from './region';
import type { FindInner, HostFormat, Region, RegionEncoding } from './region';
import { SourceMap } from './sourceMap';
import type { SourceLanguage } from './stringLiterals';

/** Markdown code blocks that show a shell session or a Terraform file: their here-documents count. */
const SCRIPT_FENCE = /^(sh|bash|zsh|shell|console|terminal|shell-session|shellsession|dockerfile)$/;
const HCL_FENCE = /^(hcl|terraform|tf)$/;
/** Markdown code blocks of source code (GitHub Linguist's names and aliases): their string literals count. */
const SOURCE_FENCES: Readonly<Record<string, SourceLanguage>> = {
  go: 'go',
  golang: 'go',
  python: 'python',
  py: 'python',
  python3: 'python',
  javascript: 'javascript',
  js: 'javascript',
  jsx: 'javascript',
  typescript: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  java: 'java',
  kotlin: 'kotlin',
  kt: 'kotlin',
  nix: 'nix',
  rust: 'rust',
  rs: 'rust',
};
/** A YAML document's start (`---`, `--- # comment`, `--- !tag`). */
const DOCUMENT_START = /^---(?:[ \t]|$)/;

interface Lines {
  readonly text: string;
  readonly index: LineIndex;
  readonly starts: readonly number[];
}

export function markdownRegions(text: string, readInner: FindInner): Region[] {
  const index = new LineIndex(text);
  const lines: Lines = { text, index, starts: Array.from({ length: index.lineCount }, (_, i) => index.lineStart(i)) };
  return codeBlocks(text, index).flatMap((block, i) => blockRegions(lines, block, i + 1, readInner));
}

function blockRegions(lines: Lines, block: CodeBlock, number: number, readInner: FindInner): Region[] {
  const { first, last, indent, language } = block;
  if (last < first) return [];
  const source = Object.hasOwn(SOURCE_FENCES, language) ? SOURCE_FENCES[language] : undefined;
  const { text: body, map } = dedented(lines, first, last, indent);
  // JSON is YAML: a JSON block holds policies where a YAML one does (a string value, an object).
  const formats: HostFormat[] = /^(ya?ml|json)$/.test(language)
    ? opensWithHeredoc(body)
      ? ['script']
      : ['yaml']
    : SCRIPT_FENCE.test(language)
      ? ['script']
      : HCL_FENCE.test(language)
        ? ['hcl']
        : source
          ? [source]
          : language === 'puppet'
            ? ['puppet']
            : language === ''
              ? ['yaml', 'script']
              : [];
  const hostPath = `Markdown block ${number} (line ${block.line + 1})`;
  const encoding: RegionEncoding = { kind: 'lines', indent };
  // A block that does not say what it holds, with notes before the policy: the policy, not the notes.
  if (language === '' && !isWellFormedPolicyText(body)) {
    const after = policyAfterNotes(lines, block, hostPath, encoding);
    if (after.length > 0) return after;
  }
  // In a block marked as YAML a policy being written counts, syntax errors and all; in one marked
  // as something else only a policy that reads as YAML does (shell notes are not YAML).
  const isPolicy = formats[0] === 'yaml' ? isPolicyText(body) : isWellFormedPolicyText(body);
  if (isPolicy) return [{ hostPath, text: body, map, encoding, byHostPath: false }];
  const inner = formats.map((f) => readInner(body, f)).find((found) => found.length > 0) ?? [];
  const nested = inner.map((r) => nestedIn(r, `${hostPath} ${r.hostPath}`, map, encoding));
  if (formats[0] !== 'yaml') return nested.length > 0 ? nested : policyAfterNotes(lines, block, hostPath, encoding);
  const documents = laterDocuments(lines, first, last, indent).flatMap(({ from, to, d }) => {
    const doc = dedented(lines, from, to, indent);
    return isPolicyText(doc.text)
      ? [{ hostPath: `${hostPath} documents[${d}]`, text: doc.text, map: doc.map, encoding, byHostPath: false }]
      : [];
  });
  return [...nested, ...documents].sort((a, b) => a.map.hostStart - b.map.hostStart);
}

/** The first line of a policy written out in full: its `apiVersion` or `kind` at the margin. */
const POLICY_START = /^(apiVersion:\s*["']?audit\.k8s\.io\/|kind:\s*["']?Policy["']?\s*$)/;

/**
 * A policy written out after notes in a block marked as something else (```sh holding a line of
 * prose, then `apiVersion: audit.k8s.io/v1`, `kind: Policy`, `rules:`): from the line that starts
 * it at the block's margin to the block's end, when that reads as YAML without an error.
 */
function policyAfterNotes(lines: Lines, block: CodeBlock, hostPath: string, encoding: RegionEncoding): Region[] {
  const { first, last, indent } = block;
  const lineText = (l: number): string => lines.text.slice(lines.starts[l] + indent.length, lines.index.lineEnd(l));
  const start = range(first, last + 1).find((l) => POLICY_START.test(lineText(l)));
  if (start === undefined) return [];
  const { text, map } = dedented(lines, start, last, indent);
  return isWellFormedPolicyText(text)
    ? [{ hostPath: `${hostPath} text (line ${start + 1})`, text, map, encoding, byHostPath: false }]
    : [];
}

/** A block whose first line of content is a command that opens a here-document (`cat <<EOF >
 *  audit-policy.yaml`): a shell session, whatever its fence says (READMEs mark such blocks `yaml`
 *  for the file they write). YAML never starts so: its here-document is what is written. */
function opensWithHeredoc(body: string): boolean {
  const first = body.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return (
    first !== undefined &&
    !/^\s*(-\s|[\w"'.-]+\s*:(\s|$))/.test(first) &&
    (HEREDOC_OPERATOR.test(first) || OPENS_QUOTED_TEXT.test(first))
  );
}

/** A command whose last argument is a quoted string that goes on over the next lines
 *  (`kubectl patch configmap audit-policy --patch '`): the string is what the block shows. */
const OPENS_QUOTED_TEXT = /^\s*[a-z][\w.-]*\s[^'"]*\s(?:'|")\s*$/;

function dedented(lines: Lines, first: number, last: number, indent: string): { text: string; map: SourceMap } {
  const lineEnd = (l: number): number => lines.index.lineEnd(l);
  const { text, pieces } = dedentLines(lines.text, lines.starts, lineEnd, first, last, indent.length);
  return { text, map: new SourceMap(pieces, text.length) };
}

/** The line spans of a block's YAML documents after its first, with their index as YAML counts
 *  them (a block that starts with `---` starts its first document there). */
function laterDocuments(
  lines: Lines,
  first: number,
  last: number,
  indent: string,
): Array<{ from: number; to: number; d: number }> {
  const lineText = (l: number): string =>
    lines.text.slice(lines.starts[l], lines.index.lineEnd(l)).slice(indent.length);
  const markers: number[] = [];
  for (let l = first; l <= last; l++) if (DOCUMENT_START.test(lineText(l))) markers.push(l);
  // Only blank and comment lines before the first marker: no document of their own.
  const bare = markers.length > 0 && range(first, markers[0]).every((l) => /^\s*(#.*)?$/.test(lineText(l)));
  return markers
    .map((marker, k) => ({ from: marker + 1, to: (markers[k + 1] ?? last + 1) - 1, d: bare ? k : k + 1 }))
    .filter(({ from, to, d }) => d > 0 && from <= to);
}

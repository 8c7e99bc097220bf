// The fix for a policy below a first document that is not one (checks/firstDocument.ts):
// kube-apiserver reads only the first YAML document of the file, so the policy's document is moved
// to the top, whole and as written, and the documents it passed keep their order below it.
import type { PolicyDocument } from '../document';
import { lineEndAt, nextLineStart } from '../text/lines';
import type { Fix, FindingToFix } from './fixes';

/** A `---` line that holds nothing else but a comment: the policy's document starts below it. */
const BARE_MARKER = /^---[ \t]*(#.*)?\r?$/;
/** A directive (`%YAML`, `%TAG`) applies to the document after it: text put above would lose it. */
const DIRECTIVE = /^%/m;

export function movePolicyFirst(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const { text, laterDocuments } = doc.parsed;
  const index = laterDocuments.findIndex((d) => d.start === p.start);
  if (index < 0) return [];
  const markerEnd = lineEndAt(text, p.start);
  if (!BARE_MARKER.test(text.slice(p.start, markerEnd)) || DIRECTIVE.test(text.slice(0, p.start))) return [];
  // Up to the next document's `---`, so the comments between them move with the policy.
  const end = laterDocuments[index + 1]?.start ?? text.length;
  const body = text.slice(Math.min(end, nextLineStart(text, p.start)), end);
  const lineBreak = body.length === 0 || body.endsWith('\n') ? '' : '\n';
  // A file that opens with `---` keeps its marker for the document below the policy.
  const moved = /^---(?:[ \t\r\n#]|$)/.test(text) ? `---\n${body}${lineBreak}` : `${body}${lineBreak}---\n`;
  return [
    {
      title: 'Move the policy to the top of the file (kube-apiserver reads only the first document)',
      edits: [
        { start: 0, end: 0, newText: moved },
        { start: p.start, end, newText: '' },
      ],
      // Not preferred: it reorders the file's documents, which a bundle of manifests may need in
      // their order, so it is offered for the diagnostic and never made by fix all on save.
    },
  ];
}

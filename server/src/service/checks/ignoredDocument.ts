// ignored-document: the loader reads only the first YAML document of the file (reader.go decodes
// the file's bytes once), so every later document is dropped without a word. Within the first
// document, go-yaml decodes the root node and stops: a line indented less than a policy indented
// as a whole (as one copied out of a ConfigMap is) ends the policy just as silently.
import { looksLikePolicy } from '../decode/detect';
import type { Finding } from '../decode/finding';
import { isNull } from '../decode/nodeText';
import { lineEndAt } from '../text/lines';
import type { DocumentCheck } from './check';

export const checkIgnoredDocument: DocumentCheck = (parsed) => {
  const out: Finding[] = [];
  if (parsed.ignoredFrom !== undefined) {
    out.push({
      code: 'ignored-document',
      start: parsed.ignoredFrom,
      end: lineEndAt(parsed.text, parsed.ignoredFrom),
      path: '',
      message:
        'kube-apiserver stops reading the policy here: this line is indented less than the policy above it, so it and everything below it are ignored (only the rules above are loaded). Indent it like the lines above, or remove it.',
    });
  }
  for (const later of parsed.laterDocuments) {
    if (!later.root || isNull(later.root)) continue;
    out.push({
      code: 'ignored-document',
      start: later.root.start,
      end: Math.min(later.root.end, lineEndAt(parsed.text, later.root.start)),
      path: '',
      message: `kube-apiserver reads only the first YAML document of an audit policy file and ignores this one${looksLikePolicy(later.root) ? ', so this policy never applies' : ''}.`,
    });
  }
  return out;
};

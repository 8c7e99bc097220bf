// ignored-document: the loader reads only the first YAML document of the file (reader.go decodes
// the file's bytes once), so every later document is dropped without a word.
import { looksLikePolicy } from '../decode/detect';
import type { Finding } from '../decode/finding';
import { isNull } from '../decode/nodeText';
import { lineEndAt } from '../text/lines';
import type { DocumentCheck } from './check';

export const checkIgnoredDocument: DocumentCheck = (parsed) => {
  const out: Finding[] = [];
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

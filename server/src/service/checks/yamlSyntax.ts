// yaml-syntax: kube-apiserver fails decoding a file that is not valid YAML (reader.go). Errors
// inside a rule item are found by that item's parse and placed by validate.ts.
import type { Finding } from '../decode/finding';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';

export const checkYamlSyntax: DocumentCheck = (parsed) => parsed.syntaxErrors.map((e) => syntaxFinding(e.start, e.end, e.message));

export function syntaxFinding(start: number, end: number, message: string): Finding {
  return { code: 'yaml-syntax', start, end: Math.max(end, start), path: '', message: `${REFUSE} the file is not valid YAML: ${message}` };
}

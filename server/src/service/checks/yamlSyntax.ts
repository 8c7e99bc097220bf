// yaml-syntax: kube-apiserver fails decoding a file go-yaml v2 cannot read, or whose value
// sigs.k8s.io/yaml cannot turn into JSON (reader.go; the verdict and go-yaml's first error come
// from parse/goyaml). validate.ts then reports nothing else that the unread text could imply.
import type { Finding } from '../decode/finding';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';

export const checkYamlSyntax: DocumentCheck = (parsed) =>
  parsed.syntaxErrors.map((e) => syntaxFinding(e.start, e.end, e.message, e.hint));

/** go-yaml's first error, quoted as kube-apiserver prints it. */
export function syntaxFinding(start: number, end: number, message: string, hint?: string): Finding {
  // A file that starts with `{` is decoded by the JSON serializer, never through go-yaml (the
  // recognizer picks it: json.Serializer.RecognizesData, utilyaml.IsJSONBuffer in apimachinery),
  // so a trailing comma or a comment there is a JSON error.
  // The JSON that a YAML file turns into is read by encoding/json too, which stops at 10,000 levels.
  const what = message.endsWith('exceeded max depth')
    ? "the file nests deeper than the 10,000 levels Go's JSON reader allows"
    : message.startsWith("couldn't get version/kind; json parse error")
      ? 'the file starts with `{`, so it is read as JSON, and it is not valid JSON'
      : message.startsWith('yaml: ')
        ? 'the file is not valid YAML for go-yaml'
        : 'its YAML reader cannot turn the file into JSON';
  return {
    code: 'yaml-syntax',
    start,
    end: Math.max(end, start),
    path: '',
    message: `${REFUSE} ${what} (failed decoding: ${message}${hint ? ` (${hint})` : ''}).`,
  };
}

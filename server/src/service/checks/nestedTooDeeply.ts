// nested-too-deeply: the file nests deeper than the project's tree holds (parse/verdict.ts cuts it
// there), yet kube-apiserver reads it: go-yaml and encoding/json allow 10,000 levels (go-yaml's
// scanner "exceeded max depth of 10000", encoding/json's maxNestingDepth), and a field the decoder
// drops, or a managedFields entry's fieldsV1, may hold anything. What lies below is not checked.
import type { DocumentCheck } from './check';

export const checkNestedTooDeeply: DocumentCheck = (parsed) =>
  parsed.truncatedAt === undefined
    ? []
    : [
        {
          code: 'nested-too-deeply',
          start: parsed.truncatedAt,
          end: Math.min(parsed.text.length, parsed.truncatedAt + 1),
          path: '',
          message:
            'The file is nested too deeply for this tool to read it all: what lies below here is not checked. ' +
            'kube-apiserver reads up to 10,000 levels (go-yaml, encoding/json) and drops a field it does not know.',
        },
      ];

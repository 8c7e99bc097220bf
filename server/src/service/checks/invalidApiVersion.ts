// invalid-api-version: the loader (pkg/audit/policy/reader.go) decodes only the group versions
// kube-apiserver registers: a missing apiVersion, another version, or v1alpha1/v1beta1 after their
// removal in 1.24 fail decoding. An empty file holds no policy at all, and neither does a file
// whose first YAML document is empty (`---` twice before the policy): reader.go decodes only that
// one. The version is the one the JSON serializer reads, from any key that spells apiVersion in
// another case too (decode/typeMeta.ts).
import { API_GROUP, API_VERSION, POLICY_KIND } from '../catalogue/values';
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import { looksLikePolicy } from '../decode/detect';
import { isNull, quoteShort } from '../decode/nodeText';
import { lineEndAt } from '../text/lines';
import { typeMetaField } from '../decode/typeMeta';
import type { TypeMetaField } from '../decode/typeMeta';
import { findPair } from '../parse/model';
import { readsAsJson } from '../parse/goyaml/load';
import type { ParsedPolicy } from '../parse/model';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';
import { typeMetaWrongType, viaOtherKey } from './typeMetaKeys';

/** The versions kube-apiserver once served and removed (deprecated-api-version warns before that). */
export const REMOVED_VERSIONS = [`${API_GROUP}/v1beta1`, `${API_GROUP}/v1alpha1`];

/** The policy's apiVersion as kube-apiserver reads it; undefined when the root is not a mapping. */
export function declaredApiVersion(parsed: ParsedPolicy): TypeMetaField | undefined {
  const root = parsed.root;
  return root && root.kind === 'map' ? typeMetaField(root, 'apiVersion', readsAsJson(parsed.text)) : undefined;
}

export const checkInvalidApiVersion: DocumentCheck = (parsed, minor) => {
  const root = parsed.root;
  if (!root || isNull(root)) {
    // A tree lost to nesting too deep for it says nothing of what the file holds (nested-too-deeply).
    if (parsed.syntaxErrors.length > 0 || parsed.truncatedAt !== undefined) return [];
    // `---` (or a comment and `---`) before the policy's own `---`: the first document is empty.
    const later = parsed.laterDocuments.find((d) => d.root && looksLikePolicy(d.root));
    if (later?.root)
      return [
        {
          code: 'invalid-api-version',
          start: later.start,
          end: lineEndAt(parsed.text, later.start),
          path: 'apiVersion',
          message: `${REFUSE} it reads only the first YAML document of the file, and that one is empty (unknown group version field audit.k8s.io/__internal, Kind=Policy in policy). Remove this \`---\` line, or the one before it.`,
          data: { removeSeparator: true, laterPolicy: true },
        },
      ];
    return [
      {
        code: 'invalid-api-version',
        start: 0,
        end: 0,
        path: 'apiVersion',
        message: `${REFUSE} the file holds no policy (unknown group version field audit.k8s.io/__internal, Kind=Policy in policy). Start with apiVersion: ${API_VERSION}, kind: ${POLICY_KIND} and rules.`,
        data: { insertHeader: true },
      },
    ];
  }
  if (root.kind !== 'map') return [];
  const field = declaredApiVersion(parsed) as TypeMetaField;
  if (field.wrongType) return typeMetaWrongType(root, field.wrongType, 'apiVersion');
  const pair = field.pair;
  if (!pair || pair.value.value === '') {
    const at = findPair(root, 'apiVersion')?.key ?? root.pairs[0]?.key ?? root;
    return [
      {
        code: 'invalid-api-version',
        start: at.start,
        end: at.end,
        path: 'apiVersion',
        message: `${REFUSE} apiVersion is missing (unknown group version field audit.k8s.io/__internal, Kind=Policy in policy). Add apiVersion: ${API_VERSION}.`,
        data: { suggestion: API_VERSION },
      },
    ];
  }
  const value = pair.value;
  const version = value.value;
  if (version === API_VERSION) return [];
  const at = { start: value.start, end: value.end, path: 'apiVersion', data: { suggestion: API_VERSION } };
  const via = viaOtherKey(pair, 'apiVersion');
  if (!REMOVED_VERSIONS.includes(version)) {
    return [
      {
        ...at,
        code: 'invalid-api-version',
        message: `${REFUSE} failed decoding: no kind "Policy" is registered for version ${quoteShort(version)}${via}. An audit policy has apiVersion: ${API_VERSION}.`,
      },
    ];
  }
  if (minor < VERSION_FACTS.betaRemovedMinor) return [];
  return [
    {
      ...at,
      code: 'invalid-api-version',
      message: `${REFUSE} ${version} was removed in Kubernetes ${formatMinor(VERSION_FACTS.betaRemovedMinor)} (failed decoding: no kind "Policy" is registered for version ${quoteShort(version)})${via}. Use ${API_VERSION}; the fields are the same.`,
    },
  ];
};

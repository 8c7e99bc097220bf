// invalid-api-version: the loader (pkg/audit/policy/reader.go) decodes only the group versions
// kube-apiserver registers: a missing apiVersion, another version, or v1alpha1/v1beta1 after their
// removal in 1.24 fail decoding. An empty file holds no policy at all.
import { API_GROUP, API_VERSION, POLICY_KIND } from '../catalogue/values';
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import { isNull, quoteShort } from '../decode/nodeText';
import { findPair } from '../parse/model';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';

/** The versions kube-apiserver once served and removed (deprecated-api-version warns before that). */
export const REMOVED_VERSIONS = [`${API_GROUP}/v1beta1`, `${API_GROUP}/v1alpha1`];

export const checkInvalidApiVersion: DocumentCheck = (parsed, minor) => {
  const root = parsed.root;
  if (!root || isNull(root)) {
    if (parsed.syntaxErrors.length > 0) return [];
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
  const pair = findPair(root, 'apiVersion');
  if (
    !pair ||
    pair.value === null ||
    (pair.value.kind === 'scalar' && (pair.value.value === null || pair.value.value === ''))
  ) {
    const at = pair?.key ?? root.pairs[0]?.key ?? root;
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
  if (value.kind !== 'scalar' || typeof value.value !== 'string' || value.value === API_VERSION) return [];
  const version = value.value;
  const at = { start: value.start, end: value.end, path: 'apiVersion', data: { suggestion: API_VERSION } };
  if (!REMOVED_VERSIONS.includes(version)) {
    return [
      {
        ...at,
        code: 'invalid-api-version',
        message: `${REFUSE} failed decoding: no kind "Policy" is registered for version ${quoteShort(version)}. An audit policy has apiVersion: ${API_VERSION}.`,
      },
    ];
  }
  if (minor < VERSION_FACTS.betaRemovedMinor) return [];
  return [
    {
      ...at,
      code: 'invalid-api-version',
      message: `${REFUSE} ${version} was removed in Kubernetes ${formatMinor(VERSION_FACTS.betaRemovedMinor)} (failed decoding: no kind "Policy" is registered for version ${quoteShort(version)}). Use ${API_VERSION}; the fields are the same.`,
    },
  ];
};

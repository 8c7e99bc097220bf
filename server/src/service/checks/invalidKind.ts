// invalid-kind: the loader decodes into audit.Policy only; another kind of the group cannot be
// converted, and an unknown kind is not registered (reader.go, the scheme's error texts).
import { API_VERSION, POLICY_KIND } from '../catalogue/values';
import { quoteShort, stringValue } from '../decode/nodeText';
import { findPair } from '../parse/model';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';

export const checkInvalidKind: DocumentCheck = (parsed) => {
  const root = parsed.root;
  const value = root && root.kind === 'map' ? findPair(root, 'kind')?.value : undefined;
  if (
    !value ||
    value.kind !== 'scalar' ||
    typeof value.value !== 'string' ||
    value.value === '' ||
    value.value === POLICY_KIND
  )
    return [];
  const known = ['Event', 'EventList', 'PolicyList'].includes(value.value);
  // The scheme names the version the file declares (`registered for version "audit.k8s.io/v1beta1"`).
  const declared = root && root.kind === 'map' ? stringValue(findPair(root, 'apiVersion')?.value) : undefined;
  const detail = known
    ? `converting (v1.${value.value}) to (audit.Policy): unknown conversion`
    : `no kind ${quoteShort(value.value)} is registered for version ${JSON.stringify(declared || API_VERSION)}`;
  return [
    {
      code: 'invalid-kind',
      start: value.start,
      end: value.end,
      path: 'kind',
      message: `${REFUSE} failed decoding: ${detail}. An audit policy has kind: ${POLICY_KIND}.`,
      data: { suggestion: POLICY_KIND },
    },
  ];
};

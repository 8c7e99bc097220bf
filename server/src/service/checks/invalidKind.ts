// invalid-kind: the loader decodes into audit.Policy only; another kind of the group cannot be
// converted, and an unknown kind is not registered (reader.go, the scheme's error texts). The kind
// is the one the JSON serializer reads, from any key that spells kind in another case too
// (decode/typeMeta.ts); none, or "", defaults to Policy.
import { API_VERSION, OTHER_AUDIT_KINDS, POLICY_KIND } from '../catalogue/values';
import { quoteShort } from '../decode/nodeText';
import { typeMetaField } from '../decode/typeMeta';
import { readsAsJson } from '../parse/goyaml/load';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';
import { declaredApiVersion } from './invalidApiVersion';
import { typeMetaWrongType, viaOtherKey } from './typeMetaKeys';

export const checkInvalidKind: DocumentCheck = (parsed) => {
  const root = parsed.root;
  if (!root || root.kind !== 'map') return [];
  const field = typeMetaField(root, 'kind', readsAsJson(parsed.text));
  if (field.wrongType) return typeMetaWrongType(root, field.wrongType, 'kind');
  const pair = field.pair;
  if (!pair || pair.value.value === '' || pair.value.value === POLICY_KIND) return [];
  const value = pair.value;
  const known = OTHER_AUDIT_KINDS.includes(value.value);
  // The scheme names the version the file declares (`registered for version "audit.k8s.io/v1beta1"`).
  const declared = declaredApiVersion(parsed)?.value;
  const detail = known
    ? `converting (v1.${value.value}) to (audit.Policy): unknown conversion`
    : `no kind ${quoteShort(value.value)} is registered for version ${JSON.stringify(declared || API_VERSION)}`;
  return [
    {
      code: 'invalid-kind',
      start: value.start,
      end: value.end,
      path: 'kind',
      message:
        `${REFUSE} failed decoding: ${detail}${viaOtherKey(pair, 'kind')}. ` +
        `An audit policy has kind: ${POLICY_KIND}.`,
      data: { suggestion: POLICY_KIND },
    },
  ];
};

// A file whose policy is not its first YAML document: kube-apiserver decodes the first document only
// (reader.go reads the file's bytes once, and sigs.k8s.io/yaml converts the first document to JSON),
// so a ConfigMap, a Deployment or a list before the policy's `---` is what it tries to load, and it
// refuses the file with that document's type. The empty first document is invalid-api-version's
// case. The decoder's errors below are the oracle's (v1.20.2) for each shape of first document.
import { API_GROUP, API_VERSION, OTHER_AUDIT_KINDS, POLICY_KIND } from '../catalogue/values';
import { VERSION_FACTS } from '../catalogue/versions';
import { looksLikePolicy } from '../decode/detect';
import { isNull, quoteShort } from '../decode/nodeText';
import { typeMetaField } from '../decode/typeMeta';
import { readsAsJson } from '../parse/goyaml/load';
import type { Node } from '../parse/model';
import { lineEndAt } from '../text/lines';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';
import { REMOVED_VERSIONS } from './invalidApiVersion';
import { jsonTypeOf } from './typeMetaKeys';

/** What Interpret unmarshals a document into, as Go prints the type in its error. */
const TYPE_META =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

export const checkFirstDocument: DocumentCheck = (parsed, minor) => {
  const root = parsed.root;
  // A JSON file is one document; an empty first document is invalid-api-version's.
  if (!root || isNull(root) || readsAsJson(parsed.text)) return [];
  if (looksLikePolicy(root, parsed.rules)) return [];
  const later = parsed.laterDocuments.find((d) => d.root && looksLikePolicy(d.root));
  if (!later) return [];
  const refusal = decodeError(root, minor);
  return [
    {
      code: refusal.code,
      start: later.start,
      end: lineEndAt(parsed.text, later.start),
      path: refusal.code === 'invalid-kind' ? 'kind' : 'apiVersion',
      message:
        `${REFUSE} it reads only the first YAML document of the file, and that one is ${refusal.what}, not ` +
        `this policy (${refusal.detail}). Put the policy first in the file, or in a file of its own.`,
      data: { laterPolicy: true },
    },
  ];
};

interface Refusal {
  readonly code: 'invalid-kind' | 'invalid-api-version';
  /** The document, as the message names it. */
  readonly what: string;
  /** The loader's error. */
  readonly detail: string;
}

function decodeError(root: Node, minor: number): Refusal {
  if (root.kind !== 'map') {
    const jsonType = jsonTypeOf(root);
    // runtime/serializer/json/meta.go: Interpret unmarshals the document into apiVersion and kind.
    return {
      code: 'invalid-api-version',
      what: jsonType === 'array' ? 'a list' : `a ${jsonType}`,
      detail: `failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType} into Go value of type ${TYPE_META}`,
    };
  }
  const apiVersion = typeMetaField(root, 'apiVersion', false);
  const kind = typeMetaField(root, 'kind', false);
  const wrong = apiVersion.wrongType ? 'apiVersion' : kind.wrongType ? 'kind' : undefined;
  if (wrong) {
    const jsonType = jsonTypeOf((apiVersion.wrongType ?? kind.wrongType)!.value!);
    return {
      code: wrong === 'kind' ? 'invalid-kind' : 'invalid-api-version',
      what: `an object whose ${wrong} is not a string`,
      detail: `failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal ${jsonType} into Go struct field .${wrong} of type string`,
    };
  }
  const version = apiVersion.value;
  const kindName = kind.value;
  // Both missing: the scheme's defaults (audit.k8s.io/__internal, Policy) fail the version check.
  if (!version && !kindName)
    return {
      code: 'invalid-api-version',
      what: 'a mapping with neither apiVersion nor kind',
      detail: `unknown group version field ${API_GROUP}/__internal, Kind=${POLICY_KIND} in policy`,
    };
  const what = kindName
    ? `${/^[AEIOU]/i.test(kindName) ? 'an' : 'a'} ${kindName}`
    : `an object of ${quoteShort(version)}`;
  const typed = kindName || POLICY_KIND;
  if (OTHER_AUDIT_KINDS.includes(typed) && (!version || servedAuditVersion(version, minor))) {
    const from = version ? version.slice(API_GROUP.length + 1) : 'audit';
    return {
      code: 'invalid-kind',
      what,
      detail: `failed decoding: converting (${from}.${typed}) to (audit.${POLICY_KIND}): unknown conversion`,
    };
  }
  const registered = version
    ? `for version ${JSON.stringify(version)}`
    : `for the internal version of group ${JSON.stringify(API_GROUP)}`;
  return {
    code: kindName ? 'invalid-kind' : 'invalid-api-version',
    what,
    detail: `failed decoding: no kind ${JSON.stringify(typed)} is registered ${registered}`,
  };
}

/** The group versions kube-apiserver registers (v1beta1 and v1alpha1 until their removal). */
function servedAuditVersion(version: string, minor: number): boolean {
  return version === API_VERSION || (minor < VERSION_FACTS.betaRemovedMinor && REMOVED_VERSIONS.includes(version));
}

// The fields of ObjectMeta and their Go types (k8s.io/apimachinery pkg/apis/meta/v1 types.go:
// ObjectMeta, OwnerReference, ManagedFieldsEntry). The audit system ignores metadata, but the
// decoder still reads it: a value of the wrong type fails decoding and kube-apiserver refuses to
// start; a key ObjectMeta does not have is dropped.
import { ownEntry } from './ownEntry';

/** How the JSON decoder reads a value: `time` is metav1.Time (an RFC 3339 string, or null),
 *  `int64` a JSON integer, `any` FieldsV1 (raw JSON, anything goes). */
export type MetaType =
  'string' | 'int64' | 'boolean' | 'time' | 'stringMap' | 'stringList' | 'any' | { readonly listOf: MetaFields };

export interface MetaField {
  readonly type: MetaType;
  /** The first minor version whose ObjectMeta has the field (absent: every version). */
  readonly sinceMinor?: number;
  /** The last minor version whose ObjectMeta has the field (absent: still there). */
  readonly untilMinor?: number;
}

export type MetaFields = Readonly<Record<string, MetaField>>;

const OWNER_REFERENCE: MetaFields = {
  apiVersion: { type: 'string' },
  kind: { type: 'string' },
  name: { type: 'string' },
  uid: { type: 'string' },
  controller: { type: 'boolean' },
  blockOwnerDeletion: { type: 'boolean' },
};

const MANAGED_FIELDS_ENTRY: MetaFields = {
  manager: { type: 'string' },
  operation: { type: 'string' },
  apiVersion: { type: 'string' },
  time: { type: 'time' },
  fieldsType: { type: 'string' },
  fieldsV1: { type: 'any' },
  // Added with server-side apply of subresources (Kubernetes 1.22, kubernetes/kubernetes#100970).
  subresource: { type: 'string', sinceMinor: 22 },
};

export const OBJECT_META: MetaFields = {
  name: { type: 'string' },
  generateName: { type: 'string' },
  namespace: { type: 'string' },
  selfLink: { type: 'string' },
  uid: { type: 'string' },
  resourceVersion: { type: 'string' },
  generation: { type: 'int64' },
  creationTimestamp: { type: 'time' },
  deletionTimestamp: { type: 'time' },
  deletionGracePeriodSeconds: { type: 'int64' },
  labels: { type: 'stringMap' },
  annotations: { type: 'stringMap' },
  ownerReferences: { type: { listOf: OWNER_REFERENCE } },
  finalizers: { type: 'stringList' },
  // Deprecated, then removed from ObjectMeta in Kubernetes 1.25 (kubernetes/kubernetes#108717).
  clusterName: { type: 'string', untilMinor: 24 },
  managedFields: { type: { listOf: MANAGED_FIELDS_ENTRY } },
};

/** The field `name` of `fields` as the given Kubernetes minor version has it, if it has it. */
export function metaField(fields: MetaFields, name: string, minor: number): MetaField | undefined {
  const field = ownEntry(fields, name);
  if (
    !field ||
    (field.sinceMinor !== undefined && minor < field.sinceMinor) ||
    (field.untilMinor !== undefined && minor > field.untilMinor)
  )
    return undefined;
  return field;
}

/** The fields of the newest release's ObjectMeta (for the JSON schema, which has no versions). */
export const OBJECT_META_FIELDS: readonly string[] = Object.keys(OBJECT_META).filter(
  (name) => OBJECT_META[name].untilMinor === undefined,
);

// The fields of ObjectMeta (k8s.io/apimachinery pkg/apis/meta/v1 types.go). The audit system
// ignores metadata, but the decoder still drops keys that ObjectMeta does not have.
export const OBJECT_META_FIELDS: readonly string[] = [
  'name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields',
];

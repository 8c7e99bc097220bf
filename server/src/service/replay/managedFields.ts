// How many bytes metadata.managedFields takes in a body, for a policy that omits managed fields.
// kube-apiserver drops them from the object written (audit.LogRequestObject and LogResponseObject
// call copyWithoutManagedFields, k8s.io/apiserver pkg/audit/request.go): from the object's own
// metadata, from each item of a list, and from the object of each row of a Table. ObjectMeta's
// managedFields is `omitempty`, so the whole member goes, with one separating comma.
import { forEachElement, forEachMember, KeyTable } from './jsonScan';

const KEYS = new KeyTable(['metadata', 'managedFields', 'items', 'rows', 'object']);
const METADATA = 0;
const MANAGED_FIELDS = 1;
const ITEMS = 2;
const ROWS = 3;
const OBJECT = 4;

/** The bytes that leave the JSON value at [start, end) (an already checked body) without its managed fields. */
export function managedFieldsBytes(b: Uint8Array, start: number, end: number): number {
  if (end - start < 2 || b[start] !== 0x7b) return 0;
  let bytes = 0;
  forEachMember(b, start, (keyStart, keyEnd, valueStart) => {
    const k = KEYS.find(b, keyStart, keyEnd);
    if (k === METADATA) bytes += inMetadata(b, valueStart);
    else if (k === ITEMS) bytes += eachElement(b, valueStart, (e) => ofObject(b, e));
    else if (k === ROWS) bytes += eachElement(b, valueStart, (row) => memberOf(b, row, OBJECT, ofObject));
  });
  return bytes;
}

/** An object's own metadata.managedFields (a list item, a table row's object). */
function ofObject(b: Uint8Array, start: number): number {
  return memberOf(b, start, METADATA, inMetadata);
}

function inMetadata(b: Uint8Array, start: number): number {
  if (b[start] !== 0x7b) return 0;
  let members = 0;
  let managed = 0;
  forEachMember(b, start, (keyStart, keyEnd, _valueStart, valueEnd) => {
    members++;
    if (KEYS.find(b, keyStart, keyEnd) === MANAGED_FIELDS) managed = valueEnd - keyStart;
  });
  // With other members beside it, one comma goes too.
  return managed === 0 ? 0 : managed + (members > 1 ? 1 : 0);
}

function memberOf(b: Uint8Array, start: number, key: number, read: (b: Uint8Array, at: number) => number): number {
  if (b[start] !== 0x7b) return 0;
  let bytes = 0;
  forEachMember(b, start, (keyStart, keyEnd, valueStart) => {
    if (KEYS.find(b, keyStart, keyEnd) === key) bytes = read(b, valueStart);
  });
  return bytes;
}

function eachElement(b: Uint8Array, start: number, read: (at: number) => number): number {
  if (b[start] !== 0x5b) return 0;
  let bytes = 0;
  forEachElement(b, start, (e) => {
    bytes += read(e);
  });
  return bytes;
}

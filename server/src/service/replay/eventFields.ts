// An audit event's fields as replay reads them (eventOf), each checked as Go's decoder would, from
// the members one scan found (memberSlots.ts); and the few fields the replayer reads alone for an
// event whose kind it has already decided (the ID, the time, the bodies' sizes). docs/REPLAY.md says
// why each field is read as it is.
import { microTimeMs } from './eventTime';
import { stringAt } from './internedStrings';
import { forEachElement, forEachMember, KeyTable } from './jsonScan';
import { has, K, KEYS, scanObject, SLOTS } from './memberSlots';
import type { Slots } from './memberSlots';

export interface ObjectRef {
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
}

export interface AuditEvent {
  readonly auditID: string;
  readonly stage: string;
  readonly verb: string;
  /** The level the event was recorded at. */
  readonly level: string;
  /**
   * The request URI of a non-resource request, or of a create (whose objectRef the new object may
   * have filled in); '' for other resource requests, which objectRef decides.
   */
  readonly requestURI: string;
  /** The authenticated user's name; undefined when the event has none (failed authentication). */
  readonly username: string | undefined;
  readonly groups: readonly string[];
  /** Present exactly for resource requests. */
  readonly objectRef: ObjectRef | undefined;
  readonly userAgent: string;
  /** stageTimestamp (v1), else timestamp (v1beta1), else requestReceivedTimestamp; '' when none. */
  readonly time: string;
  /** The event's size in the input, with its newline. */
  readonly bytes: number;
  /** What leaves the event when its level drops below Request (the requestObject member). */
  readonly requestObjectBytes: number;
  /** What leaves the event when its level drops below RequestResponse (the responseObject member). */
  readonly responseObjectBytes: number;
}

export class NotAnEvent extends Error {}

/** Values unique to each event (IDs, times, URIs) are not worth interning. */
const UNIQUE = new Set<K>([K.auditID, K.requestURI, K.stageTimestamp, K.timestamp, K.requestReceivedTimestamp]);

export function stringField(b: Uint8Array, s: Slots, k: K, required: boolean): string {
  if (!has(s, k)) {
    if (required) throw new NotAnEvent(`not an audit event: no "${KEYS.keys[k]}"`);
    return '';
  }
  return stringValue(b, s[k * 3 + 1], s[k * 3 + 2], KEYS.keys[k], required, !UNIQUE.has(k));
}

/** A member that must be a string (null reads as "" unless the member is required, as Go decodes it). */
function stringValue(b: Uint8Array, start: number, end: number, name: string, required = false, intern = true): string {
  if (b[start] === 0x22) return stringAt(b, start, end, intern);
  if (!required && end - start === 4 && b[start] === 0x6e) return ''; // null
  throw new NotAnEvent(`not an audit event: "${name}" is not a string`);
}

export const REF_KEYS = new KeyTable(['apiGroup', 'apiVersion', 'resource', 'subresource', 'namespace', 'name']);
export const USER_KEYS = new KeyTable(['username', 'groups']);

/** Reads the string members of the object at `start` named in `table`, by index; others are skipped. */
function stringMembers(b: Uint8Array, start: number, table: KeyTable, what: string): string[] {
  if (b[start] !== 0x7b) throw new NotAnEvent(`not an audit event: "${what}" is not an object`);
  const out = table.keys.map(() => '');
  forEachMember(b, start, (keyStart, keyEnd, valueStart, valueEnd) => {
    const k = table.find(b, keyStart, keyEnd);
    if (k !== -1 && table.keys[k] !== 'groups')
      out[k] = stringValue(b, valueStart, valueEnd, `${what}.${table.keys[k]}`);
  });
  return out;
}

function objectRefOf(b: Uint8Array, s: Slots): ObjectRef | undefined {
  if (!has(s, K.objectRef) || b[s[K.objectRef * 3 + 1]] === 0x6e) return undefined;
  const [apiGroup, apiVersion, resource, subresource, namespace, name] = stringMembers(
    b,
    s[K.objectRef * 3 + 1],
    REF_KEYS,
    'objectRef',
  );
  // audit.k8s.io/v1alpha1 (Kubernetes 1.7 to 1.11) has no apiGroup: its apiVersion is the group and
  // version joined by "/" (Convert_audit_ObjectReference_To_v1alpha1_ObjectReference); the checker saw
  // them apart. A later event's apiVersion is the version alone and never holds a "/".
  const slash = apiGroup === '' ? apiVersion.lastIndexOf('/') : -1;
  if (slash !== -1)
    return {
      apiGroup: apiVersion.slice(0, slash),
      apiVersion: apiVersion.slice(slash + 1),
      resource,
      subresource,
      namespace,
      name,
    };
  return { apiGroup, apiVersion, resource, subresource, namespace, name };
}

function userOf(b: Uint8Array, s: Slots): { username: string | undefined; groups: string[] } {
  if (!has(s, K.user) || b[s[K.user * 3 + 1]] === 0x6e) return { username: undefined, groups: [] };
  const start = s[K.user * 3 + 1];
  if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: "user" is not an object');
  let username = '';
  let groups: string[] = [];
  forEachMember(b, start, (keyStart, keyEnd, valueStart, valueEnd) => {
    const k = USER_KEYS.find(b, keyStart, keyEnd);
    if (k === 0) username = stringValue(b, valueStart, valueEnd, 'user.username');
    if (k !== 1) return;
    groups = [];
    if (b[valueStart] === 0x6e) return;
    if (b[valueStart] !== 0x5b) throw new NotAnEvent('not an audit event: "user.groups" is not a list of strings');
    forEachElement(b, valueStart, (e0, e1) => {
      if (b[e0] !== 0x22) throw new NotAnEvent('not an audit event: "user.groups" is not a list of strings');
      groups.push(stringAt(b, e0, e1));
    });
  });
  // An event always has a user object; failed authentication leaves it empty (no name).
  return username === '' ? { username: undefined, groups: [] } : { username, groups };
}

/** The removal of one member: its key, value and one separating comma (bodies are never alone). */
const memberBytes = (s: Slots, k: K): number => (has(s, k) ? s[k * 3 + 2] - s[k * 3] + 1 : 0);

/** What kube-audit-rest and other admission-webhook loggers write: no verb, stage or request URI
 *  (admission.k8s.io AdmissionRequest has an operation and the object), so no policy decides it. */
const ADMISSION_REVIEW =
  'not an audit event: kind "AdmissionReview", an admission webhook\'s request (as kube-audit-rest logs them), ' +
  'which has no verb, stage or request URI';

/** The event whose members `s` holds, every field checked; throws NotAnEvent when it is not one. */
export function eventOf(b: Uint8Array, s: Slots, bytes: number): AuditEvent {
  const kind = stringField(b, s, K.kind, false);
  if (kind === 'AdmissionReview') throw new NotAnEvent(ADMISSION_REVIEW);
  if (kind !== '' && kind !== 'Event') throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
  const apiVersion = stringField(b, s, K.apiVersion, false);
  if (apiVersion !== '' && !apiVersion.startsWith('audit.k8s.io/'))
    throw new NotAnEvent(`not an audit event: apiVersion "${apiVersion.slice(0, 60)}"`);
  const { username, groups } = userOf(b, s);
  const objectRef = objectRefOf(b, s);
  if (!has(s, K.requestURI)) throw new NotAnEvent('not an audit event: no "requestURI"');
  const verb = stringField(b, s, K.verb, true);
  return {
    auditID: auditIdOf(b, s),
    stage: stringField(b, s, K.stage, true),
    verb,
    level: stringField(b, s, K.level, true),
    // A non-resource request is decided by its URI (its path), a resource request by objectRef,
    // except a create's namespace and name, which the URI says (attributes.ts).
    requestURI: objectRef && verb !== 'create' ? '' : stringField(b, s, K.requestURI, true),
    username,
    groups,
    objectRef,
    userAgent: stringField(b, s, K.userAgent, false),
    time: timeOf(b, s),
    bytes,
    requestObjectBytes: memberBytes(s, K.requestObject),
    responseObjectBytes: memberBytes(s, K.responseObject),
  };
}

/** Decodes the Event object at `start`; `bytes` is its size in the input. */
export function decodeEvent(b: Uint8Array, start: number, bytes: number): AuditEvent {
  scanObject(b, start);
  return eventOf(b, SLOTS, bytes);
}

export const auditIdOf = (b: Uint8Array, s: Slots): string => stringField(b, s, K.auditID, false);

/** Makes auditIdOf's checks without making the string (when no --events line needs it). */
export function checkAuditId(b: Uint8Array, s: Slots): void {
  const start = s[K.auditID * 3 + 1];
  const end = s[K.auditID * 3 + 2];
  if (!has(s, K.auditID)) return;
  // A string without escapes is one; anything else goes through auditIdOf, which says what is wrong.
  let plain = b[start] === 0x22;
  for (let i = start + 1; plain && i < end - 1; i++) plain = b[i] !== 0x5c;
  if (!plain) auditIdOf(b, s);
}

/** The time of a v1 event in milliseconds when its stageTimestamp is a MicroTime (timeOf's answer). */
export function stageTimeMs(b: Uint8Array, s: Slots): number | undefined {
  if (!has(s, K.stageTimestamp)) return undefined;
  return microTimeMs(b, s[K.stageTimestamp * 3 + 1], s[K.stageTimestamp * 3 + 2]);
}

/** stageTimestamp (v1), else timestamp (v1beta1), else requestReceivedTimestamp; '' when none. */
export const timeOf = (b: Uint8Array, s: Slots): string =>
  stringField(b, s, K.stageTimestamp, false) ||
  stringField(b, s, K.timestamp, false) ||
  stringField(b, s, K.requestReceivedTimestamp, false);

/** The sizes of the bodies, as eventOf gives them. */
export const requestObjectBytes = (s: Slots): number => memberBytes(s, K.requestObject);
export const responseObjectBytes = (s: Slots): number => memberBytes(s, K.responseObject);

/** Where a body's value lies ([start, end)); undefined when the event has none. */
export function bodyAt(s: Slots, body: 'requestObject' | 'responseObject'): [number, number] | undefined {
  const k = body === 'requestObject' ? K.requestObject : K.responseObject;
  return has(s, k) ? [s[k * 3 + 1], s[k * 3 + 2]] : undefined;
}

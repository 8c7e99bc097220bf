// What replay reads from one audit event, and the shapes events come in: a log backend line (one
// Event), a webhook EventList batch, an AKS diagnostic record whose `properties.log` holds the
// event as a string or an object, `{"records": [...]}` as Azure exports them, a JSON array of any
// of these, objects one after another on a line, a shipper's envelope around any of these (a
// member holding it as an object or a JSON string), a GKE Cloud Audit Log entry
// (cloudAuditLog.ts) and a row of Log Analytics' AKSAudit table (aksAuditTable.ts). Text around
// the JSON on a line is eventLines.ts's. docs/REPLAY.md says why each field is read as it is.
import { microTimeMs } from './eventTime';
import { AKS_AUDIT_COLUMNS, eventOfAksAuditRow } from './aksAuditTable';
import { eventOfCloudEntry, kubernetesAuditPayload } from './cloudAuditLog';
import { criLine } from './lineText';
import {
  forEachElement,
  forEachMember,
  JsonSyntaxError,
  KeyTable,
  skipSpace,
  skipValue,
  unescapeString,
} from './jsonScan';

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

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** The members replay reads, found by bytes (KeyTable) in one pass over an object. */
const KEYS = new KeyTable([
  'kind',
  'apiVersion',
  'level',
  'auditID',
  'stage',
  'requestURI',
  'verb',
  'user',
  'objectRef',
  'userAgent',
  'stageTimestamp',
  'timestamp',
  'requestReceivedTimestamp',
  'requestObject',
  'responseObject',
  'items',
  'records',
  'properties',
  'log',
  'protoPayload',
  'protopayload_auditlog',
]);
const enum K {
  kind,
  apiVersion,
  level,
  auditID,
  stage,
  requestURI,
  verb,
  user,
  objectRef,
  userAgent,
  stageTimestamp,
  timestamp,
  requestReceivedTimestamp,
  requestObject,
  responseObject,
  items,
  records,
  properties,
  log,
  protoPayload,
  protopayloadAuditlog,
}

/**
 * Where the members replay reads lie in one scanned object: per known key, key start, value start
 * and value end; -1 when absent. The last of equal keys wins, as in Go.
 */
export type Slots = Int32Array;

/** One table of slots for every object scanned: each scan is read to the end before the next one
 *  starts (a batch's items and a record's event are scanned after their container's slots are read). */
const SLOTS: Slots = new Int32Array(KEYS.keys.length * 3);

function visitMember(b: Uint8Array, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void {
  let k = KEYS.find(b, keyStart, keyEnd);
  if (k === -1 && b.subarray(keyStart, keyEnd).includes(0x5c)) {
    k = KEYS.keys.indexOf(JSON.parse(utf8.decode(b.subarray(keyStart, keyEnd))) as string);
  }
  if (k === -1) return;
  SLOTS[k * 3] = keyStart;
  SLOTS[k * 3 + 1] = valueStart;
  SLOTS[k * 3 + 2] = valueEnd;
}

let scanned: Uint8Array = new Uint8Array(0);
const visitScanned = (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void =>
  visitMember(scanned, keyStart, keyEnd, valueStart, valueEnd);

/** Fills SLOTS from the object at `start`, `depth` deep in its line; returns the object's end. */
function scanObject(b: Uint8Array, start: number, depth = 0): number {
  SLOTS.fill(-1);
  scanned = b;
  return forEachMember(b, start, visitScanned, depth);
}

const has = (s: Slots, k: K): boolean => s[k * 3] !== -1;

function value(b: Uint8Array, s: Slots, k: K): unknown {
  return JSON.parse(utf8.decode(b.subarray(s[k * 3 + 1], s[k * 3 + 2])));
}

/** Short ASCII values repeat from event to event (verbs, users, resources, user agents): each is
 *  made into a string once and found again by a hash of its bytes. The table is bounded. */
const INTERN_MAX_BYTES = 80;
const INTERN_MAX_ENTRIES = 20_000;
const interned = new Map<number, string[]>();
let internedCount = 0;

function sameBytes(text: string, b: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[start + i]) return false;
  return true;
}

/** The JSON string at [start, end) (quotes included). */
function stringAt(b: Uint8Array, start: number, end: number, intern = true): string {
  if (end - start === 2) return '';
  if (!intern || end - start - 2 > INTERN_MAX_BYTES) {
    const text = utf8.decode(b.subarray(start + 1, end - 1));
    return text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text;
  }
  let hash = 0x811c9dc5;
  let ascii = true;
  for (let i = start + 1; i < end - 1; i++) {
    const c = b[i];
    if (c === 0x5c) return JSON.parse(utf8.decode(b.subarray(start, end))) as string;
    if (c >= 0x80) ascii = false;
    hash = Math.imul(hash ^ c, 16777619);
  }
  if (!ascii) return utf8.decode(b.subarray(start + 1, end - 1));
  const bucket = interned.get(hash);
  if (bucket) {
    for (const text of bucket) if (sameBytes(text, b, start + 1, end - 1)) return text;
  }
  const text = utf8.decode(b.subarray(start + 1, end - 1));
  if (internedCount < INTERN_MAX_ENTRIES) {
    internedCount++;
    if (bucket) bucket.push(text);
    else interned.set(hash, [text]);
  }
  return text;
}

/** Values unique to each event (IDs, times, URIs) are not worth interning. */
const UNIQUE = new Set<K>([K.auditID, K.requestURI, K.stageTimestamp, K.timestamp, K.requestReceivedTimestamp]);

function stringField(b: Uint8Array, s: Slots, k: K, required: boolean): string {
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

const REF_KEYS = new KeyTable(['apiGroup', 'apiVersion', 'resource', 'subresource', 'namespace', 'name']);
const USER_KEYS = new KeyTable(['username', 'groups']);

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

/** The event whose members `s` holds, every field checked; throws NotAnEvent when it is not one. */
export function eventOf(b: Uint8Array, s: Slots, bytes: number): AuditEvent {
  const kind = stringField(b, s, K.kind, false);
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

/** Top-level members whose bytes, with those of the user and objectRef members below, decide an event's kind. */
const KIND_MEMBERS = [K.kind, K.apiVersion, K.level, K.stage, K.verb, K.userAgent];
const VERB_AT = KIND_MEMBERS.indexOf(K.verb);
const USER_AT = KIND_MEMBERS.length;
const REF_AT = USER_AT + USER_KEYS.keys.length;
const URI_AT = REF_AT + REF_KEYS.keys.length;
/** How many [start, end) pairs kindRanges fills. */
export const KIND_RANGES = URI_AT + 1;

/**
 * Fills `out` with [start, end) pairs ([-1, -1] when absent), one per member that eventOf reads
 * for anything but the ID, the time and the sizes: kind, apiVersion, level, stage, verb,
 * userAgent, user.username, user.groups, the six members of objectRef it reads, and requestURI,
 * whose value counts only when there is no objectRef or the verb is create (only whether there is
 * one otherwise). Two events whose pairs hold the same bytes decode to the same fields, which is
 * what lets a kind be decided once. Not the whole user or objectRef: their uid, extra and resourceVersion change from
 * request to request and decide nothing. False when user or objectRef is neither an object nor
 * null: eventOf says what is wrong.
 */
export function kindRanges(b: Uint8Array, s: Slots, out: Int32Array): boolean {
  out.fill(-1);
  for (let i = 0; i < KIND_MEMBERS.length; i++) {
    const k = KIND_MEMBERS[i];
    if (s[k * 3] === -1) continue;
    out[i * 2] = s[k * 3 + 1];
    out[i * 2 + 1] = s[k * 3 + 2];
  }
  if (has(s, K.user) && !membersInto(b, s[K.user * 3 + 1], USER_KEYS, out, USER_AT)) return false;
  const resourceRequest = has(s, K.objectRef) && b[s[K.objectRef * 3 + 1]] !== 0x6e;
  if (resourceRequest && !membersInto(b, s[K.objectRef * 3 + 1], REF_KEYS, out, REF_AT)) return false;
  if (has(s, K.requestURI)) {
    // For a resource request only whether there is one (an empty range, told apart from an absent
    // one), unless it is a create. A verb written with escapes is not cached: its bytes do not say.
    for (let i = out[VERB_AT * 2]; resourceRequest && i < out[VERB_AT * 2 + 1]; i++) if (b[i] === 0x5c) return false;
    const uri = !resourceRequest || isCreate(b, out[VERB_AT * 2], out[VERB_AT * 2 + 1]);
    out[URI_AT * 2] = uri ? s[K.requestURI * 3 + 1] : 0;
    out[URI_AT * 2 + 1] = uri ? s[K.requestURI * 3 + 2] : 0;
  }
  return true;
}

const CREATE = encoder.encode('"create"');

/** Whether the verb's JSON text at [start, end) is "create" (-1 when there is no verb). */
function isCreate(b: Uint8Array, start: number, end: number): boolean {
  if (end - start !== CREATE.length) return false;
  for (let i = 0; i < CREATE.length; i++) if (b[start + i] !== CREATE[i]) return false;
  return true;
}

/** Where membersInto's visitor writes (one visitor for all calls: no closure made per event). */
const into: { b: Uint8Array; table: KeyTable; out: Int32Array; at: number } = {
  b: new Uint8Array(0),
  table: USER_KEYS,
  out: new Int32Array(0),
  at: 0,
};
const visitInto = (keyStart: number, keyEnd: number, valueStart: number, valueEnd: number): void => {
  const k = into.table.find(into.b, keyStart, keyEnd);
  if (k === -1) return;
  into.out[(into.at + k) * 2] = valueStart;
  into.out[(into.at + k) * 2 + 1] = valueEnd;
};

/** The ranges of the members of the object at `start` named in `table` (the last of equal keys); null is none. */
function membersInto(b: Uint8Array, start: number, table: KeyTable, out: Int32Array, at: number): boolean {
  if (b[start] === 0x6e) return true;
  if (b[start] !== 0x7b) return false;
  into.b = b;
  into.table = table;
  into.out = out;
  into.at = at;
  forEachMember(b, start, visitInto);
  return true;
}

/** What one input line (or one pretty-printed document) holds: events, and items that are not. */
export interface LineSink {
  event(event: AuditEvent): void;
  /** An item of the line that is not an event; `where` names it inside a batch ("items[3]"). */
  bad(reason: string, where?: string): void;
}

/** A LineSink that takes each event as its scanned members, to decode only what it needs. */
export interface ScannedSink {
  /** `s` is valid during the call only; `bytes` is the event's size in the input. */
  event(b: Uint8Array, s: Slots, bytes: number): void;
  bad(reason: string, where?: string): void;
  /** After an event made from a GKE Cloud Audit Log entry (cloudAuditLog.ts), which has no groups. */
  cloudEntry?(): void;
}

/**
 * Reads one line: `lineBytes` is its size in the input (with its newline), the size of the event
 * when the line is one event. A line that is not JSON throws JsonSyntaxError; items of a batch that
 * are not events are reported to the sink one by one and the rest is read.
 */
export function decodeLine(b: Uint8Array, lineBytes: number, sink: LineSink): void {
  scanLine(b, lineBytes, {
    event: (bytes, s, size) => sink.event(eventOf(bytes, s, size)),
    bad: (reason, where) => sink.bad(reason, where),
  });
}

/** decodeLine, handing over each event's scanned members instead of the decoded event. */
export function scanLine(b: Uint8Array, lineBytes: number, sink: ScannedSink, where = '', depth = 0): void {
  const start = skipSpace(b, 0);
  if (start === b.length) throw new JsonSyntaxError('an empty line');
  if (b[start] === 0x7b) {
    // The usual line, one object: crossed once, its grammar checked as its members are found.
    const end = scanObject(b, start);
    if (skipSpace(b, end) === b.length) return decodeScanned(b, start, lineBytes, sink, where, depth);
    if (b[skipSpace(b, end)] !== 0x7b)
      throw new JsonSyntaxError(`text after the JSON value at byte ${skipSpace(b, end)}`);
    return concatenated(b, start, sink, where, depth);
  }
  const end = skipValue(b, start);
  if (skipSpace(b, end) !== b.length)
    throw new JsonSyntaxError(`text after the JSON value at byte ${skipSpace(b, end)}`);
  decodeValue(b, start, lineBytes, sink, where, depth);
}

/**
 * Objects one after another on a line, as Kinesis Data Firehose writes CloudWatch Logs records to S3
 * (no separator). Every one is checked before any is read, so a line that is not JSON throws having
 * handed nothing over; each is sized as its own line with a newline.
 */
function concatenated(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  const starts: number[] = [];
  for (let p = start; p < b.length; p = skipSpace(b, p)) {
    if (b[p] !== 0x7b) throw new JsonSyntaxError(`text after the JSON value at byte ${p}`);
    starts.push(p, (p = skipValue(b, p)));
  }
  for (let i = 0; i < starts.length; i += 2) {
    decodeValue(b, starts[i], starts[i + 1] - starts[i] + 1, sink, `${where}[${i / 2}]`, depth + 1);
  }
}

/**
 * How deep containers may nest around an event: a batch in an array, an envelope in an envelope (a
 * Loki answer holds its lines four deep). Each level crosses what it holds once more, so the bound
 * also bounds the work a hostile line can cause.
 */
const MAX_CONTAINER_DEPTH = 6;

function decodeValue(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth = 0): void {
  try {
    if (depth > MAX_CONTAINER_DEPTH)
      throw new NotAnEvent(`not an audit event: containers nested deeper than ${MAX_CONTAINER_DEPTH}`);
    if (b[start] === 0x5b) {
      let i = 0;
      forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`, depth + 1));
      return;
    }
    if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: not a JSON object');
    scanObject(b, start);
  } catch (error) {
    if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError)
      sink.bad(error.message, where || undefined);
    else throw error;
    return;
  }
  decodeScanned(b, start, bytes, sink, where, depth);
}

const inside = (where: string, inner: string): string => (where ? `${where}.${inner}` : inner);

/**
 * Members only an audit event (or another Kubernetes object: `kind`, `apiVersion`) has: an object
 * holding one is a broken event or no event, never a shipper's envelope.
 */
const EVENT_ONLY = [K.auditID, K.requestURI, K.stage, K.kind, K.apiVersion];

/** The columns that make an object a row of Log Analytics' AKSAudit table (aksAuditTable.ts). */
const ROW_KEYS = new KeyTable(AKS_AUDIT_COLUMNS);

/** Why an envelope held no event when none of its members even looked like one. */
const NO_EVENT_INSIDE = 'not an audit event: no "verb", and no member holds an event';

/**
 * The object at `start`, whose members SLOTS holds: an event, a batch of them, an AKS record, or
 * an envelope around one (envelope.ts).
 */
function decodeScanned(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth = 0): void {
  const s = SLOTS;
  try {
    if (has(s, K.verb)) sink.event(b, s, bytes);
    else if (has(s, K.items)) {
      const kind = stringField(b, s, K.kind, false);
      if (kind !== '' && kind !== 'EventList') throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
      decodeList(b, s[K.items * 3 + 1], sink, inside(where, 'items'), depth);
    } else if (has(s, K.records)) decodeList(b, s[K.records * 3 + 1], sink, inside(where, 'records'), depth);
    else if (has(s, K.properties) && b[s[K.properties * 3 + 1]] === 0x7b && propertiesHoldLog(b, s))
      decodeRecord(b, s[K.properties * 3 + 1], sink, inside(where, 'properties.log'), depth);
    else if (has(s, K.protoPayload) || has(s, K.protopayloadAuditlog)) decodeCloudEntry(b, start, sink, where, depth);
    else if (EVENT_ONLY.some((k) => has(s, k)))
      sink.event(b, s, bytes); // says which required field is missing
    else {
      const found = decodeEnvelope(b, start, sink, where, depth);
      if (found !== true) throw new NotAnEvent(`${NO_EVENT_INSIDE}${found && ` (${found})`}`);
    }
  } catch (error) {
    if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError)
      sink.bad(error.message, where || undefined);
    else throw error;
  }
}

/** Whether the `properties` object of the scanned object has a `log` member (an AKS record). */
function propertiesHoldLog(b: Uint8Array, s: Slots): boolean {
  let found = false;
  forEachMember(b, s[K.properties * 3 + 1], (keyStart, keyEnd) => {
    if (KEYS.find(b, keyStart, keyEnd) === K.log) found = true;
  });
  return found;
}

function decodeList(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth = 0): void {
  if (b[start] !== 0x5b) throw new NotAnEvent(`not an audit event: "${where}" is not a list`);
  let i = 0;
  forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`, depth + 1));
}

/** An AKS diagnostic record: `properties.log` is the event, as a JSON string (usually) or an object. */
function decodeRecord(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: "properties" is not an object');
  scanObject(b, start);
  const s = SLOTS;
  if (!has(s, K.log)) throw new NotAnEvent('not an audit event: a record without "properties.log"');
  const logStart = s[K.log * 3 + 1];
  if (b[logStart] === 0x7b) {
    decodeValue(b, logStart, s[K.log * 3 + 2] - logStart + 1, sink, where, depth + 1);
    return;
  }
  const inner = value(b, s, K.log);
  if (typeof inner !== 'string')
    throw new NotAnEvent('not an audit event: "properties.log" is neither a string nor an object');
  // The apiserver's line, newline included, as the AKS agent captured it.
  const bytes = encoder.encode(inner.endsWith('\n') ? inner : `${inner}\n`);
  const body = bytes.subarray(0, bytes.length - 1);
  const first = skipSpace(body, 0);
  const end = skipValue(body, first);
  if (skipSpace(body, end) !== body.length) throw new JsonSyntaxError(`text after the event in "${where}"`);
  decodeValue(body, first, bytes.length, sink, where, depth + 1);
}

/** A GKE Cloud Audit Log entry: the Event kube-apiserver wrote, made again from it (cloudAuditLog.ts). */
function decodeCloudEntry(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  const entry = JSON.parse(utf8.decode(b.subarray(start, skipValue(b, start)))) as Record<string, unknown>;
  const payload = kubernetesAuditPayload(entry);
  if (payload === undefined) throw new NotAnEvent('not an audit event: a Cloud Logging entry of another service');
  let text: string;
  try {
    text = eventOfCloudEntry(entry, payload);
  } catch (error) {
    throw new NotAnEvent(`not an audit event: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = encoder.encode(text);
  const counted: ScannedSink = {
    event: (e, s, n) => {
      sink.event(e, s, n);
      sink.cloudEntry?.();
    },
    bad: (reason, at) => sink.bad(reason, at),
  };
  decodeValue(bytes, 0, bytes.length + 1, counted, where, depth + 1);
}

/** Forwards events as they come and keeps the rest, while an envelope's member is tried. */
class Probe implements ScannedSink {
  events = 0;
  readonly bads: Array<[string, string | undefined]> = [];

  constructor(private readonly sink: ScannedSink) {}

  event(b: Uint8Array, s: Slots, bytes: number): void {
    this.sink.event(b, s, bytes); // throws when it is not an event after all: not counted
    this.events++;
  }

  bad(reason: string, where?: string): void {
    this.bads.push([reason, where]);
  }

  cloudEntry(): void {
    this.sink.cloudEntry?.();
  }
}

function keyText(b: Uint8Array, keyStart: number, keyEnd: number): string {
  const text = utf8.decode(b.subarray(keyStart + 1, keyEnd - 1));
  return (text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text).slice(0, 60);
}

/**
 * An object that is no event, batch or AKS record: a log shipper's envelope around events. Fluent
 * Bit and Fluentd (`log`), Vector (`message`), CloudWatch (`@message`; `events[].message` from `aws
 * logs filter-log-events`, `logEvents[].message` from a subscription), Log Analytics (`log_s`), Loki
 * (`line`, or `data.result[].values[][1]`), Elasticsearch (`hits.hits[]._source`), journald
 * (`MESSAGE`), Cloud Logging (`jsonPayload`)... Members are tried in order, an event held as an
 * object or as a JSON string; the first member that holds events is read and the rest, the
 * shipper's own fields, are not, so a record that keeps both the raw line and its parsed copy counts
 * once. True when a member held events; otherwise why the likeliest one did not ('' when no
 * member looked like one).
 */
function decodeEnvelope(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): true | string {
  if (depth >= MAX_CONTAINER_DEPTH) return `containers nested deeper than ${MAX_CONTAINER_DEPTH}`;
  const members: number[] = [];
  let rowColumns = 0;
  const end = forEachMember(b, start, (keyStart, keyEnd, valueStart, valueEnd) => {
    if (ROW_KEYS.find(b, keyStart, keyEnd) !== -1) rowColumns++;
    const c = b[valueStart];
    if (c === 0x7b || c === 0x5b || (c === 0x22 && opensLikeJson(b, valueStart, valueEnd)))
      members.push(keyStart, keyEnd, valueStart, valueEnd);
  });
  if (rowColumns === ROW_KEYS.keys.length) {
    // A row of Log Analytics' AKSAudit table: the event's fields as columns.
    const row = JSON.parse(utf8.decode(b.subarray(start, end))) as Record<string, unknown>;
    const bytes = encoder.encode(eventOfAksAuditRow(row));
    decodeValue(bytes, 0, bytes.length + 1, sink, where, depth + 1);
    return true;
  }
  let why = '';
  for (let m = 0; m < members.length; m += 4) {
    const probe = new Probe(sink);
    const here = inside(where, keyText(b, members[m], members[m + 1]));
    decodeWrapped(b, members[m + 2], members[m + 3], probe, here, depth + 1);
    if (probe.events > 0) {
      for (const [reason, at] of probe.bads) sink.bad(reason, at);
      return true;
    }
    const telling = why === '' ? probe.bads.find(([reason]) => !reason.startsWith(NO_EVENT_INSIDE)) : undefined;
    if (telling) why = telling[1] ? `${telling[1]}: ${telling[0]}` : telling[0];
  }
  return why;
}

/**
 * A value inside an envelope: an object is read as any object is (an event, a batch, another
 * envelope); an array's elements one by one; a string when it holds JSON (the event as the shipper
 * took it from kube-apiserver's output, maybe after a CRI prefix); anything else is the shipper's.
 */
function decodeWrapped(
  b: Uint8Array,
  start: number,
  end: number,
  sink: ScannedSink,
  where: string,
  depth: number,
): void {
  const c = b[start];
  if (c === 0x7b) decodeValue(b, start, end - start + 1, sink, where, depth);
  else if (c === 0x5b) {
    if (depth > MAX_CONTAINER_DEPTH) return;
    let i = 0;
    forEachElement(b, start, (s, e) => decodeWrapped(b, s, e, sink, `${where}[${i++}]`, depth + 1));
  } else if (c === 0x22) decodeEmbedded(b, start, end, sink, where, depth);
}

/** A JSON string whose text is an event's line (or a batch's): sized as that line with its newline. */
function decodeEmbedded(
  b: Uint8Array,
  start: number,
  end: number,
  sink: ScannedSink,
  where: string,
  depth: number,
): void {
  if (!opensLikeJson(b, start, end)) return;
  let body: Uint8Array;
  try {
    body = unescapeString(b, start, end);
  } catch {
    return;
  }
  if (body[body.length - 1] === 0x0a) body = body.subarray(0, body.length - 1);
  const cri = criLine(body);
  if (cri) body = body.subarray(cri.contentStart);
  const first = skipSpace(body, 0);
  if (body[first] !== 0x7b && body[first] !== 0x5b) return; // a number: a time, say
  try {
    scanLine(body, body.length + 1, sink, where, depth);
  } catch (error) {
    if (error instanceof JsonSyntaxError) sink.bad(`not JSON: ${error.message}`, where);
    else throw error;
  }
}

/**
 * Whether the JSON string at [start, end) opens like JSON (`{` or `[`, after spaces and escaped
 * newlines) or a CRI line (a digit): only those are decoded, the others are a shipper's own text,
 * and an envelope has many of them.
 */
function opensLikeJson(b: Uint8Array, start: number, end: number): boolean {
  let p = start + 1;
  while (p < end - 1 && (b[p] === 0x20 || (b[p] === 0x5c && b[p + 1] === 0x6e))) p += b[p] === 0x20 ? 1 : 2;
  return b[p] === 0x7b || b[p] === 0x5b || (b[p] >= 0x30 && b[p] <= 0x39);
}

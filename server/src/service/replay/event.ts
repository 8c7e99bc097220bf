// What replay reads from one audit event, and the shapes events come in: a log backend line (one
// Event), a webhook EventList batch, an AKS diagnostic record whose `properties.log` holds the
// event as a string or an object, `{"records": [...]}` as Azure exports them, or a JSON array of
// any of these. docs/REPLAY.md says why each field is read as it is.
import { forEachElement, forEachMember, JsonSyntaxError, plainKey, skipSpace, skipValue } from './jsonScan';
import type { Member } from './jsonScan';

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

function text(b: Uint8Array, start: number, end: number): string {
  return utf8.decode(b.subarray(start, end));
}

function keyOf(b: Uint8Array, m: Member): string {
  return plainKey(b, m) ?? (JSON.parse(text(b, m.keyStart, m.keyEnd)) as string);
}

function parse(b: Uint8Array, start: number, end: number): unknown {
  return JSON.parse(text(b, start, end));
}

/** The members of the object at `start` by key (the last of equal keys wins, as in Go's decoder). */
function members(b: Uint8Array, start: number): Map<string, Member> {
  const found = new Map<string, Member>();
  forEachMember(b, start, (m) => found.set(keyOf(b, m), m));
  return found;
}

function stringField(b: Uint8Array, fields: Map<string, Member>, key: string, required: boolean): string {
  const m = fields.get(key);
  if (!m) {
    if (required) throw new NotAnEvent(`not an audit event: no "${key}"`);
    return '';
  }
  const value = parse(b, m.valueStart, m.valueEnd);
  if (value === null && !required) return '';
  if (typeof value !== 'string') throw new NotAnEvent(`not an audit event: "${key}" is not a string`);
  return value;
}

const stringOr = (value: unknown, key: string): string => {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new NotAnEvent(`not an audit event: "${key}" is not a string`);
  return value;
};

function objectRefOf(value: unknown): ObjectRef | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new NotAnEvent('not an audit event: "objectRef" is not an object');
  const o = value as Record<string, unknown>;
  return {
    apiGroup: stringOr(o.apiGroup, 'objectRef.apiGroup'),
    apiVersion: stringOr(o.apiVersion, 'objectRef.apiVersion'),
    resource: stringOr(o.resource, 'objectRef.resource'),
    subresource: stringOr(o.subresource, 'objectRef.subresource'),
    namespace: stringOr(o.namespace, 'objectRef.namespace'),
    name: stringOr(o.name, 'objectRef.name'),
  };
}

function userOf(value: unknown): { username: string | undefined; groups: string[] } {
  if (value === undefined || value === null) return { username: undefined, groups: [] };
  if (typeof value !== 'object' || Array.isArray(value)) throw new NotAnEvent('not an audit event: "user" is not an object');
  const u = value as Record<string, unknown>;
  const username = stringOr(u.username, 'user.username');
  const groups = u.groups ?? [];
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'string')) throw new NotAnEvent('not an audit event: "user.groups" is not a list of strings');
  // An event always has a user object; failed authentication leaves it empty (no name).
  return username === '' ? { username: undefined, groups: [] } : { username, groups: groups as string[] };
}

/** The removal of one member: its key, value and one separating comma (bodies are never alone). */
const memberBytes = (m: Member | undefined): number => (m ? m.valueEnd - m.keyStart + 1 : 0);

/** Decodes the Event object at `start` (ending at `end`); `bytes` is its size in the input. */
export function decodeEvent(b: Uint8Array, start: number, bytes: number): AuditEvent {
  const fields = members(b, start);
  const kind = stringField(b, fields, 'kind', false);
  if (kind !== '' && kind !== 'Event') throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
  const apiVersion = stringField(b, fields, 'apiVersion', false);
  if (apiVersion !== '' && !apiVersion.startsWith('audit.k8s.io/')) throw new NotAnEvent(`not an audit event: apiVersion "${apiVersion.slice(0, 60)}"`);
  const user = fields.get('user');
  const objectRef = fields.get('objectRef');
  const { username, groups } = userOf(user ? parse(b, user.valueStart, user.valueEnd) : undefined);
  return {
    auditID: stringField(b, fields, 'auditID', false),
    stage: stringField(b, fields, 'stage', true),
    verb: stringField(b, fields, 'verb', true),
    level: stringField(b, fields, 'level', true),
    requestURI: stringField(b, fields, 'requestURI', true),
    username,
    groups,
    objectRef: objectRefOf(objectRef ? parse(b, objectRef.valueStart, objectRef.valueEnd) : undefined),
    userAgent: stringField(b, fields, 'userAgent', false),
    time: stringField(b, fields, 'stageTimestamp', false) || stringField(b, fields, 'timestamp', false) || stringField(b, fields, 'requestReceivedTimestamp', false),
    bytes,
    requestObjectBytes: memberBytes(fields.get('requestObject')),
    responseObjectBytes: memberBytes(fields.get('responseObject')),
  };
}

/** What one input line (or one pretty-printed document) holds: events, and items that are not. */
export interface LineSink {
  event(event: AuditEvent): void;
  /** An item of the line that is not an event; `where` names it inside a batch ("items[3]"). */
  bad(reason: string, where?: string): void;
}

/**
 * Reads one line: `lineBytes` is its size in the input (with its newline), the size of the event
 * when the line is one event. A line that is not JSON throws JsonSyntaxError; items of a batch that
 * are not events are reported to the sink one by one and the rest is read.
 */
export function decodeLine(b: Uint8Array, lineBytes: number, sink: LineSink): void {
  const start = skipSpace(b, 0);
  if (start === b.length) throw new JsonSyntaxError('an empty line');
  const end = skipValue(b, start);
  if (skipSpace(b, end) !== b.length) throw new JsonSyntaxError(`text after the JSON value at byte ${skipSpace(b, end)}`);
  decodeValue(b, start, lineBytes, sink, '');
}

function decodeValue(b: Uint8Array, start: number, bytes: number, sink: LineSink, where: string): void {
  const at = (inner: string): string => (where ? `${where}.${inner}` : inner);
  try {
    if (b[start] === 0x5b) {
      let i = 0;
      forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`));
      return;
    }
    if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: not a JSON object');
    const fields = members(b, start);
    const items = fields.get('items');
    const records = fields.get('records');
    const properties = fields.get('properties');
    if (items && !fields.has('verb')) {
      const kind = stringField(b, fields, 'kind', false);
      if (kind !== '' && kind !== 'EventList') throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
      decodeList(b, items, sink, at('items'));
    } else if (records && !fields.has('verb')) {
      decodeList(b, records, sink, at('records'));
    } else if (properties && !fields.has('verb')) {
      decodeRecord(b, properties, sink, at('properties.log'));
    } else {
      sink.event(decodeEvent(b, start, bytes));
    }
  } catch (error) {
    if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError) sink.bad(error.message, where || undefined);
    else throw error;
  }
}

function decodeList(b: Uint8Array, list: Member, sink: LineSink, where: string): void {
  if (b[list.valueStart] !== 0x5b) throw new NotAnEvent(`not an audit event: "${where}" is not a list`);
  let i = 0;
  forEachElement(b, list.valueStart, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`));
}

/** An AKS diagnostic record: `properties.log` is the event, as a JSON string (usually) or an object. */
function decodeRecord(b: Uint8Array, properties: Member, sink: LineSink, where: string): void {
  if (b[properties.valueStart] !== 0x7b) throw new NotAnEvent('not an audit event: "properties" is not an object');
  const log = members(b, properties.valueStart).get('log');
  if (!log) throw new NotAnEvent('not an audit event: a record without "properties.log"');
  if (b[log.valueStart] === 0x7b) {
    decodeValue(b, log.valueStart, log.valueEnd - log.valueStart + 1, sink, where);
    return;
  }
  const inner = parse(b, log.valueStart, log.valueEnd);
  if (typeof inner !== 'string') throw new NotAnEvent('not an audit event: "properties.log" is neither a string nor an object');
  // The apiserver's line, newline included, as the AKS agent captured it.
  const bytes = encoder.encode(inner.endsWith('\n') ? inner : `${inner}\n`);
  const body = bytes.subarray(0, bytes.length - 1);
  const start = skipSpace(body, 0);
  const end = skipValue(body, start);
  if (skipSpace(body, end) !== body.length) throw new JsonSyntaxError(`text after the event in "${where}"`);
  decodeValue(body, start, bytes.length, sink, where);
}

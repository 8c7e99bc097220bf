// Where the members replay reads lie in one scanned JSON object: one pass over the object (KeyTable
// finds each key by its bytes) fills a table of [key start, value start, value end] per known key,
// and every reader (eventFields.ts, kindKey.ts, eventContainers.ts) looks members up there instead
// of scanning again. One table serves every scan, so an event costs no allocation here.
import { forEachMember, KeyTable } from './jsonScan';

const utf8 = new TextDecoder();

/** The members replay reads, found by bytes (KeyTable) in one pass over an object. */
export const KEYS = new KeyTable([
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
  'proto_payload',
  'category',
]);
export const enum K {
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
  protoPayloadLogAnalytics,
  category,
}

/**
 * Where the members replay reads lie in one scanned object: per known key, key start, value start
 * and value end; -1 when absent. The last of equal keys wins, as in Go.
 */
export type Slots = Int32Array;

/** One table of slots for every object scanned: each scan is read to the end before the next one
 *  starts (a batch's items and a record's event are scanned after their container's slots are read). */
export const SLOTS: Slots = new Int32Array(KEYS.keys.length * 3);

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
export function scanObject(b: Uint8Array, start: number, depth = 0): number {
  SLOTS.fill(-1);
  scanned = b;
  return forEachMember(b, start, visitScanned, depth);
}

export const has = (s: Slots, k: K): boolean => s[k * 3] !== -1;

export function value(b: Uint8Array, s: Slots, k: K): unknown {
  return JSON.parse(utf8.decode(b.subarray(s[k * 3 + 1], s[k * 3 + 2])));
}

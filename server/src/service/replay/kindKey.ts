// The key a kind of event is found by in KindCache (kindCache.ts): the byte ranges of the members
// that decide what eventOf makes of an event, taken from the scanned slots without decoding any of
// them, so that the events after the first of their kind are not decoded at all.
import { REF_KEYS, USER_KEYS } from './eventFields';
import { forEachMember } from './jsonScan';
import type { KeyTable } from './jsonScan';
import { has, K } from './memberSlots';
import type { Slots } from './memberSlots';

const encoder = new TextEncoder();

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

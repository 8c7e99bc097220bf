// An AKS diagnostic record (`{"category": "kube-audit", "properties": {"log": ...}}`, as diagnostic
// settings send them to a storage account, an event hub or Log Analytics): `properties.log` is the
// line kube-apiserver wrote, as a JSON string (usually) or as an object.
import { NotAnEvent, stringField } from './eventFields';
import { forEachMember, JsonSyntaxError, skipSpace, skipValue } from './jsonScan';
import { has, K, KEYS, scanObject, SLOTS, value } from './memberSlots';
import type { Slots } from './memberSlots';

const encoder = new TextEncoder();

/** Whether the `properties` object of the scanned object has a `log` member (an AKS record). */
export function propertiesHoldLog(b: Uint8Array, s: Slots): boolean {
  let found = false;
  forEachMember(b, s[K.properties * 3 + 1], (keyStart, keyEnd) => {
    if (KEYS.find(b, keyStart, keyEnd) === K.log) found = true;
  });
  return found;
}

/** AKS's categories that hold kube-apiserver's audit events; its other categories (kube-apiserver,
 *  kube-controller-manager, cluster-autoscaler, guard...) hold its components' own log lines, and
 *  one diagnostic setting may send them all to one place (Azure Monitor, "AKS resource logs"). */
const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);

/** Throws NotAnEvent for a record of another category than the audit ones: its line is a
 *  component's log, and saying so beats a complaint about the line's first character. */
export function auditCategory(b: Uint8Array, s: Slots): void {
  if (!has(s, K.category) || b[s[K.category * 3 + 1]] !== 0x22) return;
  const category = stringField(b, s, K.category, false);
  if (!AUDIT_CATEGORIES.has(category.toLowerCase()))
    throw new NotAnEvent(
      `not an audit event: an AKS record of category "${category.slice(0, 60)}" (only kube-audit and kube-audit-admin hold audit events)`,
    );
}

/** Where the event of a record is: its value starts at `start` in `b` and is sized `bytes`. */
export interface RecordLog {
  readonly b: Uint8Array;
  readonly start: number;
  readonly bytes: number;
}

/** The event inside the `properties` object at `start`; throws NotAnEvent when it holds none. */
export function recordLog(b: Uint8Array, start: number, where: string): RecordLog {
  if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: "properties" is not an object');
  scanObject(b, start);
  const s = SLOTS;
  if (!has(s, K.log)) throw new NotAnEvent('not an audit event: a record without "properties.log"');
  const logStart = s[K.log * 3 + 1];
  if (b[logStart] === 0x7b) return { b, start: logStart, bytes: s[K.log * 3 + 2] - logStart + 1 };
  const inner = value(b, s, K.log);
  if (typeof inner !== 'string')
    throw new NotAnEvent('not an audit event: "properties.log" is neither a string nor an object');
  // The apiserver's line, newline included, as the AKS agent captured it.
  const bytes = encoder.encode(inner.endsWith('\n') ? inner : `${inner}\n`);
  const body = bytes.subarray(0, bytes.length - 1);
  const first = skipSpace(body, 0);
  const end = skipValue(body, first);
  if (skipSpace(body, end) !== body.length) throw new JsonSyntaxError(`text after the event in "${where}"`);
  return { b: body, start: first, bytes: bytes.length };
}

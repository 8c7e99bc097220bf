// AKS audit events as Log Analytics keeps them in its resource-specific tables (AKSAudit,
// AKSAuditAdmin), exported as query results (`az monitor log-analytics query`, the portal's
// export): one row per event, its columns the Event's fields in PascalCase (AuditId, Stage,
// RequestUri, Verb, Level, User, ObjectRef, UserAgent, RequestObject, ResponseObject,
// RequestReceivedTime, StageReceivedTime), the nested ones (User, ObjectRef) holding the event's
// own objects, either as objects or as JSON strings, as exports write dynamic columns.

import { goJson } from './goCompact';

/** Column, then the Event member it holds. */
const COLUMNS: ReadonlyArray<[string, string]> = [
  ['Level', 'level'],
  ['AuditId', 'auditID'],
  ['Stage', 'stage'],
  ['RequestUri', 'requestURI'],
  ['Verb', 'verb'],
  ['User', 'user'],
  ['ImpersonatedUser', 'impersonatedUser'],
  ['SourceIps', 'sourceIPs'],
  ['UserAgent', 'userAgent'],
  ['ObjectRef', 'objectRef'],
  ['ResponseStatus', 'responseStatus'],
  ['RequestObject', 'requestObject'],
  ['ResponseObject', 'responseObject'],
  ['RequestReceivedTime', 'requestReceivedTimestamp'],
  ['StageReceivedTime', 'stageTimestamp'],
  ['Annotations', 'annotations'],
];

/** The columns that must be there for a row to be taken for an event. */
export const AKS_AUDIT_COLUMNS = ['Verb', 'RequestUri'];

/** A dynamic column exported as a JSON string holds an object or a list; an empty one is none. */
function dynamic(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  if (text[0] !== '{' && text[0] !== '[') return value;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return value;
  }
}

const NESTED = new Set(['user', 'impersonatedUser', 'sourceIPs', 'objectRef', 'responseStatus', 'annotations']);
const BODIES = new Set(['requestObject', 'responseObject']);

/** The audit.k8s.io/v1 Event of an AKSAudit row, as JSON text as kube-apiserver writes it (goCompact.ts). */
export function eventOfAksAuditRow(row: Record<string, unknown>): string {
  const event: Record<string, unknown> = { kind: 'Event', apiVersion: 'audit.k8s.io/v1' };
  for (const [column, member] of COLUMNS) {
    let value = row[column];
    // An empty column is a field kube-apiserver left out (`userAgent,omitempty` in the Event's
    // types.go; the others are never empty), not an empty string it wrote.
    if (value === undefined || value === null || value === '') continue;
    if (NESTED.has(member) || BODIES.has(member)) value = dynamic(value);
    if (value === undefined || (BODIES.has(member) && (value === '' || value === '{}'))) continue;
    event[member] = value;
  }
  return goJson(event);
}

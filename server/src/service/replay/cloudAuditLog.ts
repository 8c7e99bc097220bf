// GKE's Kubernetes audit logs, as Cloud Logging keeps them (`gcloud logging read --format=json`, a
// log sink to Cloud Storage or Pub/Sub; a BigQuery export, `protopayload_auditlog` with the bodies
// as JSON text in `requestJson`/`responseJson`; Log Analytics, `proto_payload.audit_log` with
// snake_case names): a LogEntry whose protoPayload is a google.cloud.audit.AuditLog, not an
// audit.k8s.io Event. GKE writes kube-apiserver's event into it:
// - methodName and resourceName: the verb and the path of the request, a resource request's
//   (`io.k8s.core.v1.pods.exec.create`, `core/v1/namespaces/x/pods/p/exec`) or a non-resource
//   request's (`io.k8s.get`, `healthz`), read in cloudRequest.ts;
// - authenticationInfo.principalEmail: the user's name; requestMetadata.callerSuppliedUserAgent;
// - request and response: the bodies; operation.first/last: the two entries of a long request.
// What the entry does not hold is said where it matters: the user's groups (a rule with userGroups
// cannot match these events), the stage (ResponseStarted for the first entry of a long request,
// else ResponseComplete) and the level (RequestResponse with a response body, Request with a
// request body, else Metadata). The event made from it is what replay decides and sizes.
import { cloudRequestOf } from './cloudRequest';
import { NotAnEvent } from './eventFields';
import { goJson } from './goCompact';
import { skipValue } from './jsonScan';

type Json = Record<string, unknown>;

const object = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * The Event made from the Cloud Logging entry at `start` in `b`, as a line's bytes without its
 * newline; throws NotAnEvent when it is an entry of another service or does not say the request.
 */
export function cloudEntryEvent(b: Uint8Array, start: number): Uint8Array {
  const entry = JSON.parse(utf8.decode(b.subarray(start, skipValue(b, start)))) as Json;
  const payload = kubernetesAuditPayload(entry);
  if (payload === undefined) throw new NotAnEvent('not an audit event: a Cloud Logging entry of another service');
  try {
    return encoder.encode(eventOfCloudEntry(entry, payload));
  } catch (error) {
    throw new NotAnEvent(`not an audit event: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A field of an entry under each of its names: the API's and a BigQuery export's (camelCase), or
 * Log Analytics' (`proto_payload.audit_log.method_name`: snake_case).
 */
function field(o: Json, name: string): unknown {
  return o[name] ?? o[name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

/** The payload of a Cloud Logging entry of GKE's Kubernetes audit, or undefined for any other entry. */
function kubernetesAuditPayload(entry: Json): Json | undefined {
  const payload =
    object(entry.protoPayload) ?? object(entry.protopayload_auditlog) ?? object(object(entry.proto_payload)?.audit_log);
  if (payload === undefined) return undefined;
  const service = text(field(payload, 'serviceName'));
  const method = text(field(payload, 'methodName'));
  return service === 'k8s.io' || method.startsWith('io.k8s.') ? payload : undefined;
}

/**
 * A body of the entry: `request` or `response` as an object; a BigQuery export keeps it as JSON
 * text in `requestJson` or `responseJson`, Log Analytics as a JSON column (an object, or its text).
 */
function body(payload: Json, name: 'request' | 'response'): unknown {
  const value = payload[name] ?? payload[`${name}Json`];
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined; // text that is no JSON object is no body kube-apiserver wrote
  }
}

/**
 * The audit.k8s.io/v1 Event kube-apiserver wrote for a GKE Cloud Audit Log entry, as JSON text as
 * kube-apiserver writes it (goCompact.ts).
 * Throws Error with the reason when the entry does not say the request.
 */
function eventOfCloudEntry(entry: Json, payload: Json): string {
  const { verb, path, info } = cloudRequestOf(text(field(payload, 'methodName')), text(field(payload, 'resourceName')));
  const authentication = object(field(payload, 'authenticationInfo')) ?? {};
  const metadata = object(field(payload, 'requestMetadata')) ?? {};
  const operation = object(entry.operation) ?? {};
  const started = String(operation.first) === 'true' && String(operation.last) !== 'true';
  const [request, response] = [body(payload, 'request'), body(payload, 'response')];
  // kube-apiserver records an objectRef exactly for a resource request (LogRequestMetadata).
  let objectRef: Json | undefined;
  if (info.resourceRequest) {
    objectRef = { resource: info.resource, apiVersion: info.apiVersion };
    if (info.apiGroup !== '') objectRef.apiGroup = info.apiGroup;
    if (info.namespace !== '') objectRef.namespace = info.namespace;
    if (info.name !== '') objectRef.name = info.name;
    if (info.subresource !== '') objectRef.subresource = info.subresource;
  }
  const username = text(field(authentication, 'principalEmail'));
  const callerIp = field(metadata, 'callerIp');
  const event: Json = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: response !== undefined ? 'RequestResponse' : request !== undefined ? 'Request' : 'Metadata',
    auditID: text(operation.id) || text(field(entry, 'insertId')),
    stage: started ? 'ResponseStarted' : 'ResponseComplete',
    requestURI: path,
    verb,
    user: username === '' ? {} : { username },
    sourceIPs: callerIp === undefined ? undefined : [text(callerIp)],
    userAgent: text(field(metadata, 'callerSuppliedUserAgent')) || undefined,
    objectRef,
    requestObject: request,
    responseObject: response,
    stageTimestamp: text(entry.timestamp) || undefined,
  };
  return goJson(event);
}

// GKE's Kubernetes audit logs, as Cloud Logging keeps them (`gcloud logging read --format=json`, a
// log sink to Cloud Storage or Pub/Sub, a BigQuery export): a LogEntry whose protoPayload is a
// google.cloud.audit.AuditLog, not an audit.k8s.io Event. GKE writes kube-apiserver's event into it:
// - methodName `io.k8s.<group, reversed>.<version>.<resource>[.<subresource>].<verb>`
//   (`io.k8s.core.v1.pods.exec.create`, `io.k8s.authorization.rbac.v1.roles.get`): the verb is its last part;
// - resourceName `<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]`, the
//   group `core` for the core group: the request's path, which kube-apiserver's resolver reads again
//   here (engine/requestInfo.ts) for the namespace, resource, subresource and name;
// - authenticationInfo.principalEmail: the user's name; requestMetadata.callerSuppliedUserAgent;
// - request and response: the bodies; operation.first/last: the two entries of a long request.
// What the entry does not hold is said where it matters: the user's groups (a rule with userGroups
// cannot match these events), the stage (ResponseStarted for the first entry of a long request,
// else ResponseComplete) and the level (RequestResponse with a response body, Request with a
// request body, else Metadata). The event made from it is what replay decides and sizes.
import { VERB_METHODS, resolveRequestInfo } from '../engine/requestInfo';

type Json = Record<string, unknown>;

const object = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The payload of a Cloud Logging entry of GKE's Kubernetes audit, or undefined for any other entry. */
export function kubernetesAuditPayload(entry: Json): Json | undefined {
  const payload = object(entry.protoPayload) ?? object(entry.protopayload_auditlog);
  if (payload === undefined) return undefined;
  const service = text(payload.serviceName);
  const method = text(payload.methodName);
  return service === 'k8s.io' || method.startsWith('io.k8s.') ? payload : undefined;
}

/**
 * The audit.k8s.io/v1 Event kube-apiserver wrote for a GKE Cloud Audit Log entry, as JSON text.
 * Throws Error with the reason when the entry does not say the request.
 */
export function eventOfCloudEntry(entry: Json, payload: Json): string {
  const method = text(payload.methodName);
  const verb = method.slice(method.lastIndexOf('.') + 1);
  const resourceName = text(payload.resourceName);
  const parts = resourceName.split('/');
  if (!method.startsWith('io.k8s.') || verb === '' || parts.length < 3)
    throw new Error(
      `a Cloud Audit Log entry whose methodName "${method.slice(0, 80)}" and resourceName say no request`,
    );
  const [group, version, ...rest] = parts;
  let path = `${group === 'core' ? '/api' : `/apis/${group}`}/${version}/${rest.join('/')}`;
  let info = resolveRequestInfo(VERB_METHODS[verb] ?? 'POST', path);
  if (!info.resourceRequest)
    throw new Error(`a Cloud Audit Log entry with no resource in "${resourceName.slice(0, 80)}"`);
  const name = info.name;
  if (verb === 'create' && info.subresource === '' && name !== '') {
    // The resourceName of a create names the new object; the request was POSTed to its collection.
    path = path.slice(0, path.lastIndexOf('/'));
    info = resolveRequestInfo('POST', path);
  }
  const authentication = object(payload.authenticationInfo) ?? {};
  const metadata = object(payload.requestMetadata) ?? {};
  const operation = object(entry.operation) ?? {};
  const started = String(operation.first) === 'true' && String(operation.last) !== 'true';
  const objectRef: Json = { resource: info.resource, apiVersion: info.apiVersion };
  if (info.apiGroup !== '') objectRef.apiGroup = info.apiGroup;
  if (info.namespace !== '') objectRef.namespace = info.namespace;
  if (name !== '') objectRef.name = name;
  if (info.subresource !== '') objectRef.subresource = info.subresource;
  const username = text(authentication.principalEmail);
  const event: Json = {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: payload.response !== undefined ? 'RequestResponse' : payload.request !== undefined ? 'Request' : 'Metadata',
    auditID: text(operation.id) || text(entry.insertId),
    stage: started ? 'ResponseStarted' : 'ResponseComplete',
    requestURI: path,
    verb,
    user: username === '' ? {} : { username },
    sourceIPs: metadata.callerIp === undefined ? undefined : [text(metadata.callerIp)],
    userAgent: text(metadata.callerSuppliedUserAgent) || undefined,
    objectRef,
    requestObject: payload.request,
    responseObject: payload.response,
    stageTimestamp: text(entry.timestamp) || undefined,
  };
  return JSON.stringify(event);
}

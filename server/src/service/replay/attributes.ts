// The request attributes kube-apiserver's audit policy checker saw for a logged event, read back
// from the event. docs/REPLAY.md gives the Kubernetes source for each line.
import { nonResourceRequest } from '../engine/request';
import type { RequestAttributes } from '../engine/request';
import { resolveRequestInfo } from '../engine/requestInfo';
import type { AuditEvent } from './eventFields';

const NO_GROUPS: readonly string[] = [];

export function attributesOfEvent(event: AuditEvent): RequestAttributes {
  // One object shape for every event (no spreads): this runs once per event of a gigabyte log.
  const user = event.username;
  const groups = user === undefined ? NO_GROUPS : event.groups;
  const ref = event.objectRef;
  if (!ref) return nonResourceRequest(user, groups, event.verb, pathOf(event.requestURI));
  const create = event.verb === 'create' && ref.subresource === '';
  return {
    user,
    groups,
    verb: event.verb,
    resourceRequest: true,
    namespace: create ? createNamespace(event.requestURI, ref.namespace) : ref.namespace,
    apiGroup: ref.apiGroup,
    apiVersion: ref.apiVersion,
    resource: ref.resource,
    subresource: ref.subresource,
    // A create POSTs to the collection, so the checker saw no name; audit.LogRequestObject fills
    // objectRef.name from the new object afterwards.
    name: create ? '' : ref.name,
    // checker.go compares a resource request's attributes only; its path is never read.
    path: '',
  };
}

/**
 * The namespace the checker saw for a create: the URI's (requestinfo.go), not objectRef's, which
 * audit.LogRequestObject (k8s.io/apiserver pkg/audit/request.go) fills in from the new object's
 * metadata.namespace when the URI has none, as for a cluster-scoped object sent with a namespace
 * (a ClusterRole in a Helm chart). objectRef's when the URI cannot be read.
 */
function createNamespace(requestURI: string, recorded: string): string {
  if (recorded === '' || requestURI === '') return recorded;
  try {
    const info = resolveRequestInfo('POST', requestURI);
    return info.resourceRequest ? info.namespace : recorded;
  } catch {
    return recorded;
  }
}

/** The path of a request URI as Go's net/url leaves it in req.URL.Path: before `?`, unescaped. */
export function pathOf(requestURI: string): string {
  const q = requestURI.indexOf('?');
  const raw = q === -1 ? requestURI : requestURI.slice(0, q);
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

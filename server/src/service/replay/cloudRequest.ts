// The request a GKE Cloud Audit Log entry records, read from its methodName and resourceName.
// GKE names two kinds of request (cloudAuditLog.ts has the rest of the entry):
// - a resource request: methodName `io.k8s.<group, reversed>.<version>.<resource>[.<subresource>].<verb>`,
//   resourceName `<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]` (`core` for
//   the core group);
// - a non-resource request (`/healthz`, `/version`, `/metrics`, `/openapi/v2`, discovery at `/apis`):
//   methodName `io.k8s.<verb>`, the verb alone, which kube-apiserver makes the lower-cased HTTP method
//   for such a request (requestinfo.go: `requestInfo.Verb = strings.ToLower(req.Method)`), and
//   resourceName the URL path without its leading `/` (`healthz`, `readyz`, `metrics`).
// The path is resolved again by kube-apiserver's resolver (engine/requestInfo.ts), so a rule's
// nonResourceURLs is matched on it as kube-apiserver matched it.
import { VERB_METHODS, resolveRequestInfo } from '../engine/requestInfo';
import type { RequestInfo } from '../engine/requestInfo';

export interface CloudRequest {
  readonly verb: string;
  /** The request's path, as kube-apiserver received it (no query: the entry records none). */
  readonly path: string;
  readonly info: RequestInfo;
}

/** A verb that names no resource: one word, as `strings.ToLower(req.Method)` makes it. */
const NON_RESOURCE_METHOD = /^io\.k8s\.([a-z]+)$/;

const quoted = (text: string): string => `"${text.slice(0, 80)}"`;

/** The request of an entry; throws Error saying why when its methodName and resourceName say none. */
export function cloudRequestOf(method: string, resourceName: string): CloudRequest {
  const nonResource = NON_RESOURCE_METHOD.exec(method);
  return nonResource ? nonResourceRequest(nonResource[1], method, resourceName) : resourceRequest(method, resourceName);
}

function nonResourceRequest(verb: string, method: string, resourceName: string): CloudRequest {
  // An entry without a resourceName does not say its path: `/` and an entry whose field was
  // dropped on the way look the same, so it is not guessed.
  if (resourceName === '')
    throw new Error(`a Cloud Audit Log entry of a non-resource request (methodName ${quoted(method)}) with no path`);
  const path = resourceName.startsWith('/') ? resourceName : `/${resourceName}`;
  const info = resolveRequestInfo(verb.toUpperCase(), path);
  // kube-apiserver resolves such a path to a resource request, which GKE names by its resource:
  // the two fields contradict each other, and neither can be preferred.
  if (info.resourceRequest)
    throw new Error(
      `a Cloud Audit Log entry whose methodName ${quoted(method)} names a non-resource request ` +
        `but whose resourceName ${quoted(resourceName)} is the path of a resource`,
    );
  return { verb, path, info };
}

function resourceRequest(method: string, resourceName: string): CloudRequest {
  const verb = method.slice(method.lastIndexOf('.') + 1);
  const parts = resourceName.split('/');
  if (!method.startsWith('io.k8s.') || verb === '' || parts.length < 3)
    throw new Error(`a Cloud Audit Log entry whose methodName ${quoted(method)} and resourceName say no request`);
  const [group, version, ...rest] = parts;
  let path = `${group === 'core' ? '/api' : `/apis/${group}`}/${version}/${rest.join('/')}`;
  let info = resolveRequestInfo(VERB_METHODS[verb] ?? 'POST', path);
  if (!info.resourceRequest) throw new Error(`a Cloud Audit Log entry with no resource in ${quoted(resourceName)}`);
  if (verb === 'create' && info.subresource === '' && info.name !== '') {
    // The resourceName of a create names the new object; the request was POSTed to its collection.
    path = path.slice(0, path.lastIndexOf('/'));
    info = { ...resolveRequestInfo('POST', path), name: info.name };
  }
  return { verb, path, info };
}

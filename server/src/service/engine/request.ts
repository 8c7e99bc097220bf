// The attributes of one request, as kube-apiserver's audit policy checker sees them
// (k8s.io/apiserver pkg/authorization/authorizer.Attributes, built from RequestInfo and the
// authenticated user by pkg/endpoints/filters/authorization.go GetAuthorizerAttributes).

export interface RequestAttributes {
  /** The authenticated user's name; undefined for a request that failed authentication (no user). */
  readonly user?: string;
  /** The authenticated user's groups. */
  readonly groups: readonly string[];
  readonly verb: string;
  readonly resourceRequest: boolean;
  /** `""` for cluster-scoped requests and for requests across all namespaces. */
  readonly namespace: string;
  /** `""` is the core group. */
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly resource: string;
  readonly subresource: string;
  /** `""` when the request names no object (list, create, deletecollection). */
  readonly name: string;
  /** The URL path; what nonResourceURLs are compared with. */
  readonly path: string;
}

/** What a caller may give (the CLI flags, the `kubeAuditPolicy/explain` request): it is a resource
 *  request when `resource` is given, else a non-resource request for `path`. */
export interface RequestInput {
  readonly user?: string;
  readonly groups?: readonly string[];
  readonly verb: string;
  readonly namespace?: string;
  readonly apiGroup?: string;
  readonly apiVersion?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly name?: string;
  readonly path?: string;
}

export class RequestError extends Error {}

export function attributesFrom(input: RequestInput): RequestAttributes {
  if (typeof input.verb !== 'string' || input.verb === '')
    throw new RequestError('the request needs a verb (get, list, create, delete, ...)');
  if (input.groups && input.groups.length > 0 && input.user === undefined) {
    throw new RequestError('groups belong to an authenticated user: give the user too');
  }
  const resourceRequest = typeof input.resource === 'string' && input.resource !== '';
  if (!resourceRequest && !input.path)
    throw new RequestError('give a resource (a resource request) or a path (a non-resource request)');
  return {
    ...(input.user !== undefined ? { user: input.user } : {}),
    groups: [...(input.groups ?? [])],
    verb: input.verb,
    resourceRequest,
    namespace: resourceRequest ? (input.namespace ?? '') : '',
    apiGroup: resourceRequest ? (input.apiGroup ?? '') : '',
    apiVersion: resourceRequest ? (input.apiVersion ?? '') : '',
    resource: resourceRequest ? input.resource! : '',
    subresource: resourceRequest ? (input.subresource ?? '') : '',
    name: resourceRequest ? (input.name ?? '') : '',
    path: input.path ?? (resourceRequest ? resourcePath(input) : ''),
  };
}

/** A request to a non-resource URL: every resource field empty, as requestinfo.go leaves them. One
 *  object shape whoever asks (`user` undefined for a request that failed authentication): replay
 *  makes one per event of a large log. */
export function nonResourceRequest(
  user: string | undefined,
  groups: readonly string[],
  verb: string,
  path: string,
): RequestAttributes {
  return {
    user,
    groups,
    verb,
    resourceRequest: false,
    namespace: '',
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    path,
  };
}

/** The path kube-apiserver would have seen for a resource request given by its parts. */
function resourcePath(input: RequestInput): string {
  const group = input.apiGroup ?? '';
  const version = input.apiVersion || 'v1';
  const parts = [group === '' ? 'api' : `apis/${group}`, version];
  if (input.namespace) parts.push('namespaces', input.namespace);
  parts.push(input.resource ?? '');
  if (input.name) parts.push(input.name);
  if (input.name && input.subresource) parts.push(input.subresource);
  return `/${parts.join('/')}`;
}

/** One line for people: `alice (groups a, b) delete pods/log "web" in namespace "prod"`. */
export function describeRequest(a: RequestAttributes): string {
  const who =
    a.user === undefined
      ? 'an unauthenticated request'
      : `user ${JSON.stringify(a.user)}${a.groups.length > 0 ? ` (groups ${a.groups.map((g) => JSON.stringify(g)).join(', ')})` : ''}`;
  if (!a.resourceRequest) return `${who}: ${a.verb} ${a.path} (non-resource request)`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const group = a.apiGroup === '' ? 'core group' : `group ${a.apiGroup}`;
  const name = a.name ? ` ${JSON.stringify(a.name)}` : '';
  const where = a.namespace ? ` in namespace ${JSON.stringify(a.namespace)}` : ' (cluster-scoped or all namespaces)';
  return `${who}: ${a.verb} ${resource}${name} (${group})${where}`;
}

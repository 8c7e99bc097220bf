// Turns an HTTP method and URL into request attributes the way kube-apiserver's request-info
// resolver does (k8s.io/apiserver pkg/endpoints/request/requestinfo.go NewRequestInfo, with the
// prefixes `api` (no group) and `apis` set up by pkg/server/config.go NewRequestInfoResolver),
// and reads the one-line form people type: `[user] [groups=a,b] METHOD /path[?query]`.
import { parseGoQuery } from './goQuery';
import { listRequestOptions } from './listOptions';
import type { GoQuery } from './goQuery';
import { RequestError } from './request';
import type { RequestAttributes } from './request';

export interface RequestInfo {
  readonly resourceRequest: boolean;
  readonly path: string;
  readonly verb: string;
  readonly apiPrefix: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  readonly parts: readonly string[];
}

/** Path prefixes of deprecated verbs: /api/v1/watch/..., /api/v1/proxy/... (specialVerbs). */
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
/** proxy never carries a subresource (specialVerbsNoSubresources). */
const NO_SUBRESOURCE_VERBS = new Set(['proxy']);
/** namespaces/<ns>/status and /finalize are the Namespace object's own subresources. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

// Maps, not object literals: methods and verbs come from logs and requests typed by hand, and an
// object would answer `constructor` or `__proto__` with its prototype's members.
const METHOD_VERBS: ReadonlyMap<string, string> = new Map([
  ['POST', 'create'],
  ['GET', 'get'],
  ['HEAD', 'get'],
  ['PUT', 'update'],
  ['PATCH', 'patch'],
  ['DELETE', 'delete'],
]);

/** The HTTP method of a request kube-apiserver resolves to each verb (the inverse of METHOD_VERBS,
 *  with list and watch as GETs of a collection and deletecollection a DELETE of one): what a log
 *  that records only the verb and the path needs to resolve the request again. */
export const VERB_METHODS: ReadonlyMap<string, string> = new Map([
  ['get', 'GET'],
  ['list', 'GET'],
  ['watch', 'GET'],
  ['create', 'POST'],
  ['update', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['deletecollection', 'DELETE'],
]);

export function resolveRequestInfo(method: string, url: string): RequestInfo {
  const { path, query } = splitUrl(url);
  const base = {
    resourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [] as string[],
  };
  let parts = splitPath(path);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return base;
  const apiPrefix = parts[0];
  parts = parts.slice(1);
  let apiGroup = '';
  if (apiPrefix === 'apis') {
    // One part (the prefix) is consumed already: this asks for four parts in all.
    if (parts.length < 3) return base;
    apiGroup = parts[0];
    parts = parts.slice(1);
  }
  const apiVersion = parts[0];
  parts = parts.slice(1);
  let verb: string;
  if (SPECIAL_VERBS.has(parts[0])) {
    // The Go code returns an error here and the request is refused before auditing sees verbs.
    if (parts.length < 2) throw new RequestError(`unable to determine kind and namespace from url ${url}`);
    verb = parts[0];
    parts = parts.slice(1);
  } else {
    verb = METHOD_VERBS.get(method) ?? '';
  }
  let namespace = '';
  if (parts[0] === 'namespaces') {
    if (parts.length > 1) {
      namespace = parts[1];
      if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
    }
  }
  let subresource = '';
  let name = '';
  if (parts.length >= 3 && !NO_SUBRESOURCE_VERBS.has(verb)) subresource = parts[2];
  if (parts.length >= 2) name = parts[1];
  const resource = parts[0] ?? '';

  if (name === '' && verb === 'get') {
    // ListOptions decoding: any watch value but false/0 is a watch; a field selector that
    // requires metadata.name=<n> names the object (since 1.11, kubernetes/kubernetes#63469),
    // when it can be a path segment (path.IsValidPathSegmentName).
    const options = listRequestOptions(query);
    verb = options.watch ? 'watch' : 'list';
    if (isValidPathSegmentName(options.name)) name = options.name;
  }
  if (name === '' && verb === 'delete') verb = 'deletecollection';
  return {
    resourceRequest: true,
    path,
    verb,
    apiPrefix,
    apiGroup,
    apiVersion,
    namespace,
    resource,
    subresource,
    name,
    parts,
  };
}

/** path.IsValidPathSegmentName (apimachinery pkg/api/validation/path/name.go). */
function isValidPathSegmentName(name: string): boolean {
  return name !== '.' && name !== '..' && !/[/%]/.test(name);
}

function splitUrl(url: string): { path: string; query: GoQuery } {
  const q = url.indexOf('?');
  const rawPath = q === -1 ? url : url.slice(0, q);
  let path = rawPath;
  try {
    path = decodeURIComponent(rawPath); // Go's URL.Path is the unescaped path
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  return { path, query: parseGoQuery(q === -1 ? '' : url.slice(q + 1)) };
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'CONNECT', 'TRACE']);

/**
 * Reads `[USER] [groups=G1,G2] METHOD /path[?query]`, e.g. `alice DELETE /api/v1/namespaces/prod/pods/web`.
 * The method is the word just before the path, in any case. Without a user the request is
 * unauthenticated. `groups=` may also be given as `group=` and repeated.
 */
export function parseRequestLine(line: string, extraGroups: readonly string[] = []): RequestAttributes {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length < 2)
    throw new RequestError('expected [USER] METHOD /path, for example: alice DELETE /api/v1/namespaces/prod/pods/web');
  const url = words[words.length - 1];
  const method = words[words.length - 2].toUpperCase();
  if (!url.startsWith('/')) throw new RequestError(`expected a URL path starting with / at the end, got "${url}"`);
  if (!HTTP_METHODS.has(method))
    throw new RequestError(
      `"${words[words.length - 2]}" is not an HTTP method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS)`,
    );
  let user: string | undefined;
  const groups = [...extraGroups];
  for (const word of words.slice(0, -2)) {
    const g = /^groups?=(.*)$/.exec(word);
    if (g) groups.push(...g[1].split(',').filter(Boolean));
    else if (user === undefined) user = word;
    else throw new RequestError(`unexpected "${word}": give one user, then groups=G1,G2, then METHOD /path`);
  }
  return requestFromHttp(method, url, user, groups);
}

/** The attributes of a request sent with exactly this method: RequestInfoFactory's verb switch is
 *  case-sensitive (`switch req.Method`, requestinfo.go), so a resource request sent as `get` has
 *  the verb "", while a non-resource one gets `strings.ToLower(req.Method)`. Typed request lines
 *  (parseRequestLine) take the method in any case and upper-case it first. */
export function requestFromHttp(
  method: string,
  url: string,
  user: string | undefined,
  groups: readonly string[],
): RequestAttributes {
  if (groups.length > 0 && user === undefined)
    throw new RequestError('groups belong to an authenticated user: give the user too');
  const info = resolveRequestInfo(method, url);
  return {
    ...(user !== undefined ? { user } : {}),
    groups: [...groups],
    verb: info.verb,
    resourceRequest: info.resourceRequest,
    namespace: info.namespace,
    apiGroup: info.apiGroup,
    apiVersion: info.apiVersion,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
    path: info.path,
  };
}

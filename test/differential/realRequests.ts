// The requests kube-apiserver can receive, which are the semantic diff's domain: attributes that
// RequestInfoFactory (k8s.io/apiserver pkg/endpoints/request/requestinfo.go, 1.20) can produce
// from some METHOD + URL. Generated attribute requests outside it (a resource request with the
// verb `*`, a `get` without a name...) are not asked about; requests sent as METHOD + URL are real
// by construction, and their attributes are the ones the real factory resolved.
import type { RequestAttributes } from '../../server/src/service';
import type { OracleAttributes } from '../helpers/oracle';

/** `switch req.Method` gives these, `""` for any other method; /watch/ and /proxy/ prefixes the
 *  special verbs; `get` and `delete` without a name become list (or watch) and deletecollection. */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '']);
const SPECIAL_VERBS = new Set(['proxy']);
/** RFC 7230's token: what net/http accepts as a method. A non-resource request's verb is
 *  `strings.ToLower(req.Method)`. */
const LOWER_TOKEN = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

export function receivable(r: OracleAttributes): boolean {
  if (r.user === undefined && (r.groups?.length ?? 0) > 0) return false;
  if (!r.resourceRequest) return LOWER_TOKEN.test(r.verb) && (r.path ?? '').startsWith('/') && !resourcePath(r.path!);
  if (!RESOURCE_VERBS.has(r.verb) && !SPECIAL_VERBS.has(r.verb)) return false;
  const segments = [r.apiGroup, r.namespace, r.resource, r.subresource, r.name];
  if (segments.some((s) => (s ?? '').includes('/'))) return false;
  const name = r.name ?? '';
  // A name read from the path is never empty for get and delete; deletecollection has none (a
  // field selector names only a list or a watch); proxy (specialVerbsNoSubresources) has no
  // subresource. Everything else occurs: `GET .../pods//log` is a list with the subresource log.
  if ((r.verb === 'get' || r.verb === 'delete') && name === '') return false;
  if (r.verb === 'deletecollection' && name !== '') return false;
  if (r.verb === 'proxy' && (r.subresource ?? '') !== '') return false;
  return true;
}

/** Whether RequestInfoFactory reads the path as a resource request (or fails on it): three parts or
 *  more under `api`, four or more under `apis` (splitPath trims the slashes at both ends). */
function resourcePath(path: string): boolean {
  const parts = path.replace(/^\/+|\/+$/g, '').split('/');
  if (parts[0] === 'api') return parts.length >= 3;
  return parts[0] === 'apis' && parts.length >= 4;
}

/** The request RequestInfoFactory would make of one drawn with a verb it never gives alone: a get or
 *  delete without a name is a list or deletecollection, a deletecollection with one a delete, and a
 *  non-resource request carries its method in lower case. Then `receivable` still judges it. */
export function asReceived(r: OracleAttributes): OracleAttributes {
  if (!r.resourceRequest) return { ...r, verb: r.verb.toLowerCase() };
  const named = (r.name ?? '') !== '';
  if (r.verb === 'get' && !named) return { ...r, verb: 'list' };
  if (r.verb === 'delete' && !named) return { ...r, verb: 'deletecollection' };
  if (r.verb === 'deletecollection' && named) return { ...r, verb: 'delete' };
  return r;
}

/** Attributes given to the oracle, completed as the project's engine reads them. */
export function attributesOf(r: OracleAttributes): RequestAttributes {
  return {
    ...(r.user !== undefined ? { user: r.user } : {}),
    groups: [...(r.groups ?? [])],
    verb: r.verb,
    resourceRequest: r.resourceRequest,
    namespace: r.resourceRequest ? (r.namespace ?? '') : '',
    apiGroup: r.resourceRequest ? (r.apiGroup ?? '') : '',
    apiVersion: r.resourceRequest ? (r.apiVersion ?? '') : '',
    resource: r.resourceRequest ? (r.resource ?? '') : '',
    subresource: r.resourceRequest ? (r.subresource ?? '') : '',
    name: r.resourceRequest ? (r.name ?? '') : '',
    path: r.path ?? '',
  };
}

/** The attributes the real RequestInfoFactory resolved for a METHOD + URL request (the oracle
 *  echoes them), with who sent it. */
export function resolvedAttributes(
  who: { user?: string; groups?: readonly string[] },
  info: Readonly<Record<string, unknown>>,
): RequestAttributes {
  const text = (key: string): string => String(info[key] ?? '');
  return attributesOf({
    ...(who.user !== undefined ? { user: who.user } : {}),
    groups: who.groups ?? [],
    verb: text('verb'),
    resourceRequest: info.isResourceRequest === true,
    namespace: text('namespace'),
    apiGroup: text('apiGroup'),
    apiVersion: text('apiVersion'),
    resource: text('resource'),
    subresource: text('subresource'),
    name: text('name'),
    path: text('path'),
  });
}

/** Attributes as the oracle takes them: a request without a user carries no `groups` at all (the
 *  oracle reads any `groups`, even empty, as a user named ""). */
export function oracleAttributes(a: RequestAttributes): OracleAttributes {
  const { groups, ...rest } = a;
  return a.user === undefined && groups.length === 0 ? rest : { ...rest, groups: [...groups] };
}

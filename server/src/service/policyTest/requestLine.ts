// The inverse of the request-line reader: request attributes written as the line
// `[USER] [groups=G1,G2] METHOD /path[?query]` that explain, test files and diff examples use.
// A line is given only when reading it back (parseRequestLine, i.e. kube-apiserver's request-info
// resolver) yields exactly the same attributes; otherwise the caller uses the attribute form.
import { parseRequestLine } from '../engine/requestInfo';
import { escapeFieldValue } from '../engine/fieldSelector';
import type { RequestAttributes, RequestInput } from '../engine/request';

/** A Map: the verb is the user's, and an object would answer `constructor` from its prototype. */
const RESOURCE_METHODS: ReadonlyMap<string, string> = new Map([
  ['get', 'GET'],
  ['list', 'GET'],
  ['watch', 'GET'],
  ['proxy', 'GET'],
  ['create', 'POST'],
  ['update', 'PUT'],
  ['patch', 'PATCH'],
  ['delete', 'DELETE'],
  ['deletecollection', 'DELETE'],
  // Any method the verb switch does not name gives a resource request the verb "" (requestinfo.go).
  ['', 'OPTIONS'],
]);

/** The request line for these attributes, or undefined when no line reads back as them. */
export function formatRequestLine(a: RequestAttributes): string | undefined {
  const who = whoWords(a);
  if (who === undefined) return undefined;
  const target = a.resourceRequest ? resourceTarget(a) : `${a.verb.toUpperCase()} ${a.path}`;
  if (target === undefined) return undefined;
  const line = [...who, target].join(' ');
  return sameRequest(line, a) ? line : undefined;
}

/** The attribute form of a request (what a test file's `request:` mapping holds). */
export function requestInput(a: RequestAttributes): RequestInput {
  const out: Record<string, unknown> = {};
  if (a.user !== undefined) out.user = a.user;
  if (a.groups.length > 0) out.groups = [...a.groups];
  out.verb = a.verb;
  if (!a.resourceRequest) return { ...out, path: a.path } as unknown as RequestInput;
  if (a.namespace) out.namespace = a.namespace;
  if (a.apiGroup) out.apiGroup = a.apiGroup;
  out.resource = a.resource;
  if (a.subresource) out.subresource = a.subresource;
  if (a.name) out.name = a.name;
  return out as unknown as RequestInput;
}

function whoWords(a: RequestAttributes): string[] | undefined {
  if (a.user === undefined) return a.groups.length === 0 ? [] : undefined;
  if (a.user === '' || /\s/.test(a.user) || /^groups?=/.test(a.user) || a.user.startsWith('/')) return undefined;
  if (a.groups.some((g) => g === '' || /[\s,]/.test(g))) return undefined;
  return a.groups.length > 0 ? [a.user, `groups=${a.groups.join(',')}`] : [a.user];
}

function resourceTarget(a: RequestAttributes): string | undefined {
  const method = RESOURCE_METHODS.get(a.verb);
  if (!method) return undefined;
  const seg = encodeURIComponent;
  const parts = [a.apiGroup === '' ? 'api' : `apis/${seg(a.apiGroup)}`, seg(a.apiVersion || 'v1')];
  if (a.verb === 'proxy') parts.push('proxy');
  if (a.namespace) parts.push('namespaces', seg(a.namespace));
  parts.push(seg(a.resource));
  const listLike = a.verb === 'list' || a.verb === 'watch';
  const nameInPath = a.name !== '' && !listLike;
  if (nameInPath) parts.push(seg(a.name));
  // A subresource without a name in the path: an empty segment stands in the name's place.
  if (a.subresource) parts.push(...(nameInPath ? [] : ['']), seg(a.subresource));
  const query: string[] = [];
  if (a.verb === 'watch') query.push('watch=true');
  if (a.name && listLike) query.push(`fieldSelector=${seg(`metadata.name=${escapeFieldValue(a.name)}`)}`);
  return `${method} /${parts.join('/')}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

function sameRequest(line: string, a: RequestAttributes): boolean {
  let back: RequestAttributes;
  try {
    back = parseRequestLine(line);
  } catch {
    return false;
  }
  return (
    back.user === a.user &&
    back.groups.join('\n') === a.groups.join('\n') &&
    back.verb === a.verb &&
    back.resourceRequest === a.resourceRequest &&
    back.namespace === a.namespace &&
    back.apiGroup === a.apiGroup &&
    back.resource === a.resource &&
    back.subresource === a.subresource &&
    back.name === a.name &&
    (a.resourceRequest || back.path === a.path)
  );
}

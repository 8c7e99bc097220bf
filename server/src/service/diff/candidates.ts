// The values worth trying for one attribute of a request, given the rules that can still decide
// it. Rules compare every attribute by equality with the strings they list (checker.go), except
// URL paths (prefixes before a trailing `*`). So for each attribute the listed strings, plus one
// value listed nowhere (standing for all such values), cover every case; for paths, one path per
// region of the prefix tree. Values that no real request carries are left out (requestinfo.go
// NewRequestInfo: `get` and `delete` always name an object, since without a name they become
// `list`, `watch` or `deletecollection`; `deletecollection` names none; `proxy` has no
// subresource). Any other combination occurs: `GET /api/v1/namespaces/x/pods//log` is a `list` of
// the subresource `log` without a name, the `/watch/` prefix gives a `watch` of a named object's
// subresource, and a method the verb switch does not know (OPTIONS, CONNECT...) gives the verb "".
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { resolveRequestInfo } from '../engine/requestInfo';
import { sorted, UNAUTHENTICATED } from './cell';
import type { ValueSet } from './cell';
import { entryStatus, groupsStatus, MAYBE, NO } from './status';
import type { PartialRequest } from './status';

export interface Candidate<T = string> {
  readonly value: T;
  /** The values this one stands for; undefined: any value. */
  readonly set: ValueSet | undefined;
}

/** The verbs kube-apiserver gives resource requests (requestinfo.go), grouped by what they allow:
 *  `switch req.Method` gives create, get, update, patch and delete, and "" to any other method;
 *  the /watch/ and /proxy/ prefixes give watch and proxy; get and delete without a name become
 *  list (watch with ?watch=) and deletecollection. */
const RESOURCE_VERB_CLASSES: readonly (readonly string[])[] = [
  ['get', 'delete'], // always a name
  ['deletecollection'], // never a name
  ['proxy'], // never a subresource (specialVerbsNoSubresources)
  ['list', 'watch', 'create', 'update', 'patch', ''],
];
/** Non-resource requests carry `strings.ToLower(req.Method)` (requestinfo.go): any method a client
 *  sends, which net/http accepts when it is a token. These are the common ones, tried first. */
export const NON_RESOURCE_VERBS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options', 'connect', 'trace'];
export const RESOURCE_VERBS = RESOURCE_VERB_CLASSES.flat();
/** A verb a non-resource request can carry: a lower-case RFC 7230 token (net/http's validMethod). */
const METHOD_VERB = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/** A value none of `taken` holds, preferring readable ones. */
export function unlisted(taken: ReadonlySet<string>, preferred: readonly string[]): string {
  for (const value of preferred) if (!taken.has(value)) return value;
  for (let i = 2; ; i++) if (!taken.has(`${preferred[0]}-${i}`)) return `${preferred[0]}-${i}`;
}

/** Each listed value on its own, and one unlisted value for all the others. */
function equalityCandidates(listed: Iterable<string>, preferred: readonly string[]): Candidate[] {
  const atoms = sorted([...listed]);
  const out: Candidate[] = atoms.map((value) => ({ value, set: { in: [value] } }));
  out.push({ value: unlisted(new Set(atoms), preferred), set: atoms.length > 0 ? { notIn: atoms } : undefined });
  return out;
}

export function userCandidates(rules: readonly DecodedRule[]): Candidate<string | null>[] {
  const users = new Set(rules.flatMap((r) => r.users));
  const byIdentity = rules.some((r) => r.users.length > 0 || r.userGroups.length > 0);
  const atoms = sorted([...users]);
  const out: Candidate<string | null>[] = atoms.map((value) => ({ value, set: { in: [value] } }));
  const others = byIdentity ? [...atoms, UNAUTHENTICATED] : atoms;
  out.push({
    value: unlisted(users, ['alice', 'bob', 'carol']),
    set: others.length > 0 ? { notIn: others } : undefined,
  });
  if (byIdentity) out.push({ value: null, set: { in: [UNAUTHENTICATED] } });
  return out;
}

/** The next group whose membership still decides a rule, or undefined. */
export function undecidedGroup(rules: readonly DecodedRule[], p: PartialRequest): string | undefined {
  const open = rules
    .filter((r) => groupsStatus(r.userGroups, p) === MAYBE)
    .flatMap((r) => r.userGroups)
    .filter((g) => !p.groups.has(g));
  return open.length > 0 ? sorted(open)[0] : undefined;
}

export function verbCandidates(rules: readonly DecodedRule[], kind: 'resource' | 'nonResource'): Candidate[] {
  const listed = new Set(rules.flatMap((r) => r.verbs));
  if (kind === 'nonResource') {
    // Each listed verb some method gives, and one unlisted verb for every other method.
    const atoms = sorted([...listed]);
    const out: Candidate[] = atoms.filter((v) => METHOD_VERB.test(v)).map((v) => ({ value: v, set: { in: [v] } }));
    out.push({ value: unlisted(listed, NON_RESOURCE_VERBS), set: atoms.length > 0 ? { notIn: atoms } : undefined });
    return out;
  }
  const out: Candidate[] = [];
  for (const verbs of RESOURCE_VERB_CLASSES) {
    for (const verb of verbs.filter((v) => listed.has(v))) out.push({ value: verb, set: { in: [verb] } });
    const rest = verbs.filter((v) => !listed.has(v));
    if (rest.length > 0) out.push({ value: rest[0], set: { in: rest } });
  }
  return out;
}

export function namespaceCandidates(rules: readonly DecodedRule[]): Candidate[] {
  return equalityCandidates(['', ...rules.flatMap((r) => r.namespaces)], ['default', 'team-a', 'other-namespace']);
}

/** The resources entries that can still match, given the choices so far. */
export function liveEntries(rules: readonly DecodedRule[], p: PartialRequest): DecodedGroupResources[] {
  return rules.flatMap((r) => r.resources).filter((e) => entryStatus(e, p) !== NO);
}

export function apiGroupCandidates(entries: readonly DecodedGroupResources[]): Candidate[] {
  return equalityCandidates(
    entries.map((e) => e.group).filter((g) => g !== '*'),
    ['', 'apps', 'batch', 'example.com'],
  );
}

const patternsOf = (entries: readonly DecodedGroupResources[]): string[] =>
  entries.flatMap((e) => e.resources).filter((p) => p !== '*');
const head = (pattern: string): string => pattern.split('/')[0];
const tail = (pattern: string): string | undefined =>
  pattern.includes('/') ? pattern.slice(pattern.indexOf('/') + 1) : undefined;

export function resourceCandidates(entries: readonly DecodedGroupResources[]): Candidate[] {
  return equalityCandidates(patternsOf(entries).map(head), ['pods', 'configmaps', 'widgets']);
}

export function subresourceCandidates(entries: readonly DecodedGroupResources[], verb: string): Candidate[] {
  // proxy never carries a subresource: "none" says so, and lets the class merge with others.
  if (verb === 'proxy') return [{ value: '', set: { in: [''] } }];
  const subs = patternsOf(entries)
    .map(tail)
    .filter((s): s is string => s !== undefined);
  return equalityCandidates(['', ...subs], ['status', 'scale', 'x-subresource']);
}

export function nameCandidates(entries: readonly DecodedGroupResources[], verb: string): Candidate[] {
  if (verb === 'deletecollection') return [{ value: '', set: { in: [''] } }];
  const names = entries.flatMap((e) => e.resourceNames);
  if (!(verb === 'get' || verb === 'delete')) return equalityCandidates(['', ...names], ['example', 'web', 'x-name']);
  // The request always names an object: "" is not a value here.
  return equalityCandidates(
    names.filter((n) => n !== ''),
    ['example', 'web', 'x-name'],
  ).map((c) => (c.value === '' ? { ...c, value: 'example' } : c));
}

/** One path per region of the URL patterns: each exact path, and for each prefix `q*` a path
 *  under q and under no longer prefix; plus a path under none. Paths that are resource requests
 *  (`/api/v1/pods`) are not non-resource requests and are skipped. */
export function pathCandidates(rules: readonly DecodedRule[]): Candidate[] {
  const specs = sorted(rules.flatMap((r) => r.nonResourceURLs));
  const exact = new Set(specs.filter((s) => !s.endsWith('*')));
  const prefixes = sorted(specs.filter((s) => s.endsWith('*')).map((s) => s.replace(/\*+$/, '')));
  const out: Candidate[] = [];
  for (const path of exact)
    if (isNonResourcePath(path)) out.push({ value: path, set: { in: [pathRegionKey({ exact: path })] } });
  for (const q of prefixes.includes('') ? prefixes : ['', ...prefixes]) {
    const longer = prefixes.filter((p) => p.length > q.length && p.startsWith(q));
    const path = regionPath(q, exact, longer);
    if (path === undefined) continue;
    const region: PathRegion = { prefix: q, notPrefixes: longer, notExact: [...exact].filter((e) => e.startsWith(q)) };
    out.push({ value: path, set: q === '' && specs.length === 0 ? undefined : { in: [pathRegionKey(region)] } });
  }
  return out;
}

/** A set of URL paths: one exact path, or the paths starting with `prefix` but with none of
 *  `notPrefixes` and equal to none of `notExact`. Kept in a cell as its JSON text. */
export type PathRegion =
  | { readonly exact: string }
  | { readonly prefix: string; readonly notPrefixes: readonly string[]; readonly notExact: readonly string[] };

export function pathRegionKey(region: PathRegion): string {
  return JSON.stringify(region);
}

export function pathRegion(key: string): PathRegion {
  return JSON.parse(key) as PathRegion;
}

export function inPathRegion(region: PathRegion, path: string): boolean {
  if ('exact' in region) return path === region.exact;
  return (
    path.startsWith(region.prefix) &&
    !region.notPrefixes.some((p) => path.startsWith(p)) &&
    !region.notExact.includes(path)
  );
}

const SUFFIXES = ['', 'x', 'z', '0', '-', '_', '.', '~', 'a', 'q', '9', '!'];

function regionPath(q: string, exact: ReadonlySet<string>, longer: readonly string[]): string | undefined {
  for (const suffix of SUFFIXES) {
    const path = q === '' ? `/${suffix === '' ? 'x-other' : suffix}` : `${q}${suffix}`;
    if (!path.startsWith('/') || exact.has(path) || longer.some((p) => path.startsWith(p))) continue;
    if (isNonResourcePath(path)) return path;
  }
  return undefined;
}

function isNonResourcePath(path: string): boolean {
  try {
    return !path.includes('?') && !resolveRequestInfo('GET', path).resourceRequest;
  } catch {
    return false;
  }
}

// The built-in API of kube-apiserver at a Kubernetes minor version, read from the generated
// catalogue (kubernetesApi.generated.ts, made by scripts/kubernetes-api/generate.mjs from
// Kubernetes' own published API descriptions in data/kubernetes-api/). Completion, hover,
// summaries and the resource, verb and group checks all ask here, with the minor of the
// kubernetesVersion setting.
//
// Every answer is one of three: served, not served, or unknown (the data brackets a change
// without dating it). The checks judge only "not served"; completion offers served and unknown.
// Names the catalogue has never seen (CRDs, aggregated APIs) are unknown, except a resource of a
// group, or a subresource of a resource, whose list is known to be complete at that minor.
import { GROUP_DOCS } from './groupDocs';
import { KUBERNETES_API } from './kubernetesApi.generated';
import type { ApiDataGroup, ApiDataResource, Pattern } from './kubernetesApiTypes';
import { ownEntry } from './ownEntry';

export type Served = 'served' | 'not-served' | 'unknown';

export interface ApiResource {
  /** Plural resource name as it appears in request paths: `pods`. */
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Subresources served (or possibly served) at this minor: `log`, `exec`, `status`, `scale`, ... */
  readonly subresources: readonly string[];
  /** API versions serving it at this minor (or possibly). */
  readonly versions: readonly string[];
  readonly served: Served;
  /** Request verbs served (or possibly served) at this minor, for the resource and each subresource. */
  readonly verbs: readonly string[];
  readonly subresourceVerbs: Readonly<Record<string, readonly string[]>>;
}

export interface ApiGroup {
  /** `""` is the core group. */
  readonly name: string;
  readonly doc: string;
  readonly resources: readonly ApiResource[];
  readonly served: Served;
  /** The group's resource list is complete at this minor: a name not in it is not served. */
  readonly exhaustive: boolean;
}

const { oldestMinor, newestMinor } = KUBERNETES_API;

/** The status a pattern gives at a minor; outside the data's range nothing is known. */
export function statusAt(pattern: Pattern | undefined, minor: number): Served {
  if (pattern === undefined) return 'not-served';
  if (minor < oldestMinor || minor > newestMinor) return 'unknown';
  const letter = pattern[minor - oldestMinor];
  return letter === 'y' ? 'served' : letter === 'n' ? 'not-served' : 'unknown';
}

const offered = (s: Served): boolean => s !== 'not-served';
const closedAt = (pattern: Pattern, minor: number): boolean => statusAt(pattern, minor) === 'served';

const byMinor = new Map<number, ApiGroup[]>();

const offeredVerbs = (verbs: Readonly<Record<string, Pattern>>, minor: number): string[] =>
  Object.entries(verbs)
    .filter(([, p]) => offered(statusAt(p, minor)))
    .map(([v]) => v);

function viewResource(r: ApiDataResource, minor: number): ApiResource {
  return {
    name: r.name,
    kind: r.kind,
    namespaced: r.namespaced,
    subresources: r.subresources.filter((s) => offered(statusAt(s.served, minor))).map((s) => s.name),
    versions: Object.entries(r.versions)
      .filter(([, p]) => offered(statusAt(p, minor)))
      .map(([v]) => v),
    served: statusAt(r.served, minor),
    verbs: offeredVerbs(r.verbs, minor),
    subresourceVerbs: Object.fromEntries(r.subresources.map((s) => [s.name, offeredVerbs(s.verbs, minor)])),
  };
}

function viewGroup(g: ApiDataGroup, minor: number): ApiGroup {
  return {
    name: g.name,
    doc: GROUP_DOCS[g.name] ?? '',
    resources: g.resources.map((r) => viewResource(r, minor)).filter((r) => offered(r.served)),
    served: statusAt(g.served, minor),
    exhaustive: closedAt(g.resourcesClosed, minor),
  };
}

/** The built-in groups kube-apiserver 1.`minor` serves or may serve (computed once per minor). */
export function groupsFor(minor: number): ApiGroup[] {
  let groups = byMinor.get(minor);
  if (!groups) {
    groups = KUBERNETES_API.groups.map((g) => viewGroup(g, minor)).filter((g) => offered(g.served));
    byMinor.set(minor, groups);
  }
  return groups.slice();
}

/** A built-in group by name at 1.`minor`, if it is served or may be; undefined otherwise. */
export function findGroup(name: string, minor: number): ApiGroup | undefined {
  return groupsFor(minor).find((g) => g.name === name);
}

/** Every built-in group (at 1.`minor`) that serves, or may serve, a resource of this name. */
export function groupsServing(resource: string, minor: number): ApiGroup[] {
  return groupsFor(minor).filter((g) => g.resources.some((r) => r.name === resource));
}

const dataGroup = (name: string): ApiDataGroup | undefined => KUBERNETES_API.groups.find((g) => g.name === name);
const dataResource = (group: string, resource: string): ApiDataResource | undefined =>
  dataGroup(group)?.resources.find((r) => r.name === resource);

/** Whether 1.`minor` serves the group; undefined for a name that was never a built-in group. */
export function groupStatus(name: string, minor: number): Served | undefined {
  const g = dataGroup(name);
  return g ? statusAt(g.served, minor) : undefined;
}

/** Whether the group serves the resource at 1.`minor`; undefined when the group is not built in. */
export function resourceStatus(group: string, resource: string, minor: number): Served | undefined {
  const g = dataGroup(group);
  if (!g) return undefined;
  const r = g.resources.find((x) => x.name === resource);
  if (r) return statusAt(r.served, minor);
  return closedAt(g.resourcesClosed, minor) && statusAt(g.served, minor) !== 'unknown' ? 'not-served' : 'unknown';
}

/** Whether the resource has the subresource at 1.`minor` (call only for a served resource). */
export function subresourceStatus(group: string, resource: string, subresource: string, minor: number): Served {
  const r = dataResource(group, resource);
  if (!r) return 'unknown';
  const s = r.subresources.find((x) => x.name === subresource);
  if (s) return statusAt(s.served, minor);
  return closedAt(r.subresourcesClosed, minor) ? 'not-served' : 'unknown';
}

/** Whether requests with this verb reach the resource (or its subresource, `sub` non-empty) at 1.`minor`. */
export function verbStatus(group: string, resource: string, subresource: string, verb: string, minor: number): Served {
  const r = dataResource(group, resource);
  if (!r) return 'unknown';
  const holder = subresource === '' ? r : r.subresources.find((s) => s.name === subresource);
  if (!holder) return 'unknown';
  // Own keys only: the verb is the policy's, and `constructor` would find the prototype's member.
  return statusAt(ownEntry(holder.verbs, verb), minor);
}

/** The verbs served (or possibly served) for the resource or subresource at 1.`minor`. */
export function servedVerbs(group: string, resource: string, subresource: string, minor: number): string[] {
  const r = dataResource(group, resource);
  const holder = subresource === '' ? r : r?.subresources.find((s) => s.name === subresource);
  return holder ? offeredVerbs(holder.verbs, minor) : [];
}

/** In words, when the group (or its resource) was served, seen from 1.`minor` where it is not:
 *  `last served in 1.21`, `served by 1.16, not by 1.20` (the data cannot date the removal), or
 *  `served from 1.26`. */
export function servedHistory(group: string, resource: string | undefined, minor: number): string {
  const pattern = resource === undefined ? dataGroup(group)?.served : dataResource(group, resource)?.served;
  const minors = servedMinors(group, resource);
  if (!pattern || minors.length === 0) return 'never served';
  const before = minors.filter((m) => m < minor);
  if (before.length === 0) return `served from 1.${minors[0]}`;
  const last = before[before.length - 1];
  const gone = [...pattern].findIndex((letter, i) => letter === 'n' && oldestMinor + i > last) + oldestMinor;
  return gone === last + 1 ? `last served in 1.${last}` : `served by 1.${last}, not by 1.${gone}`;
}

/** The minors at which the catalogue knows the group (or its resource) to be served, for messages. */
export function servedMinors(group: string, resource?: string): number[] {
  const pattern = resource === undefined ? dataGroup(group)?.served : dataResource(group, resource)?.served;
  if (!pattern) return [];
  return [...pattern].flatMap((letter, i) => (letter === 'y' ? [oldestMinor + i] : []));
}

/** The kind of a built-in resource (the same in every version): `Pod` for `pods`. */
export function resourceKind(group: string, resource: string): string | undefined {
  return dataResource(group, resource)?.kind || undefined;
}

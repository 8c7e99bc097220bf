// Built-in API groups and resources of kube-apiserver, by Kubernetes version: what completion
// offers in `group` and `resources`, what hover says about them, and what the
// resource-not-in-group / unknown-subresource checks compare against. Groups not listed here
// (CRDs, aggregated APIs) are never judged.
// Source: the REST storage of kubernetes/kubernetes pkg/registry/*/rest (see each group's note).

export interface ApiResource {
  /** Plural resource name as it appears in request paths: `pods`. */
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Subresources: `log`, `exec`, `status`, `scale`, ... */
  readonly subresources: readonly string[];
  readonly sinceMinor?: number;
  readonly removedMinor?: number;
}

export interface ApiGroup {
  /** `""` is the core group. */
  readonly name: string;
  readonly doc: string;
  readonly resources: readonly ApiResource[];
  readonly sinceMinor?: number;
  readonly removedMinor?: number;
}

export const API_GROUPS: readonly ApiGroup[] = [
  {
    name: '',
    doc: 'The core API group (`/api/v1`): pods, services, secrets, configmaps, namespaces, nodes and more.',
    resources: [
      { name: 'pods', kind: 'Pod', namespaced: true, subresources: ['log', 'exec', 'attach', 'portforward', 'proxy', 'status', 'binding', 'eviction', 'ephemeralcontainers', 'resize'] },
      { name: 'secrets', kind: 'Secret', namespaced: true, subresources: [] },
      { name: 'configmaps', kind: 'ConfigMap', namespaced: true, subresources: [] },
      { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, subresources: ['token'] },
      { name: 'namespaces', kind: 'Namespace', namespaced: false, subresources: ['status', 'finalize'] },
      { name: 'nodes', kind: 'Node', namespaced: false, subresources: ['status', 'proxy'] },
    ],
  },
  {
    name: 'apps',
    doc: 'Workloads: deployments, statefulsets, daemonsets, replicasets, controllerrevisions.',
    resources: [
      { name: 'deployments', kind: 'Deployment', namespaced: true, subresources: ['status', 'scale'] },
    ],
  },
];

function inVersion(item: { sinceMinor?: number; removedMinor?: number }, minor: number): boolean {
  return (item.sinceMinor === undefined || minor >= item.sinceMinor) && (item.removedMinor === undefined || minor < item.removedMinor);
}

/** The built-in groups served by kube-apiserver 1.`minor`. */
export function groupsFor(minor: number): ApiGroup[] {
  return API_GROUPS.filter((g) => inVersion(g, minor)).map((g) => ({ ...g, resources: g.resources.filter((r) => inVersion(r, minor)) }));
}

/** A built-in group by name at 1.`minor`; undefined for unknown (custom or removed) groups. */
export function findGroup(name: string, minor: number): ApiGroup | undefined {
  return groupsFor(minor).find((g) => g.name === name);
}

/** Every built-in group (at 1.`minor`) that serves a resource of this name. */
export function groupsServing(resource: string, minor: number): ApiGroup[] {
  return groupsFor(minor).filter((g) => g.resources.some((r) => r.name === resource));
}

// Built-in API groups and resources of kube-apiserver, by Kubernetes version: what completion
// offers in `group` and `resources`, what hover says about them, and what the
// resource-not-in-group / unknown-subresource checks compare against. Groups not listed here
// (CRDs, aggregated APIs such as metrics.k8s.io) are never judged.
//
// Source: the REST storage of each group in kubernetes/kubernetes `pkg/registry/<group>/rest`
// (and `pkg/registry/core/rest/storage_core.go` for the core group), the subresource routes in
// the same packages' `storage/storage.go`, and the API removal notes of each release
// (`kubernetes.io/docs/reference/using-api/deprecation-guide`). A version bound is given only where
// the removal or addition is certain; an unknown bound is left out on purpose, because a wrong
// bound would make a check warn about a resource the server does serve.
// Alpha resources are listed too: a cluster may enable them, and listing them keeps checks quiet.

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
  /** Every resource the group has served in 1.12..1.36 is listed, so a name not listed is certainly
   *  not served. Groups with alpha churn are not exhaustive, and their unknown names are not judged. */
  readonly exhaustive?: boolean;
}

const ns = true;
const cluster = false;

function r(name: string, kind: string, namespaced: boolean, subresources: readonly string[] = [], bounds: { sinceMinor?: number; removedMinor?: number } = {}): ApiResource {
  return { name, kind, namespaced, subresources, ...bounds };
}

export const API_GROUPS: readonly ApiGroup[] = [
  {
    name: '',
    doc: 'The core API group (`/api/v1`): pods, services, secrets, configmaps, namespaces, nodes and more.',
    exhaustive: true,
    resources: [
      r('bindings', 'Binding', ns),
      r('componentstatuses', 'ComponentStatus', cluster),
      r('configmaps', 'ConfigMap', ns),
      r('endpoints', 'Endpoints', ns),
      r('events', 'Event', ns),
      r('limitranges', 'LimitRange', ns),
      r('namespaces', 'Namespace', cluster, ['status', 'finalize']),
      r('nodes', 'Node', cluster, ['status', 'proxy']),
      r('persistentvolumeclaims', 'PersistentVolumeClaim', ns, ['status']),
      r('persistentvolumes', 'PersistentVolume', cluster, ['status']),
      // storage_core.go: pods/{attach,binding,ephemeralcontainers,eviction,exec,log,portforward,proxy,resize,status}
      r('pods', 'Pod', ns, ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status']),
      r('podtemplates', 'PodTemplate', ns),
      r('replicationcontrollers', 'ReplicationController', ns, ['scale', 'status']),
      r('resourcequotas', 'ResourceQuota', ns, ['status']),
      r('secrets', 'Secret', ns),
      r('serviceaccounts', 'ServiceAccount', ns, ['token']),
      r('services', 'Service', ns, ['proxy', 'status']),
    ],
  },
  {
    name: 'apps',
    doc: 'Workloads: deployments, statefulsets, daemonsets, replicasets, controllerrevisions.',
    exhaustive: true,
    resources: [
      r('controllerrevisions', 'ControllerRevision', ns),
      r('daemonsets', 'DaemonSet', ns, ['status']),
      // deployments/rollback existed in apps/v1beta1 until 1.16: kept so older policies are not judged.
      r('deployments', 'Deployment', ns, ['scale', 'status', 'rollback']),
      r('replicasets', 'ReplicaSet', ns, ['scale', 'status']),
      r('statefulsets', 'StatefulSet', ns, ['scale', 'status']),
    ],
  },
  {
    name: 'batch',
    doc: 'Run-to-completion workloads: jobs and cronjobs.',
    exhaustive: true,
    resources: [r('cronjobs', 'CronJob', ns, ['status']), r('jobs', 'Job', ns, ['status'])],
  },
  {
    name: 'autoscaling',
    doc: 'Horizontal pod autoscalers.',
    exhaustive: true,
    resources: [r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', ns, ['status'])],
  },
  {
    name: 'policy',
    doc: 'Pod disruption budgets (and pod security policies until 1.25). Evictions are the `pods/eviction` subresource of the core group.',
    exhaustive: true,
    resources: [
      r('poddisruptionbudgets', 'PodDisruptionBudget', ns, ['status']),
      r('podsecuritypolicies', 'PodSecurityPolicy', cluster, [], { removedMinor: 25 }),
    ],
  },
  {
    name: 'rbac.authorization.k8s.io',
    doc: 'Role-based access control: roles, rolebindings, clusterroles, clusterrolebindings.',
    exhaustive: true,
    resources: [
      r('clusterrolebindings', 'ClusterRoleBinding', cluster),
      r('clusterroles', 'ClusterRole', cluster),
      r('rolebindings', 'RoleBinding', ns),
      r('roles', 'Role', ns),
    ],
  },
  {
    name: 'networking.k8s.io',
    doc: 'Ingresses, ingress classes, network policies and service IP ranges.',
    resources: [
      r('ingressclasses', 'IngressClass', cluster, [], { sinceMinor: 18 }),
      r('ingresses', 'Ingress', ns, ['status'], { sinceMinor: 14 }),
      r('networkpolicies', 'NetworkPolicy', ns, ['status']),
      r('ipaddresses', 'IPAddress', cluster),
      r('servicecidrs', 'ServiceCIDR', cluster, ['status']),
      r('clustercidrs', 'ClusterCIDR', cluster),
    ],
  },
  {
    name: 'storage.k8s.io',
    doc: 'Storage classes, CSI drivers and nodes, volume attachments, storage capacities, volume attributes classes.',
    resources: [
      r('csidrivers', 'CSIDriver', cluster),
      r('csinodes', 'CSINode', cluster),
      r('csistoragecapacities', 'CSIStorageCapacity', ns),
      r('storageclasses', 'StorageClass', cluster),
      r('volumeattachments', 'VolumeAttachment', cluster, ['status']),
      r('volumeattributesclasses', 'VolumeAttributesClass', cluster),
    ],
  },
  {
    name: 'apiextensions.k8s.io',
    doc: 'Custom resource definitions.',
    exhaustive: true,
    resources: [r('customresourcedefinitions', 'CustomResourceDefinition', cluster, ['status'])],
  },
  {
    name: 'apiregistration.k8s.io',
    doc: 'API services of the aggregation layer.',
    exhaustive: true,
    resources: [r('apiservices', 'APIService', cluster, ['status'])],
  },
  {
    name: 'admissionregistration.k8s.io',
    doc: 'Admission webhooks and admission policies.',
    resources: [
      r('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', cluster),
      r('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', cluster),
      r('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', cluster, ['status']),
      r('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', cluster),
      r('mutatingadmissionpolicies', 'MutatingAdmissionPolicy', cluster),
      r('mutatingadmissionpolicybindings', 'MutatingAdmissionPolicyBinding', cluster),
      r('initializerconfigurations', 'InitializerConfiguration', cluster),
    ],
  },
  {
    name: 'certificates.k8s.io',
    doc: 'Certificate signing requests, cluster trust bundles and pod certificate requests.',
    resources: [
      r('certificatesigningrequests', 'CertificateSigningRequest', cluster, ['approval', 'status']),
      r('clustertrustbundles', 'ClusterTrustBundle', cluster),
      r('podcertificaterequests', 'PodCertificateRequest', ns, ['status']),
    ],
  },
  {
    name: 'coordination.k8s.io',
    doc: 'Leases (leader election, node heartbeats) and lease candidates.',
    resources: [r('leases', 'Lease', ns), r('leasecandidates', 'LeaseCandidate', ns)],
  },
  {
    name: 'discovery.k8s.io',
    doc: 'Endpoint slices.',
    exhaustive: true,
    sinceMinor: 16,
    resources: [r('endpointslices', 'EndpointSlice', ns)],
  },
  {
    name: 'events.k8s.io',
    doc: 'Events (the newer API for the same objects as core `events`).',
    exhaustive: true,
    resources: [r('events', 'Event', ns)],
  },
  {
    name: 'flowcontrol.apiserver.k8s.io',
    doc: 'API priority and fairness: flow schemas and priority level configurations.',
    exhaustive: true,
    sinceMinor: 18,
    resources: [
      r('flowschemas', 'FlowSchema', cluster, ['status']),
      r('prioritylevelconfigurations', 'PriorityLevelConfiguration', cluster, ['status']),
    ],
  },
  {
    name: 'node.k8s.io',
    doc: 'Runtime classes.',
    exhaustive: true,
    resources: [r('runtimeclasses', 'RuntimeClass', cluster)],
  },
  {
    name: 'scheduling.k8s.io',
    doc: 'Priority classes.',
    resources: [r('priorityclasses', 'PriorityClass', cluster)],
  },
  {
    name: 'authentication.k8s.io',
    doc: 'Token reviews and self subject reviews (create-only: the request body holds the token under review).',
    exhaustive: true,
    resources: [r('tokenreviews', 'TokenReview', cluster), r('selfsubjectreviews', 'SelfSubjectReview', cluster)],
  },
  {
    name: 'authorization.k8s.io',
    doc: 'Access reviews (create-only).',
    exhaustive: true,
    resources: [
      r('localsubjectaccessreviews', 'LocalSubjectAccessReview', ns),
      r('selfsubjectaccessreviews', 'SelfSubjectAccessReview', cluster),
      r('selfsubjectrulesreviews', 'SelfSubjectRulesReview', cluster),
      r('subjectaccessreviews', 'SubjectAccessReview', cluster),
    ],
  },
  {
    name: 'resource.k8s.io',
    doc: 'Dynamic resource allocation: device classes, resource claims and templates, resource slices.',
    sinceMinor: 26,
    resources: [
      r('deviceclasses', 'DeviceClass', cluster),
      r('resourceclaims', 'ResourceClaim', ns, ['status']),
      r('resourceclaimtemplates', 'ResourceClaimTemplate', ns),
      r('resourceslices', 'ResourceSlice', cluster),
      r('devicetaintrules', 'DeviceTaintRule', cluster, ['status']),
      r('resourceclasses', 'ResourceClass', cluster),
      r('podschedulingcontexts', 'PodSchedulingContext', ns, ['status']),
    ],
  },
  {
    name: 'storagemigration.k8s.io',
    doc: 'Storage version migrations.',
    sinceMinor: 30,
    resources: [r('storageversionmigrations', 'StorageVersionMigration', cluster, ['status'])],
  },
  {
    name: 'internal.apiserver.k8s.io',
    doc: 'Storage versions reported by each kube-apiserver (alpha).',
    sinceMinor: 20,
    resources: [r('storageversions', 'StorageVersion', cluster, ['status'])],
  },
  {
    name: 'extensions',
    doc: 'The old beta group. Deployments, daemonsets, replicasets, network policies and pod security policies moved out in 1.16; ingresses in 1.22, which removed the group.',
    removedMinor: 22,
    resources: [
      r('daemonsets', 'DaemonSet', ns, ['status'], { removedMinor: 16 }),
      r('deployments', 'Deployment', ns, ['scale', 'status', 'rollback'], { removedMinor: 16 }),
      r('replicasets', 'ReplicaSet', ns, ['scale', 'status'], { removedMinor: 16 }),
      r('networkpolicies', 'NetworkPolicy', ns, [], { removedMinor: 16 }),
      r('podsecuritypolicies', 'PodSecurityPolicy', cluster, [], { removedMinor: 16 }),
      r('ingresses', 'Ingress', ns, ['status']),
      r('replicationcontrollers', 'ReplicationControllerDummy', ns, ['scale']),
    ],
  },
  {
    name: 'settings.k8s.io',
    doc: 'Pod presets (alpha), removed in 1.20.',
    removedMinor: 20,
    resources: [r('podpresets', 'PodPreset', ns)],
  },
];

function inVersion(item: { sinceMinor?: number; removedMinor?: number }, minor: number): boolean {
  return (item.sinceMinor === undefined || minor >= item.sinceMinor) && (item.removedMinor === undefined || minor < item.removedMinor);
}

const byMinor = new Map<number, ApiGroup[]>();

/** The built-in groups served by kube-apiserver 1.`minor` (computed once per version: the data is constant). */
export function groupsFor(minor: number): ApiGroup[] {
  let groups = byMinor.get(minor);
  if (!groups) {
    groups = API_GROUPS.filter((g) => inVersion(g, minor)).map((g) => ({ ...g, resources: g.resources.filter((r) => inVersion(r, minor)) }));
    byMinor.set(minor, groups);
  }
  return groups.slice();
}

/** A built-in group by name at 1.`minor`; undefined for unknown (custom or removed) groups. */
export function findGroup(name: string, minor: number): ApiGroup | undefined {
  return groupsFor(minor).find((g) => g.name === name);
}

/** Every built-in group (at 1.`minor`) that serves a resource of this name. */
export function groupsServing(resource: string, minor: number): ApiGroup[] {
  return groupsFor(minor).filter((g) => g.resources.some((r) => r.name === resource));
}

/** A resource of a group in any version, with its bounds: to say "removed in 1.25" rather than "unknown". */
export function resourceInAnyVersion(group: string, resource: string): ApiResource | undefined {
  return API_GROUPS.find((g) => g.name === group)?.resources.find((res) => res.name === resource);
}

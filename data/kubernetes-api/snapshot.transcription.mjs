// Transcription of kubernetes/kubernetes api/discovery/aggregated_v2.json at 0b1dcaba0a3f and
// api/discovery/api__v1.json at 4d817e791304, as read with the search tool (the raw files could not be
// downloaded here), keeping only the fields extract.mjs reads. It writes the two files into the
// current folder; snapshot.json is then:
//   node scripts/kubernetes-api/extract.mjs --kubernetes "development branch, release not identified" \
//     --source "..." aggregated_v2.json api__v1.json > data/kubernetes-api/snapshot.json
import { writeFileSync } from 'node:fs';
const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const GPU = ['get', 'patch', 'update'];
// responseKind.kind of each resource, as the file gives it.
const KINDS = {
  apiservices: 'APIService',
  certificatesigningrequests: 'CertificateSigningRequest',
  clusterrolebindings: 'ClusterRoleBinding',
  clusterroles: 'ClusterRole',
  clustertrustbundles: 'ClusterTrustBundle',
  controllerrevisions: 'ControllerRevision',
  cronjobs: 'CronJob',
  csidrivers: 'CSIDriver',
  csinodes: 'CSINode',
  csistoragecapacities: 'CSIStorageCapacity',
  customresourcedefinitions: 'CustomResourceDefinition',
  daemonsets: 'DaemonSet',
  deployments: 'Deployment',
  deviceclasses: 'DeviceClass',
  devicetaintrules: 'DeviceTaintRule',
  endpointslices: 'EndpointSlice',
  events: 'Event',
  flowschemas: 'FlowSchema',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  ingressclasses: 'IngressClass',
  ingresses: 'Ingress',
  ipaddresses: 'IPAddress',
  jobs: 'Job',
  leasecandidates: 'LeaseCandidate',
  leases: 'Lease',
  localsubjectaccessreviews: 'LocalSubjectAccessReview',
  mutatingadmissionpolicies: 'MutatingAdmissionPolicy',
  mutatingadmissionpolicybindings: 'MutatingAdmissionPolicyBinding',
  mutatingwebhookconfigurations: 'MutatingWebhookConfiguration',
  networkpolicies: 'NetworkPolicy',
  poddisruptionbudgets: 'PodDisruptionBudget',
  priorityclasses: 'PriorityClass',
  prioritylevelconfigurations: 'PriorityLevelConfiguration',
  replicasets: 'ReplicaSet',
  resourceclaims: 'ResourceClaim',
  resourceclaimtemplates: 'ResourceClaimTemplate',
  resourceslices: 'ResourceSlice',
  rolebindings: 'RoleBinding',
  roles: 'Role',
  runtimeclasses: 'RuntimeClass',
  selfsubjectaccessreviews: 'SelfSubjectAccessReview',
  selfsubjectreviews: 'SelfSubjectReview',
  selfsubjectrulesreviews: 'SelfSubjectRulesReview',
  servicecidrs: 'ServiceCIDR',
  statefulsets: 'StatefulSet',
  storageclasses: 'StorageClass',
  storageversionmigrations: 'StorageVersionMigration',
  storageversions: 'StorageVersion',
  subjectaccessreviews: 'SubjectAccessReview',
  tokenreviews: 'TokenReview',
  validatingadmissionpolicies: 'ValidatingAdmissionPolicy',
  validatingadmissionpolicybindings: 'ValidatingAdmissionPolicyBinding',
  validatingwebhookconfigurations: 'ValidatingWebhookConfiguration',
  volumeattachments: 'VolumeAttachment',
  volumeattributesclasses: 'VolumeAttributesClass',
};
const KIND = (res) => {
  if (!KINDS[res]) throw new Error(res);
  return KINDS[res];
};
const r = (resource, ns, subs = {}, verbs = ALL) => ({
  resource,
  responseKind: { kind: KIND(resource) },
  scope: ns ? 'Namespaced' : 'Cluster',
  verbs,
  subresources: Object.entries(subs).map(([subresource, v]) => ({ subresource, verbs: v })),
});
const C = false,
  N = true;
const groups = {
  'apiregistration.k8s.io': { v1: [r('apiservices', C, { status: GPU })] },
  apps: {
    v1: [
      r('controllerrevisions', N),
      r('daemonsets', N, { status: GPU }),
      r('deployments', N, { scale: GPU, status: GPU }),
      r('replicasets', N, { scale: GPU, status: GPU }),
      r('statefulsets', N, { scale: GPU, status: GPU }),
    ],
  },
  'events.k8s.io': { v1: [r('events', N)] },
  'authentication.k8s.io': { v1: [r('selfsubjectreviews', C, {}, ['create']), r('tokenreviews', C, {}, ['create'])] },
  'authorization.k8s.io': {
    v1: [
      r('localsubjectaccessreviews', N, {}, ['create']),
      r('selfsubjectaccessreviews', C, {}, ['create']),
      r('selfsubjectrulesreviews', C, {}, ['create']),
      r('subjectaccessreviews', C, {}, ['create']),
    ],
  },
  autoscaling: {
    v2: [r('horizontalpodautoscalers', N, { status: GPU })],
    v1: [r('horizontalpodautoscalers', N, { status: GPU })],
  },
  batch: { v1: [r('cronjobs', N, { status: GPU }), r('jobs', N, { status: GPU })] },
  'certificates.k8s.io': {
    v1: [r('certificatesigningrequests', C, { approval: GPU, status: GPU })],
    v1beta1: [r('clustertrustbundles', C)],
    v1alpha1: [r('clustertrustbundles', C)],
  },
  'networking.k8s.io': {
    v1: [
      r('ingressclasses', C),
      r('ingresses', N, { status: GPU }),
      r('ipaddresses', C),
      r('networkpolicies', N),
      r('servicecidrs', C, { status: GPU }),
    ],
    v1beta1: [r('ipaddresses', C), r('servicecidrs', C, { status: GPU })],
  },
  policy: { v1: [r('poddisruptionbudgets', N, { status: GPU })] },
  'rbac.authorization.k8s.io': {
    v1: [r('clusterrolebindings', C), r('clusterroles', C), r('rolebindings', N), r('roles', N)],
  },
  'storage.k8s.io': {
    v1: [
      r('csidrivers', C),
      r('csinodes', C),
      r('csistoragecapacities', N),
      r('storageclasses', C),
      r('volumeattachments', C, { status: GPU }),
    ],
    v1beta1: [r('volumeattributesclasses', C)],
    v1alpha1: [r('volumeattributesclasses', C)],
  },
  'admissionregistration.k8s.io': {
    v1: [
      r('mutatingwebhookconfigurations', C),
      r('validatingadmissionpolicies', C, { status: GPU }),
      r('validatingadmissionpolicybindings', C),
      r('validatingwebhookconfigurations', C),
    ],
    v1beta1: [r('validatingadmissionpolicies', C, { status: GPU }), r('validatingadmissionpolicybindings', C)],
    v1alpha1: [r('mutatingadmissionpolicies', C), r('mutatingadmissionpolicybindings', C)],
  },
  'apiextensions.k8s.io': { v1: [r('customresourcedefinitions', C, { status: GPU })] },
  'scheduling.k8s.io': { v1: [r('priorityclasses', C)] },
  'coordination.k8s.io': {
    v1: [r('leases', N)],
    v1beta1: [r('leasecandidates', N)],
    v1alpha2: [r('leasecandidates', N)],
  },
  'node.k8s.io': { v1: [r('runtimeclasses', C)] },
  'discovery.k8s.io': { v1: [r('endpointslices', N)] },
  'resource.k8s.io': {
    v1beta2: [
      r('deviceclasses', C),
      r('resourceclaims', N, { status: GPU }),
      r('resourceclaimtemplates', N),
      r('resourceslices', C),
    ],
    v1beta1: [
      r('deviceclasses', C),
      r('resourceclaims', N, { status: GPU }),
      r('resourceclaimtemplates', N),
      r('resourceslices', C),
    ],
    v1alpha3: [
      r('deviceclasses', C),
      r('devicetaintrules', C),
      r('resourceclaims', N, { status: GPU }),
      r('resourceclaimtemplates', N),
      r('resourceslices', C),
    ],
  },
  'flowcontrol.apiserver.k8s.io': {
    v1: [r('flowschemas', C, { status: GPU }), r('prioritylevelconfigurations', C, { status: GPU })],
  },
  'internal.apiserver.k8s.io': { v1alpha1: [r('storageversions', C, { status: GPU })] },
  'storagemigration.k8s.io': { v1alpha1: [r('storageversionmigrations', C, { status: GPU })] },
};
writeFileSync(
  'aggregated_v2.json',
  JSON.stringify(
    {
      apiVersion: 'apidiscovery.k8s.io/v2',
      kind: 'APIGroupDiscoveryList',
      items: Object.entries(groups).map(([name, versions]) => ({
        metadata: { name },
        versions: Object.entries(versions).map(([version, resources]) => ({ version, resources })),
      })),
    },
    null,
    1,
  ),
);
const CORE_KINDS = {
  bindings: 'Binding',
  componentstatuses: 'ComponentStatus',
  configmaps: 'ConfigMap',
  endpoints: 'Endpoints',
  events: 'Event',
  limitranges: 'LimitRange',
  namespaces: 'Namespace',
  nodes: 'Node',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  persistentvolumes: 'PersistentVolume',
  pods: 'Pod',
  podtemplates: 'PodTemplate',
  replicationcontrollers: 'ReplicationController',
  resourcequotas: 'ResourceQuota',
  secrets: 'Secret',
  serviceaccounts: 'ServiceAccount',
  services: 'Service',
};
const core = (name, namespaced, verbs) => ({
  name,
  namespaced,
  verbs,
  ...(name.includes('/') ? {} : { kind: CORE_KINDS[name] }),
});
const NS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const PROXY = ['create', 'delete', 'get', 'patch', 'update'];
writeFileSync(
  'api__v1.json',
  JSON.stringify(
    {
      groupVersion: 'v1',
      kind: 'APIResourceList',
      resources: [
        core('bindings', N, ['create']),
        core('componentstatuses', C, ['get', 'list']),
        core('configmaps', N, ALL),
        core('endpoints', N, ALL),
        core('events', N, ALL),
        core('limitranges', N, ALL),
        core('namespaces', C, NS),
        core('namespaces/finalize', C, ['update']),
        core('namespaces/status', C, GPU),
        core('nodes', C, ALL),
        core('nodes/proxy', C, PROXY),
        core('nodes/status', C, GPU),
        core('persistentvolumeclaims', N, ALL),
        core('persistentvolumeclaims/status', N, GPU),
        core('persistentvolumes', C, ALL),
        core('persistentvolumes/status', C, GPU),
        core('pods', N, ALL),
        core('pods/attach', N, ['create', 'get']),
        core('pods/binding', N, ['create']),
        core('pods/checkpoint', N, ['create']),
        core('pods/ephemeralcontainers', N, GPU),
        core('pods/eviction', N, ['create']),
        core('pods/exec', N, ['create', 'get']),
        core('pods/log', N, ['get']),
        core('pods/portforward', N, ['create', 'get']),
        core('pods/proxy', N, PROXY),
        core('pods/status', N, GPU),
        core('podtemplates', N, ALL),
        core('replicationcontrollers', N, ALL),
        core('replicationcontrollers/scale', N, GPU),
        core('replicationcontrollers/status', N, GPU),
        core('resourcequotas', N, ALL),
        core('resourcequotas/status', N, GPU),
        core('secrets', N, ALL),
        core('serviceaccounts', N, ALL),
        core('serviceaccounts/token', N, ['create']),
        core('services', N, ALL),
        core('services/proxy', N, PROXY),
        core('services/status', N, GPU),
      ],
    },
    null,
    1,
  ),
);

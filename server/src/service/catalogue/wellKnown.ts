// Names that policies match on but that kube-apiserver never lists: the users and groups its own
// components and the authenticators use, and the non-resource URLs it serves. Completion offers
// them and hover explains them. Sources: k8s.io/apiserver pkg/authentication/user/user.go (the
// system: groups and users), kube-proxy's and the controller manager's client identities, and the
// paths registered in k8s.io/apiserver pkg/server (healthz, livez, readyz, version, metrics).
import type { ValueSpec } from './values';

export const WELL_KNOWN_USERS: readonly ValueSpec[] = [
  { value: 'system:kube-proxy', doc: 'kube-proxy on every node; it watches services and endpoints all the time.' },
  { value: 'system:kube-scheduler', doc: 'The scheduler.' },
  {
    value: 'system:kube-controller-manager',
    doc: 'The controller manager (when it runs with one identity rather than one service account per controller).',
  },
  { value: 'system:apiserver', doc: 'kube-apiserver itself, for its loopback requests.' },
  { value: 'system:anonymous', doc: 'Requests that carry no credentials, when anonymous authentication is enabled.' },
  { value: 'system:volume-scheduler', doc: 'The volume scheduling part of the scheduler.' },
];

export const WELL_KNOWN_GROUPS: readonly ValueSpec[] = [
  { value: 'system:authenticated', doc: 'Every authenticated user.' },
  { value: 'system:unauthenticated', doc: 'Requests that carry no credentials (anonymous).' },
  { value: 'system:nodes', doc: 'Kubelets (users `system:node:<name>`).' },
  { value: 'system:serviceaccounts', doc: 'Every service account of every namespace.' },
  {
    value: 'system:serviceaccounts:kube-system',
    doc: 'The service accounts of the kube-system namespace (controllers, add-ons).',
  },
  { value: 'system:masters', doc: 'The break-glass superuser group; bypasses authorization.' },
  { value: 'system:monitoring', doc: 'Allowed to read the health and metrics endpoints.' },
];

export const WELL_KNOWN_URLS: readonly ValueSpec[] = [
  {
    value: '/healthz*',
    doc: 'The health check and its individual checks (`/healthz/etcd`, ...). A plain prefix match.',
  },
  { value: '/livez*', doc: 'The liveness check and its individual checks.' },
  { value: '/readyz*', doc: 'The readiness check and its individual checks.' },
  { value: '/version', doc: 'The server version.' },
  { value: '/metrics', doc: 'The Prometheus metrics of kube-apiserver.' },
  {
    value: '/api*',
    doc: 'API discovery (`/api`, `/apis`, `/api/v1`, ...): everything under /api and /apis that is not a resource request.',
  },
  { value: '/openapi*', doc: 'The OpenAPI documents (`/openapi/v2`, `/openapi/v3`).' },
  { value: '/logs*', doc: 'The node logs served by kube-apiserver (`/logs/...`).' },
  { value: '*', doc: 'Every non-resource URL.' },
];

export const WELL_KNOWN_NAMESPACES: readonly ValueSpec[] = [
  {
    value: '',
    doc: 'Cluster-scoped resources (nodes, namespaces, ...) and requests across all namespaces (such as `GET /api/v1/pods`).',
  },
  { value: 'kube-system', doc: 'The namespace of the control plane and cluster add-ons.' },
  { value: 'kube-public', doc: 'Readable by everyone, including unauthenticated users.' },
  { value: 'kube-node-lease', doc: 'Node heartbeats (Lease objects): very frequent updates.' },
  { value: 'default', doc: 'The namespace of objects created without one.' },
];

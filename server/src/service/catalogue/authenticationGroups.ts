// Group names that kube-apiserver's authenticators put users in. They are never user names: the
// users in them are called `system:node:<name>`, `system:serviceaccount:<ns>:<name>`, and so on.
// Sources (k8s.io/apiserver and k8s.io/cluster-bootstrap):
//   pkg/authentication/user/user.go: SystemPrivilegedGroup "system:masters", NodesGroup
//     "system:nodes", MonitoringGroup "system:monitoring", AllUnauthenticated
//     "system:unauthenticated", AllAuthenticated "system:authenticated"
//   pkg/authentication/serviceaccount/util.go: AllServiceAccountsGroup "system:serviceaccounts",
//     ServiceAccountGroupPrefix "system:serviceaccounts:" + namespace
//   token/api/types.go: BootstrapDefaultGroup "system:bootstrappers", BootstrapGroupPattern
//     "system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]"
import { ownEntry } from './ownEntry';
export const AUTHENTICATION_GROUPS: Readonly<Record<string, string>> = {
  'system:masters': 'SystemPrivilegedGroup in k8s.io/apiserver pkg/authentication/user/user.go',
  'system:nodes': 'NodesGroup in k8s.io/apiserver pkg/authentication/user/user.go (users `system:node:<name>`)',
  'system:monitoring': 'MonitoringGroup in k8s.io/apiserver pkg/authentication/user/user.go',
  'system:unauthenticated': 'AllUnauthenticated in k8s.io/apiserver pkg/authentication/user/user.go',
  'system:authenticated': 'AllAuthenticated in k8s.io/apiserver pkg/authentication/user/user.go',
  'system:serviceaccounts': 'AllServiceAccountsGroup in k8s.io/apiserver pkg/authentication/serviceaccount/util.go',
  'system:bootstrappers': 'BootstrapDefaultGroup in k8s.io/cluster-bootstrap token/api/types.go',
};

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/^system:serviceaccounts:.+$/, 'ServiceAccountGroupPrefix in k8s.io/apiserver pkg/authentication/serviceaccount'],
  [/^system:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]$/, 'BootstrapGroupPattern in k8s.io/cluster-bootstrap token/api'],
];

/** Where a name is defined as an authentication group; undefined when it is not one. */
export function authenticationGroup(name: string): string | undefined {
  // Own keys only: `constructor` in a policy is no group (an object's prototype would answer it).
  const defined = ownEntry(AUTHENTICATION_GROUPS, name);
  return defined ?? PATTERNS.find(([pattern]) => pattern.test(name))?.[1];
}

// The `who-did-what` requirement pack: every write by a person or a service account is recorded.
// A policy test file without `policy:` (docs/REQUIREMENT-PACKS.md says what each case checks and why).
export const WHO_DID_WHAT_PACK = `# Every write by a person or a service account is recorded.
name: who-did-what
cases:
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods
    name: "pods create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/pods/web
    name: "pods delete by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/pods
    name: "pods deletecollection by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/exec?command=sh
    name: "pods/exec create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PATCH /apis/apps/v1/namespaces/default/deployments/web
    name: "deployments patch by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PUT /apis/apps/v1/namespaces/default/deployments/web/scale
    name: "deployments/scale update by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/secrets
    name: "secrets create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PUT /api/v1/namespaces/default/secrets/db-password
    name: "secrets update by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps patch by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/services/web
    name: "services delete by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/serviceaccounts/builder/token
    name: "serviceaccounts/token create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings
    name: "rolebindings create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings
    name: "clusterrolebindings create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PUT /apis/rbac.authorization.k8s.io/v1/clusterroles/reader
    name: "clusterroles update by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/team-a
    name: "namespaces delete by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated PATCH /api/v1/nodes/node-1
    name: "nodes patch by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: alice groups=system:authenticated POST /apis/example.com/v1/namespaces/default/widgets
    name: "custom resource create by a user is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /api/v1/namespaces/default/pods
    name: "pods create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated DELETE /api/v1/namespaces/default/pods/web
    name: "pods delete by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated DELETE /api/v1/namespaces/default/pods
    name: "pods deletecollection by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /api/v1/namespaces/default/pods/web/exec?command=sh
    name: "pods/exec create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PATCH /apis/apps/v1/namespaces/default/deployments/web
    name: "deployments patch by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PUT /apis/apps/v1/namespaces/default/deployments/web/scale
    name: "deployments/scale update by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /api/v1/namespaces/default/secrets
    name: "secrets create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PUT /api/v1/namespaces/default/secrets/db-password
    name: "secrets update by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PATCH /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps patch by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated DELETE /api/v1/namespaces/default/services/web
    name: "services delete by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /api/v1/namespaces/default/serviceaccounts/builder/token
    name: "serviceaccounts/token create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings
    name: "rolebindings create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings
    name: "clusterrolebindings create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PUT /apis/rbac.authorization.k8s.io/v1/clusterroles/reader
    name: "clusterroles update by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated DELETE /api/v1/namespaces/team-a
    name: "namespaces delete by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated PATCH /api/v1/nodes/node-1
    name: "nodes patch by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
  - request: system:serviceaccount:ci:deployer groups=system:serviceaccounts,system:serviceaccounts:ci,system:authenticated POST /apis/example.com/v1/namespaces/default/widgets
    name: "custom resource create by a service account is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Who did what (incident response, liggitt/audit2rbac): every write by a person or a service account is an event at Metadata or above (user, verb, resource, namespace, name; audit2rbac works from Metadata), with its ResponseComplete stage (the response status says whether the write succeeded)"
`;

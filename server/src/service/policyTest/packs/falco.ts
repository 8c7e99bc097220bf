// The `falco` requirement pack: what the Falco k8saudit plugin rules read from audit events.
// A policy test file without `policy:` (docs/REQUIREMENT-PACKS.md says what each case checks and why).
export const FALCO_PACK = `# What the Falco k8saudit plugin rules read from the audit log.
name: falco
cases:
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods
    name: "pod creation with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the conditions of Create Privileged Pod, Create Sensitive Mount Pod and Create HostNetwork/HostPid/HostIPC Pod read ka.req.pod.* (the request body), in events of stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/kube-system/pods
    name: "pod creation in kube-system with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Pod Created in Kube Namespace reads ka.req.pod.containers.image.repository (the request body)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/services
    name: "service creation with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Create NodePort Service reads ka.req.service.type (the request body)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/configmaps
    name: "configmaps create with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Create/Modify Configmap With Private Credentials reads ka.req.configmap.obj (the request body) on create, update and patch"
  - request: alice groups=system:authenticated PUT /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps update with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Create/Modify Configmap With Private Credentials reads ka.req.configmap.obj (the request body) on create, update and patch"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps patch with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Create/Modify Configmap With Private Credentials reads ka.req.configmap.obj (the request body) on create, update and patch"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings
    name: "clusterrolebinding creation with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of Attach to cluster-admin Role reads ka.req.binding.role (the request body)"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings
    name: "rolebinding creation is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of K8s RoleBinding Created reads only metadata (its output prints the request body's subjects when it is there)"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/clusterroles
    name: "clusterrole creation with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the conditions of ClusterRole With Wildcard Created, ClusterRole With Write Privileges Created and ClusterRole With Pod Exec Created read ka.req.role.rules (the request body)"
  - request: alice groups=system:authenticated POST /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles
    name: "role creation with its request body"
    minLevel: Request
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the same rules apply to roles ((role or clusterrole) and kcreate) and read ka.req.role.rules"
  - request: alice groups=system:authenticated PUT /apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregate-to-edit
    name: "system clusterrole update is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): System ClusterRole Modified/Deleted matches kmodify or kdelete of a role or clusterrole named system:*"
  - request: alice groups=system:authenticated PATCH /apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregate-to-edit
    name: "system clusterrole patch is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): System ClusterRole Modified/Deleted matches kmodify or kdelete of a role or clusterrole named system:*"
  - request: alice groups=system:authenticated DELETE /apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregate-to-edit
    name: "system clusterrole delete is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): System ClusterRole Modified/Deleted matches kmodify or kdelete of a role or clusterrole named system:*"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/exec?command=sh
    name: "pods/exec recorded at ResponseStarted"
    minLevel: Metadata
    recordedStages: ["ResponseStarted"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): Attach/Exec Pod matches create of pods/exec and pods/attach in the ResponseStarted stage (macro kevt_started) and prints ka.uri.param[command]"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/attach?command=sh
    name: "pods/attach recorded at ResponseStarted"
    minLevel: Metadata
    recordedStages: ["ResponseStarted"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): Attach/Exec Pod matches create of pods/exec and pods/attach in the ResponseStarted stage (macro kevt_started) and prints ka.uri.param[command]"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/portforward
    name: "pods/portforward is recorded"
    minLevel: Metadata
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): port-forward matches any event with subresource portforward"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/pods/web/ephemeralcontainers
    name: "ephemeral container creation is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the condition of EphemeralContainers Created matches kmodify of pods/ephemeralcontainers (its output prints the request body when it is there)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces
    name: "namespace creation is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/team-a
    name: "namespace deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated POST /apis/apps/v1/namespaces/default/deployments
    name: "deployment creation is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /apis/apps/v1/namespaces/default/deployments/web
    name: "deployment deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/services/web
    name: "service deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/configmaps/app-config
    name: "configmap deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/kube-system/serviceaccounts
    name: "serviceaccount creation in kube-system is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/serviceaccounts/builder
    name: "serviceaccount deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/reader
    name: "role deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/reader
    name: "rolebinding deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /apis/rbac.authorization.k8s.io/v1/clusterroles/reader
    name: "clusterrole deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /apis/rbac.authorization.k8s.io/v1/clusterrolebindings/reader
    name: "clusterrolebinding deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/secrets
    name: "secret creation is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/secrets/db-password
    name: "secret deletion is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/secrets/db-password
    name: "secret read is recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): the activity rules (K8s Namespace/Deployment/Service/ConfigMap/Serviceaccount/Role/ClusterRole/RoleBinding/ClusterRoleBinding/Secret Created, Deleted, Get) read only event metadata, in stage ResponseComplete (macro kevt)"
  - request: system:anonymous groups=system:unauthenticated GET /api/v1/namespaces/default/pods
    name: "anonymous requests are recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): Anonymous Request Allowed matches any request by system:anonymous that was allowed (ka.auth.decision)"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/pods
    name: "requests by ordinary users are recorded"
    minLevel: Metadata
    recordedStages: ["ResponseComplete"]
    source: "Falco k8saudit plugin rules (falcosecurity/plugins plugins/k8saudit/rules/k8s_audit_rules.yaml): Disallowed K8s User matches any operation by a user outside an allowed list (non_system_user)"
`;

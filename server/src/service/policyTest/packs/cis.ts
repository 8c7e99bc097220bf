// The `cis` requirement pack: the CIS Kubernetes Benchmark audit policy recommendation (3.2.2).
// A policy test file without `policy:` (docs/REQUIREMENT-PACKS.md says what each case checks and why).
export const CIS_PACK = `# CIS Kubernetes Benchmark 3.2.2: the audit policy covers key security concerns.
name: cis
cases:
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/secrets/db-password
    name: "secrets get is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/secrets
    name: "secrets list is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/secrets?watch=true
    name: "secrets watch is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/secrets
    name: "secrets create is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated PUT /api/v1/namespaces/default/secrets/db-password
    name: "secrets update is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/secrets/db-password
    name: "secrets patch is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/secrets/db-password
    name: "secrets delete is logged at Metadata only"
    level: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2 (audit policy covers key security concerns): access to Secrets is logged, and only at Metadata for Secrets, ConfigMaps and TokenReviews"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps get is logged at most at Metadata"
    maxLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: only Metadata for requests to Secrets, ConfigMaps and TokenReviews (their bodies hold the sensitive data)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/configmaps
    name: "configmaps create is logged at most at Metadata"
    maxLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: only Metadata for requests to Secrets, ConfigMaps and TokenReviews (their bodies hold the sensitive data)"
  - request: alice groups=system:authenticated PUT /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps update is logged at most at Metadata"
    maxLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: only Metadata for requests to Secrets, ConfigMaps and TokenReviews (their bodies hold the sensitive data)"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/configmaps/app-config
    name: "configmaps patch is logged at most at Metadata"
    maxLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: only Metadata for requests to Secrets, ConfigMaps and TokenReviews (their bodies hold the sensitive data)"
  - request: alice groups=system:authenticated POST /apis/authentication.k8s.io/v1/tokenreviews
    name: "tokenreviews create is logged at most at Metadata"
    maxLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: only Metadata for requests to Secrets, ConfigMaps and TokenReviews (their bodies hold the sensitive data)"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods
    name: "pods create is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated PUT /api/v1/namespaces/default/pods/web
    name: "pods update is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated PATCH /api/v1/namespaces/default/pods/web
    name: "pods patch is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated DELETE /api/v1/namespaces/default/pods/web
    name: "pods delete is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated POST /apis/apps/v1/namespaces/default/deployments
    name: "deployments create is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated PUT /apis/apps/v1/namespaces/default/deployments/web
    name: "deployments update is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated PATCH /apis/apps/v1/namespaces/default/deployments/web
    name: "deployments patch is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated DELETE /apis/apps/v1/namespaces/default/deployments/web
    name: "deployments delete is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: modification of pod and deployment objects is logged"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/exec?command=sh
    name: "pods/exec over POST is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/pods/web/exec?command=sh
    name: "pods/exec over GET (WebSocket) is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
  - request: alice groups=system:authenticated POST /api/v1/namespaces/default/pods/web/portforward
    name: "pods/portforward over POST is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/pods/web/portforward
    name: "pods/portforward over GET (WebSocket) is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/pods/web/proxy
    name: "pods/proxy is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
  - request: alice groups=system:authenticated GET /api/v1/namespaces/default/services/web/proxy
    name: "services/proxy is logged"
    minLevel: Metadata
    source: "CIS Kubernetes Benchmark 3.2.2: use of pods/exec, pods/portforward, pods/proxy and services/proxy is logged"
`;

package e2e

// The audit policy the test cluster starts with, written to --audit-policy-file.
const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
rules:
- level: Metdata
  resources:
  - group: ""
    resources: ["secrets"]
`

// Every diagnostic the service can report: a stable id, its default severity and a one-line
// description (shown in SARIF rule help and in the README). Severities follow one principle:
// kube-apiserver refuses to start -> error; it starts but the policy does not do what it says
// -> warning; advice -> information.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CodeSpec {
  readonly code: string;
  readonly severity: Severity;
  readonly summary: string;
}

export const CODES = {
  // kube-apiserver refuses the file (pkg/audit/policy/reader.go, pkg/apis/audit/validation/validation.go)
  'yaml-syntax': { severity: 'error', summary: 'The file is not valid YAML; kube-apiserver fails decoding it.' },
  'wrong-type': {
    severity: 'error',
    summary:
      'A value has the wrong type (a scalar where a list is expected, a quoted boolean, a YAML 1.1 boolean where a string is meant); decoding fails.',
  },
  'invalid-api-version': {
    severity: 'error',
    summary: 'apiVersion is missing or not audit.k8s.io/v1 (v1alpha1 and v1beta1 were removed in Kubernetes 1.24).',
  },
  'invalid-kind': { severity: 'error', summary: 'kind is not Policy.' },
  'no-rules': { severity: 'error', summary: 'The policy has no rules; kube-apiserver refuses a policy with 0 rules.' },
  'missing-level': { severity: 'error', summary: 'A rule has no level (rules[i].level: Required value).' },
  'invalid-level': {
    severity: 'error',
    summary: 'A level is not None, Metadata, Request or RequestResponse (case-sensitive).',
  },
  'invalid-stage': {
    severity: 'error',
    summary: 'An omitStages entry is not RequestReceived, ResponseStarted, ResponseComplete or Panic.',
  },
  'invalid-non-resource-url': {
    severity: 'error',
    summary: 'A nonResourceURLs entry does not start with / or has * before its last character.',
  },
  'mixed-resources-and-urls': {
    severity: 'error',
    summary: 'A rule has nonResourceURLs together with resources or namespaces.',
  },
  'invalid-group': {
    severity: 'error',
    summary: 'An API group is not a lower-case DNS subdomain (or "*" before Kubernetes 1.36).',
  },
  'resource-names-without-resources': { severity: 'error', summary: 'resourceNames is set but resources is empty.' },
  // kube-apiserver starts, but the policy does not do what it says
  'unknown-field': {
    severity: 'warning',
    summary:
      'kube-apiserver drops a field it does not know (lenient decoding), so the rule matches more or less than written.',
  },
  'duplicate-key': { severity: 'warning', summary: 'A key appears twice in one mapping; the last one wins.' },
  'surrounding-whitespace': {
    severity: 'warning',
    summary: 'A name has leading or trailing white space and can never match.',
  },
  'ignored-document': {
    severity: 'warning',
    summary: 'kube-apiserver reads only the first YAML document of the file.',
  },
  'nested-too-deeply': {
    severity: 'warning',
    summary:
      'The file nests deeper than this tool reads (kube-apiserver reads 10,000 levels); what lies deeper is not checked.',
  },
  'deprecated-api-version': {
    severity: 'warning',
    summary: 'audit.k8s.io/v1beta1 and v1alpha1 are deprecated (1.21 to 1.23) and removed in 1.24.',
  },
  'unreachable-rule': {
    severity: 'warning',
    summary: 'Earlier rules match every request this rule could match, so it never applies.',
  },
  'unknown-verb': {
    severity: 'warning',
    summary:
      'A verb no request a client sends carries: it never matches, or only a request sent with that word as its HTTP method.',
  },
  'resource-not-in-group': {
    severity: 'warning',
    summary:
      'A built-in resource listed under an API group that does not serve it, so it matches only requests the server refuses.',
  },
  'unknown-subresource': {
    severity: 'warning',
    summary: 'A subresource that the built-in resource does not have, so it matches only requests the server refuses.',
  },
  'literal-wildcard': {
    severity: 'warning',
    summary:
      'A wildcard form that kube-apiserver compares literally (po*, */*, system:node:* in users), so it matches only a name written with the `*`.',
  },
  'group-as-user': {
    severity: 'warning',
    summary:
      "A group name of the authenticators (system:masters, system:serviceaccounts:<ns>, ...) in users, which holds user names, so it never matches the group's members.",
  },
  'group-not-served': {
    severity: 'warning',
    summary:
      'An API group the target Kubernetes version does not serve (extensions from 1.22), so the entry matches only requests the server refuses.',
  },
  'verb-not-served': {
    severity: 'warning',
    summary:
      "A verb none of the rule's resources serves (watch on tokenreviews, list on pods/exec), so it matches only requests the server refuses, or none.",
  },
  'records-nothing': {
    severity: 'warning',
    summary:
      'A rule that omits every stage (with the policy-wide omitStages): its requests are not recorded at all, whatever its level.',
  },
  'resource-names-never-match': {
    severity: 'warning',
    summary: 'resourceNames with only verbs whose requests carry no name, so the entry never matches.',
  },
  // advice
  'sensitive-bodies': {
    severity: 'information',
    summary:
      'Request or RequestResponse level on secrets, configmaps, tokenreviews or serviceaccounts/token writes secret values into the audit log.',
  },
  'no-catch-all': {
    severity: 'information',
    summary: 'Requests that match no rule are not recorded; a final catch-all rule makes that explicit.',
  },
  'request-received-logged': {
    severity: 'information',
    summary: 'RequestReceived is not omitted, which roughly doubles the number of events.',
  },
  'connect-verb': {
    severity: 'information',
    summary:
      'connect is the admission operation of exec, attach, portforward and proxy, not the verb of their requests (create or get).',
  },
  // A host around a policy does not hand kube-apiserver the policy shown (embedded/scriptRegions.ts)
  'heredoc-not-ended': {
    severity: 'warning',
    summary:
      'A shell never ends the here-document that writes the policy on the line shown (an indented or trailing-blank delimiter): it writes the rest of the script into the file, or refuses the script.',
  },
  'host-not-yaml': {
    severity: 'warning',
    summary:
      'The YAML file that holds the policy (a ConfigMap, a cluster config) is not YAML at the place shown: kubectl and every reader of the file refuse it, so the policy never reaches kube-apiserver.',
  },
} as const satisfies Record<string, Omit<CodeSpec, 'code'>>;

export type DiagnosticCode = keyof typeof CODES;

export const ALL_CODES: readonly CodeSpec[] = Object.entries(CODES).map(([code, spec]) => ({ code, ...spec }));

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(CODES, code);
}

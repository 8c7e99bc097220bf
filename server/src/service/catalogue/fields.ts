// The fields of audit.k8s.io/v1 Policy, PolicyRule and GroupResources, as defined in
// k8s.io/apiserver pkg/apis/audit/v1/types.go. Every feature (validation, completion,
// hover, quick fixes, the JSON Schema) reads this table: adding a field is one edit here.

/** Where a field lives. */
export type FieldContext = 'policy' | 'rule' | 'groupResources' | 'metadata';

/** The shape kube-apiserver decodes the value into (Go type in parentheses). */
export type ValueType =
  | 'string' // string
  | 'stringList' // []string
  | 'boolean' // bool / *bool
  | 'level' // Level (string enum)
  | 'stageList' // []Stage
  | 'ruleList' // []PolicyRule
  | 'groupResourcesList' // []GroupResources
  | 'object'; // ObjectMeta: anything goes, the audit system ignores it

/** What a list item means, so completion and hover can talk about it. */
export type ItemKind =
  'user' | 'userGroup' | 'verb' | 'namespace' | 'nonResourceURL' | 'stage' | 'resource' | 'resourceName';

export interface FieldSpec {
  readonly name: string;
  readonly context: FieldContext;
  readonly type: ValueType;
  readonly item?: ItemKind;
  /** Kubernetes minor version (1.x) that introduced the field; absent = since v1 GA (1.12). */
  readonly sinceMinor?: number;
  readonly required?: boolean;
  /** The Go default when the field is absent, in words. */
  readonly default: string;
  readonly doc: string;
}

export const FIELDS: readonly FieldSpec[] = [
  // Policy
  {
    name: 'apiVersion',
    context: 'policy',
    type: 'string',
    required: true,
    default: 'none: required',
    doc: 'The API version of the file. kube-apiserver 1.24 and later load only `audit.k8s.io/v1`; `v1alpha1` and `v1beta1` were removed in 1.24 (deprecated in 1.21).',
  },
  {
    name: 'kind',
    context: 'policy',
    type: 'string',
    default: '`Policy` when `apiVersion` is `audit.k8s.io/v1`',
    doc: 'The object kind: `Policy`. It may be left out when `apiVersion` is `audit.k8s.io/v1`; the decoder then fills it in.',
  },
  {
    name: 'metadata',
    context: 'policy',
    type: 'object',
    default: 'empty',
    doc: 'Standard object metadata. Present only so the policy works with the usual API machinery; the audit system ignores it.',
  },
  {
    name: 'rules',
    context: 'policy',
    type: 'ruleList',
    required: true,
    default: 'none: kube-apiserver refuses a policy with 0 rules',
    doc: 'The rules that map each request to the audit level it is recorded at. Rules are tried in order and the **first** matching rule wins. A request that matches no rule is recorded at level `None` (not at all), so a catch-all rule at the end decides the default.',
  },
  {
    name: 'omitStages',
    context: 'policy',
    type: 'stageList',
    item: 'stage',
    sinceMinor: 9,
    default: 'empty: every stage is recorded',
    doc: 'Stages for which no event is created, for every request. A rule can list more; the union of both lists is omitted.',
  },
  {
    name: 'omitManagedFields',
    context: 'policy',
    type: 'boolean',
    sinceMinor: 23,
    default: '`false`: managed fields are kept',
    doc: "The policy-wide default for dropping `metadata.managedFields` from the request and response bodies written to the audit log. A rule's own `omitManagedFields` overrides it.",
  },
  // PolicyRule
  {
    name: 'level',
    context: 'rule',
    type: 'level',
    required: true,
    default: 'none: required',
    doc: 'The audit level of requests that match this rule: `None`, `Metadata`, `Request` or `RequestResponse`.',
  },
  {
    name: 'users',
    context: 'rule',
    type: 'stringList',
    item: 'user',
    default: 'empty: every user',
    doc: 'Authenticated user names this rule applies to (exact, case-sensitive). The audit filter runs before impersonation, so this is the authenticated user, not the impersonated one. Requests that failed authentication have no user and never match a rule with `users`.',
  },
  {
    name: 'userGroups',
    context: 'rule',
    type: 'stringList',
    item: 'userGroup',
    default: 'empty: every group',
    doc: 'User groups this rule applies to. A user matches if it is a member of **any** listed group.',
  },
  {
    name: 'verbs',
    context: 'rule',
    type: 'stringList',
    item: 'verb',
    default: 'empty: every verb',
    doc: 'Request verbs this rule applies to (exact, lower case). Resource requests have `get`, `list`, `watch`, `create`, `update`, `patch`, `delete`, `deletecollection` or `proxy`; non-resource requests have the lower-cased HTTP method (`get`, `post`, `put`, `patch`, `delete`, `head`, `options`).',
  },
  {
    name: 'resources',
    context: 'rule',
    type: 'groupResourcesList',
    default: 'empty: every resource of every API group',
    doc: 'The API groups and resources this rule applies to. A request matches if **any** entry matches. A rule with `resources` or `namespaces` matches only resource requests.',
  },
  {
    name: 'namespaces',
    context: 'rule',
    type: 'stringList',
    item: 'namespace',
    default: 'empty: every namespace',
    doc: 'Namespaces this rule applies to. `""` matches cluster-scoped resources and requests across all namespaces (such as `GET /api/v1/pods`). A rule with `namespaces` matches only resource requests.',
  },
  {
    name: 'nonResourceURLs',
    context: 'rule',
    type: 'stringList',
    item: 'nonResourceURL',
    default: 'empty: every URL',
    doc: 'Non-resource URL paths this rule applies to, such as `/metrics` or `/healthz*`. Each must start with `/` (or be exactly `*`); a `*` may only be the last character and makes a plain prefix match. Cannot be combined with `resources` or `namespaces`.',
  },
  {
    name: 'omitStages',
    context: 'rule',
    type: 'stageList',
    item: 'stage',
    sinceMinor: 9,
    default: 'empty: no extra stage is omitted',
    doc: "Stages for which no event is created for requests matched by this rule, in addition to the policy's `omitStages`.",
  },
  {
    name: 'omitManagedFields',
    context: 'rule',
    type: 'boolean',
    sinceMinor: 23,
    default: "unset: the policy's `omitManagedFields` applies",
    doc: '`true` drops `metadata.managedFields` from the bodies written to the audit log for requests matched by this rule; `false` keeps them. Overrides the policy-wide default when set.',
  },
  // GroupResources
  {
    name: 'group',
    context: 'groupResources',
    type: 'string',
    default: '`""`: the core API group',
    doc: 'The API group of the resources. `""` (or leaving it out) is the core group (pods, secrets, ...). `"*"` matches every group from Kubernetes 1.36; older kube-apiservers refuse it. Any other value must be a lower-case DNS subdomain such as `apps` or `rbac.authorization.k8s.io`, without a version.',
  },
  {
    name: 'resources',
    context: 'groupResources',
    type: 'stringList',
    item: 'resource',
    default: 'empty: every resource and subresource in the group',
    doc: 'Resources of the group: `pods`, `pods/log` (a subresource), `*` (all resources and subresources), `pods/*` (pods and all its subresources), `*/scale` (every `scale` subresource). Other wildcard forms are compared literally and never match.',
  },
  {
    name: 'resourceNames',
    context: 'groupResources',
    type: 'stringList',
    item: 'resourceName',
    default: 'empty: every object',
    doc: 'Names of the objects this entry matches. Needs `resources`. Requests that carry no name (list, watch of a collection, create, deletecollection) never match an entry with `resourceNames`.',
  },
];

export function fieldsOf(context: FieldContext): readonly FieldSpec[] {
  return FIELDS.filter((f) => f.context === context);
}

export function findField(context: FieldContext, name: string): FieldSpec | undefined {
  return FIELDS.find((f) => f.context === context && f.name === name);
}

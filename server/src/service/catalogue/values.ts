// Legal values of the enum-like fields, with the hover text for each.
// Sources: k8s.io/apiserver pkg/apis/audit/v1/types.go (Level, Stage constants),
// pkg/apis/audit/validation/validation.go (allowed sets), pkg/endpoints/request/requestinfo.go (verbs).

export interface ValueSpec {
  readonly value: string;
  readonly doc: string;
}

export const LEVELS: readonly ValueSpec[] = [
  { value: 'None', doc: 'Do not record events that match this rule.' },
  {
    value: 'Metadata',
    doc: 'Record request metadata (user, time, resource, verb, response status) but not the request or response body.',
  },
  {
    value: 'Request',
    doc: 'Record metadata and the request body, but not the response body. Bodies do not apply to non-resource requests.',
  },
  {
    value: 'RequestResponse',
    doc: 'Record metadata, the request body and the response body. Bodies do not apply to non-resource requests.',
  },
];

export const STAGES: readonly ValueSpec[] = [
  {
    value: 'RequestReceived',
    doc: 'As soon as the audit handler receives the request, before it is handled. Omitting it roughly halves the number of events.',
  },
  {
    value: 'ResponseStarted',
    doc: 'Once the response headers are sent and before the body. Only long-running requests (such as watch) produce it.',
  },
  { value: 'ResponseComplete', doc: 'Once the response body is complete.' },
  { value: 'Panic', doc: 'When a panic occurred while handling the request.' },
];

/** Verbs of resource requests (requestinfo.go): the only ones a rule with resources can see. */
export const RESOURCE_VERBS: readonly ValueSpec[] = [
  {
    value: 'get',
    doc: 'Read one object (HTTP GET or HEAD with a name), including connect subresources such as `pods/exec` over GET.',
  },
  { value: 'list', doc: 'Read a collection (HTTP GET without a name and without `watch`).' },
  { value: 'watch', doc: 'Watch a collection or object (`?watch=true`, or the deprecated `/watch/` path prefix).' },
  {
    value: 'create',
    doc: 'Create an object (HTTP POST), including connect subresources such as `pods/exec`, `pods/attach` and `pods/portforward` over POST.',
  },
  { value: 'update', doc: 'Replace an object (HTTP PUT).' },
  { value: 'patch', doc: 'Patch an object (HTTP PATCH), including server-side apply.' },
  { value: 'delete', doc: 'Delete one object (HTTP DELETE with a name).' },
  { value: 'deletecollection', doc: 'Delete a collection (HTTP DELETE without a name).' },
  { value: 'proxy', doc: 'The deprecated `/proxy/` path prefix.' },
];

/** Verbs of non-resource requests: the lower-cased HTTP method (requestinfo.go). */
export const NON_RESOURCE_VERBS: readonly ValueSpec[] = [
  { value: 'get', doc: 'HTTP GET of a non-resource URL.' },
  { value: 'post', doc: 'HTTP POST of a non-resource URL.' },
  { value: 'put', doc: 'HTTP PUT of a non-resource URL.' },
  { value: 'patch', doc: 'HTTP PATCH of a non-resource URL.' },
  { value: 'delete', doc: 'HTTP DELETE of a non-resource URL.' },
  { value: 'head', doc: 'HTTP HEAD of a non-resource URL.' },
  { value: 'options', doc: 'HTTP OPTIONS of a non-resource URL.' },
];

export const API_VERSION = 'audit.k8s.io/v1';
export const API_GROUP = 'audit.k8s.io';
export const POLICY_KIND = 'Policy';
/** The audit group's other kinds (types.go): registered, but not convertible to a Policy. */
export const OTHER_AUDIT_KINDS: readonly string[] = ['Event', 'EventList', 'PolicyList'];

export const LEVEL_NAMES = LEVELS.map((l) => l.value);
export const STAGE_NAMES = STAGES.map((s) => s.value);

/** Whether these omitStages lists (a rule's and the policy's: the checker omits their union) name
 *  every stage, so that no event is sent at all (pkg/audit/context.go ProcessEventStage). */
export function omitsEveryStage(...lists: ReadonlyArray<readonly string[]>): boolean {
  return STAGE_NAMES.every((stage) => lists.some((list) => list.includes(stage)));
}

/** Level ordering used by kube-apiserver (pkg/apis/audit/helpers.go). */
export function levelRank(level: string): number {
  return LEVEL_NAMES.indexOf(level);
}

// unknown-verb: a verb no request of the rule's kind carries in practice. kube-apiserver compares
// verbs exactly (checker.go hasString), and the verbs requests carry are fixed by the request-info
// resolver (requestinfo.go): get list watch create update patch delete deletecollection proxy for
// resource requests, the lower-cased HTTP method for the others. There is no verb wildcard. So a word
// a rule for resource requests names never matches, and one a rule for non-resource requests may see
// matches only a request sent with that word as its HTTP method (the oracle matches `FOO /healthz` to
// `verbs: [foo]`, and `* /version` to `verbs: ["*"]`), which no Kubernetes client sends.
import { NON_RESOURCE_VERBS, RESOURCE_VERBS } from '../../catalogue/values';
import type { Node } from '../../parse/model';
import { closest } from '../../text/suggest';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { decodeRule, targetOf } from '../../decode/decode';

const RESOURCE = RESOURCE_VERBS.map((v) => v.value);
// CONNECT and TRACE are HTTP methods too, and reach the audit filter as `connect` / `trace`.
const NON_RESOURCE = [...NON_RESOURCE_VERBS.map((v) => v.value), 'connect', 'trace'];
/** A lower-cased HTTP method: Go's net/http accepts any token (RFC 7230 tchar) as one. */
const HTTP_METHOD_LOWERED = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;
/** The HTTP method of a non-resource request that does what a resource verb names: the resolver
 *  derives list, watch and deletecollection from a resource request's method and path only
 *  (requestinfo.go), so a URL read, watched or listed is a `get`, and so on. */
const METHOD_OF: Readonly<Record<string, string>> = {
  list: 'get',
  watch: 'get',
  create: 'post',
  update: 'put',
  deletecollection: 'delete',
};
const AUTHORIZATION_ONLY = new Set(['impersonate', 'bind', 'escalate', 'use', 'approve', 'sign', 'attest']);

export function checkVerbs(node: Node): Finding[] {
  if (node.kind !== 'map') return [];
  const target = targetOf(decodeRule(node));
  const allowed =
    target === 'resource'
      ? RESOURCE
      : target === 'nonResource'
        ? NON_RESOURCE
        : [...new Set([...RESOURCE, ...NON_RESOURCE])];
  const out: Finding[] = [];
  for (const { node: item, value, index } of new FieldsView(node).strings('verbs')) {
    if (allowed.includes(value)) continue;
    const why = reason(value, target);
    if (why === undefined) continue;
    const byMethod = target === 'nonResource' && Object.hasOwn(METHOD_OF, value);
    const suggestion = byMethod ? METHOD_OF[value] : closest(value, allowed, 2);
    const matches =
      target !== 'resource' && HTTP_METHOD_LOWERED.test(value)
        ? `matches only a non-resource request sent with the HTTP method \`${value.toUpperCase()}\`, which no Kubernetes client sends`
        : 'never matches';
    out.push({
      code: 'unknown-verb',
      start: item.start,
      end: item.end,
      path: `verbs[${index}]`,
      message: `${why}, so it ${matches}.${suggestion && suggestion !== value ? ` Did you mean \`${suggestion}\`${byMethod ? ', the method such a request is sent with' : ''}?` : ''}`,
      data: suggestion && suggestion !== value ? { suggestion } : {},
    });
  }
  return out;
}

function reason(verb: string, target: ReturnType<typeof targetOf>): string | undefined {
  if (verb.trim() !== verb) return undefined; // surrounding-whitespace says it
  if (verb === '*')
    return 'Audit rules have no verb wildcard: `*` is compared literally (leave `verbs` out to match every verb)';
  if (verb !== verb.toLowerCase())
    return `Verbs are compared exactly and requests carry lower-case verbs: \`${verb}\` is never one`;
  if (AUTHORIZATION_ONLY.has(verb))
    return `\`${verb}\` is an authorization check, not the verb of any resource request`;
  if (target === 'nonResource' && RESOURCE.includes(verb))
    return `Non-resource requests carry the lower-cased HTTP method (get, post, put, patch, delete, head, options): \`${verb}\` is a resource verb`;
  if (target === 'resource' && verb === 'connect')
    return 'Resource requests never carry `connect`: it is the admission operation of exec, attach, portforward and proxy, whose requests carry `create` (POST) or `get` (GET) (requestinfo.go)';
  if (target === 'resource' && NON_RESOURCE.includes(verb))
    return `Resource requests carry get, list, watch, create, update, patch, delete, deletecollection or proxy: \`${verb}\` is an HTTP method${verb === 'post' ? ' (POST is `create`)' : verb === 'put' ? ' (PUT is `update`)' : verb === 'head' ? ' (HEAD is `get`)' : ''}`;
  if (target === 'any') {
    // Any lower-case word is the verb of a non-resource request with that HTTP method, but only
    // the usual methods are sent in practice; an unusual word is almost surely a mistake.
    return `\`${verb}\` is not a request verb (resource requests: ${RESOURCE.join(', ')}; non-resource requests: the lower-cased HTTP method)`;
  }
  if (target === 'resource') return `\`${verb}\` is not a verb of resource requests (${RESOURCE.join(', ')})`;
  return `Non-resource requests carry the lower-cased HTTP method: \`${verb}\` is none of the usual ones (get, post, put, patch, delete, head, options)`;
}

// connect-verb: `connect` is the admission operation of exec, attach, portforward and proxy
// (k8s.io/apiserver pkg/admission/interfaces.go, Connect Operation = "CONNECT"), not the verb of
// their requests: the request-info resolver (pkg/endpoints/request/requestinfo.go) gives a resource
// request the verb of its HTTP method, `create` for POST and `get` for GET. In a rule with
// `resources`, unknown-verb reports it (no resource request carries `connect`). Without `resources`
// it is the lower-cased HTTP method CONNECT of a non-resource request, which kube-apiserver does
// receive, so the rule is valid: this note (information) says what it matches and what was meant.
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { decodeRule, targetOf } from '../../decode/decode';

export function checkConnectVerb(node: Node): Finding[] {
  if (node.kind !== 'map') return [];
  if (targetOf(decodeRule(node)) === 'resource') return [];
  const connects = new FieldsView(node).strings('verbs').filter(({ value }) => value === 'connect');
  return connects.map(({ node: item, index }) => ({
    code: 'connect-verb' as const,
    start: item.start,
    end: item.end,
    path: `verbs[${index}]`,
    message:
      'Here `connect` matches only non-resource requests sent with the HTTP method CONNECT. Exec, attach, ' +
      'portforward and proxy requests do not carry it (it is their admission operation): they carry `create` (POST) ' +
      'or `get` (GET), with resources such as `pods/exec`.',
    data: { suggestion: ['create', 'get'] },
  }));
}

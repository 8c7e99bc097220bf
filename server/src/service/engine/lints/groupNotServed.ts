// group-not-served: an API group that the target Kubernetes version does not serve, as the
// generated catalogue says (catalogue/apiResources.ts groupStatus): `extensions` from 1.22,
// `auditregistration.k8s.io` and `settings.k8s.io` from 1.20. Names the catalogue has never seen
// (CRDs, aggregated APIs) and versions it cannot date are left alone.
//
// Such requests are still audited: in k8s.io/apiserver pkg/server/config.go DefaultBuildHandlerChain
// the request-info filter reads the group from the URL and WithAudit (pkg/endpoints/filters/audit.go)
// evaluates the policy on those attributes before authorization and the API handlers run, so a request
// to the group gets its event with the 403 or 404 it is refused with. The entry therefore matches only
// requests the server refuses, never one that reaches an object: a warning, like resource-not-in-group
// (the rule does not do what it says), not an error (kube-apiserver loads the policy).
import { groupStatus, servedHistory } from '../../catalogue/apiResources';
import { formatMinor } from '../../catalogue/versions';
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';

export function checkGroupNotServed(node: Node, minor: number): Finding[] {
  if (node.kind !== 'map') return [];
  const out: Finding[] = [];
  for (const { view, index } of new FieldsView(node).groupResources()) {
    const groupNode = view?.value('group');
    if (!groupNode || groupNode.kind !== 'scalar' || typeof groupNode.value !== 'string') continue;
    const group = groupNode.value;
    if (groupStatus(group, minor) !== 'not-served') continue;
    out.push({
      code: 'group-not-served',
      start: groupNode.start,
      end: groupNode.end,
      path: `resources[${index}].group`,
      message:
        `Kubernetes ${formatMinor(minor)} does not serve the API group \`${group}\` ` +
        `(${servedHistory(group, undefined, minor)}): unless a CRD or an aggregated API serves it, this entry ` +
        'matches only requests the server refuses (they are audited all the same, with their 404 or 403).',
    });
  }
  return out;
}

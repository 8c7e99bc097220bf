// resource-names-never-match: resourceNames is compared with the request's name, and some
// requests carry none (requestinfo.go): deletecollection (DELETE on a collection) and create on
// a collection (POST /pods). A rule whose verbs are only such verbs never matches a named entry.
// list and watch are not among them: with `fieldSelector=metadata.name=<n>` (how `kubectl get NAME
// --watch` and single-object informers ask) they carry the name, since Kubernetes 1.11 (k/k#63469).
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { patternShape } from '../subsumes';

export function checkResourceNames(node: Node): Finding[] {
  if (node.kind !== 'map') return [];
  const rule = new FieldsView(node);
  const verbs = rule.strings('verbs').map((v) => v.value);
  if (!rule.hasItems('verbs') || verbs.length === 0) return [];
  const out: Finding[] = [];
  for (const { view, index } of rule.groupResources()) {
    if (!view || !view.hasItems('resourceNames') || !view.hasItems('resources')) continue;
    const names = view.items('resourceNames');
    // A null item decodes as "": it matches requests without a name.
    if (names.some((n) => n.kind === 'scalar' && (n.value === null || n.value === ''))) continue;
    // create names the parent object on a subresource (pods/exec, pods/eviction, serviceaccounts/token).
    const onlyCollections = view
      .strings('resources')
      .every(({ value }) => patternShape(value).kind === 'exact' && !value.includes('/'));
    const nameless = (verb: string): boolean => verb === 'deletecollection' || (verb === 'create' && onlyCollections);
    if (!verbs.every(nameless)) continue;
    const key = view.pair('resourceNames')!.key;
    out.push({
      code: 'resource-names-never-match',
      start: key.start,
      end: key.end,
      path: `resources[${index}].resourceNames`,
      message: `resourceNames never matches here: ${verbs.map((v) => `\`${v}\``).join(' and ')} requests carry no object name (${verbs.includes('create') ? 'a create POSTs to the collection' : 'a deletecollection names no object'}), and kube-apiserver compares the names with the request's name.`,
    });
  }
  return out;
}

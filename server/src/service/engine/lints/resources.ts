// resource-not-in-group and unknown-subresource: a built-in resource named under a built-in group
// that does not serve it, or with a subresource it does not have, never matches. Only what the
// catalogue knows for certain is judged (catalogue/apiResources.ts): groups we do not know (CRDs,
// aggregated APIs) are never judged, and an unlisted name only in groups listed exhaustively.
import { API_GROUPS, findGroup, groupsServing, resourceInAnyVersion } from '../../catalogue/apiResources';
import type { ApiGroup } from '../../catalogue/apiResources';
import { formatMinor } from '../../catalogue/versions';
import type { Node } from '../../parse/model';
import { closest } from '../../text/suggest';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { patternShape } from '../subsumes';

const groupName = (g: string): string => (g === '' ? 'the core group ""' : `group "${g}"`);

export function checkResources(node: Node, minor: number): Finding[] {
  if (node.kind !== 'map') return [];
  const out: Finding[] = [];
  for (const { view, index } of new FieldsView(node).groupResources()) {
    if (!view) continue;
    const groupNode = view.value('group');
    const group = groupNode === null || (groupNode.kind === 'scalar' && groupNode.value === null) ? '' : groupNode.kind === 'scalar' && typeof groupNode.value === 'string' ? groupNode.value : undefined;
    if (group === undefined) continue;
    const known = findGroup(group, minor);
    if (!known) continue;
    for (const { node: item, value, index: i } of view.strings('resources')) {
      const shape = patternShape(value);
      const resource = shape.kind === 'exact' ? shape.resource : shape.kind === 'anySub' ? shape.resource : undefined;
      if (resource === undefined || value.trim() !== value) continue;
      const path = `resources[${index}].resources[${i}]`;
      const served = known.resources.find((r) => r.name === resource);
      if (!served) {
        const finding = notInGroup(known, resource, minor);
        if (finding) out.push({ code: 'resource-not-in-group', start: item.start, end: item.end, path, ...finding });
        continue;
      }
      if (shape.kind === 'exact' && shape.sub !== '' && !served.subresources.includes(shape.sub)) {
        const suggestion = closest(shape.sub, served.subresources, 2);
        const has = served.subresources.length > 0 ? `its subresources are ${served.subresources.join(', ')}` : 'it has no subresources';
        out.push({
          code: 'unknown-subresource',
          start: item.start,
          end: item.end,
          path,
          message: `\`${resource}\` has no subresource \`${shape.sub}\` (${has}), so \`${value}\` never matches.${suggestion ? ` Did you mean \`${resource}/${suggestion}\`?` : ''}`,
          data: suggestion ? { suggestion: `${resource}/${suggestion}` } : {},
        });
      }
    }
  }
  return out;
}

function notInGroup(group: ApiGroup, resource: string, minor: number): { message: string; data: Record<string, unknown> } | undefined {
  const elsewhere = groupsServing(resource, minor).filter((g) => g.name !== group.name);
  const history = resourceInAnyVersion(group.name, resource);
  if (history) {
    // Listed for this group but not served at this version: only certain bounds are recorded.
    const when = history.removedMinor !== undefined && minor >= history.removedMinor ? `was removed from ${groupName(group.name)} in Kubernetes ${formatMinor(history.removedMinor)}` : history.sinceMinor !== undefined && minor < history.sinceMinor ? `is served by ${groupName(group.name)} only from Kubernetes ${formatMinor(history.sinceMinor)}` : undefined;
    if (!when) return undefined;
    const move = elsewhere.length > 0 ? ` It is served by ${elsewhere.map((g) => groupName(g.name)).join(' and ')}.` : '';
    return { message: `\`${resource}\` ${when}; this policy targets ${formatMinor(minor)}, so it never matches here.${move}`, data: elsewhere.length > 0 ? { group: elsewhere[0].name } : {} };
  }
  if (elsewhere.length > 0) {
    return {
      message: `\`${resource}\` is not in ${groupName(group.name)}: it is served by ${elsewhere.map((g) => groupName(g.name)).join(' and ')}, so this entry never matches it.`,
      data: { group: elsewhere[0].name },
    };
  }
  if (!API_GROUPS.find((g) => g.name === group.name)?.exhaustive) return undefined;
  const suggestion = closest(resource, group.resources.map((r) => r.name), 2);
  return {
    message: `${groupName(group.name)} has no resource \`${resource}\`, so this entry never matches it.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
    data: suggestion ? { suggestion } : {},
  };
}

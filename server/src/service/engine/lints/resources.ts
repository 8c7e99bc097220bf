// resource-not-in-group and unknown-subresource: a built-in resource named under a built-in group
// that does not serve it, or with a subresource it does not have, matches only requests the server
// refuses (404): the audit filter runs before the handler that refuses them, so they are audited.
// Only what the generated catalogue says is not served at the target version is judged
// (catalogue/apiResources.ts): groups it does not know (CRDs, aggregated APIs) and anything it
// calls unknown are left alone.
import {
  findGroup,
  groupsServing,
  groupStatus,
  resourceStatus,
  servedHistory,
  servedMinors,
  subresourceStatus,
} from '../../catalogue/apiResources';
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
    const group =
      groupNode === null || (groupNode.kind === 'scalar' && groupNode.value === null)
        ? ''
        : groupNode.kind === 'scalar' && typeof groupNode.value === 'string'
          ? groupNode.value
          : undefined;
    if (group === undefined || groupStatus(group, minor) !== 'served') continue;
    for (const { node: item, value, index: i } of view.strings('resources')) {
      const shape = patternShape(value);
      const resource = shape.kind === 'exact' ? shape.resource : shape.kind === 'anySub' ? shape.resource : undefined;
      if (resource === undefined || value.trim() !== value) continue;
      const path = `resources[${index}].resources[${i}]`;
      const status = resourceStatus(group, resource, minor);
      if (status === 'not-served') {
        const finding = notInGroup(group, resource, minor);
        out.push({ code: 'resource-not-in-group', start: item.start, end: item.end, path, ...finding });
        continue;
      }
      if (status !== 'served' || shape.kind !== 'exact' || shape.sub === '') continue;
      if (subresourceStatus(group, resource, shape.sub, minor) !== 'not-served') continue;
      const served = findGroup(group, minor)?.resources.find((r) => r.name === resource)?.subresources ?? [];
      const suggestion = closest(shape.sub, served, 2);
      const has = served.length > 0 ? `its subresources are ${served.join(', ')}` : 'it has no subresources';
      out.push({
        code: 'unknown-subresource',
        start: item.start,
        end: item.end,
        path,
        message: `\`${resource}\` has no subresource \`${shape.sub}\` in Kubernetes ${formatMinor(minor)} (${has}), so \`${value}\` matches only requests the server refuses (it audits them all the same).${suggestion ? ` Did you mean \`${resource}/${suggestion}\`?` : ''}`,
        data: suggestion ? { suggestion: `${resource}/${suggestion}` } : {},
      });
    }
  }
  return out;
}

function notInGroup(
  group: string,
  resource: string,
  minor: number,
): { message: string; data: Record<string, unknown> } {
  const elsewhere = groupsServing(resource, minor).filter((g) => g.name !== group);
  const move = elsewhere.length > 0 ? ` It is served by ${elsewhere.map((g) => groupName(g.name)).join(' and ')}.` : '';
  const data = elsewhere.length > 0 ? { group: elsewhere[0].name } : {};
  if (servedMinors(group, resource).length > 0) {
    const when = servedHistory(group, resource, minor);
    return {
      message: `Kubernetes ${formatMinor(minor)} does not serve \`${resource}\` in ${groupName(group)} (${when}), so this entry matches only requests the server refuses (it audits them all the same).${move}`,
      data,
    };
  }
  if (elsewhere.length > 0) {
    return {
      message: `\`${resource}\` is not in ${groupName(group)}: it is served by ${elsewhere.map((g) => groupName(g.name)).join(' and ')}, so this entry matches only requests the server refuses (it audits them all the same).`,
      data,
    };
  }
  const suggestion = closest(resource, findGroup(group, minor)?.resources.map((r) => r.name) ?? [], 2);
  return {
    message: `${groupName(group)} has no resource \`${resource}\` in Kubernetes ${formatMinor(minor)}, so this entry matches only requests the server refuses (it audits them all the same).${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
    data: suggestion ? { suggestion } : {},
  };
}

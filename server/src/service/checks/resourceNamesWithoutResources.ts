// resource-names-without-resources: validation.go validateResources, `using resourceNames
// requires at least one resource`.
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteList } from '../decode/nodeText';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

export const checkResourceNamesWithoutResources: RuleCheck = (node) => {
  const rule = FieldsView.of(node);
  if (!rule) return [];
  const out: Finding[] = [];
  for (const { view, index } of rule.groupResources()) {
    if (!view || !view.hasItems('resourceNames') || view.hasItems('resources')) continue;
    const key = view.pair('resourceNames')!.key;
    const names = view.strings('resourceNames').map((s) => s.value);
    out.push({
      code: 'resource-names-without-resources',
      start: key.start,
      end: key.end,
      path: `resources[${index}].resourceNames`,
      message: `${REFUSE} {rule}.resources.resourceNames: Invalid value: ${quoteList(names)}: using resourceNames requires at least one resource.`,
    });
  }
  return out;
};

// mixed-resources-and-urls: validation.go validateRule (check 9), `rules cannot apply to both
// regular resources and non-resource URLs`. `namespaces: [""]` counts as non-empty.
import { FieldsView } from '../decode/fields';
import { quoteList } from '../decode/nodeText';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

export const checkMixedResourcesAndUrls: RuleCheck = (node) => {
  const rule = FieldsView.of(node);
  if (!rule || !rule.hasItems('nonResourceURLs') || !(rule.hasItems('resources') || rule.hasItems('namespaces')))
    return [];
  const key = rule.pair('nonResourceURLs')!.key;
  const urls = rule.strings('nonResourceURLs').map((s) => s.value);
  return [
    {
      code: 'mixed-resources-and-urls',
      start: key.start,
      end: key.end,
      path: 'nonResourceURLs',
      message: `${REFUSE} {rule}.nonResourceURLs: Invalid value: ${quoteList(urls)}: rules cannot apply to both regular resources and non-resource URLs. Split it into two rules.`,
    },
  ];
};

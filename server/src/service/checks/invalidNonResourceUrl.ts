// invalid-non-resource-url: validation.go validateNonResourceURLs (checks 4 and 5): a URL must
// begin with '/' and may have '*' only as its last character; the single URL `*` skips both.
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteShort } from '../decode/nodeText';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

export const checkInvalidNonResourceUrl: RuleCheck = (node) => {
  const rule = FieldsView.of(node);
  if (!rule) return [];
  const out: Finding[] = [];
  for (const { node: item, value, index } of rule.strings('nonResourceURLs')) {
    if (value === '*') continue;
    const problems: string[] = [];
    if (!value.startsWith('/')) problems.push("non-resource URL rules must begin with a '/' character");
    const star = value.indexOf('*');
    if (value.length > 0 && star !== -1 && star !== value.length - 1)
      problems.push("non-resource URL wildcards '*' must be the final character of the rule");
    if (problems.length === 0) continue;
    out.push({
      code: 'invalid-non-resource-url',
      start: item.start,
      end: item.end,
      path: `nonResourceURLs[${index}]`,
      message: `${REFUSE} ${problems.map((p) => `{rule}.nonResourceURLs[${index}]: Invalid value: ${quoteShort(value)}: ${p}`).join('; ')}.`,
      data:
        !value.startsWith('/') && value.trim().length > 0 ? { suggestion: `/${value.trim().replace(/^\/*/, '')}` } : {},
    });
  }
  return out;
};

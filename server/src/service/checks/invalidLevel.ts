// invalid-level: validation.go validateLevel, `Unsupported value` for a level that is not one of
// the four (case-sensitive).
import { LEVEL_NAMES } from '../catalogue/values';
import { FieldsView } from '../decode/fields';
import { quoteShort } from '../decode/nodeText';
import { closest } from '../text/suggest';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

export const checkInvalidLevel: RuleCheck = (node) => {
  const value = FieldsView.of(node)?.value('level');
  if (
    !value ||
    value.kind !== 'scalar' ||
    typeof value.value !== 'string' ||
    value.value === '' ||
    LEVEL_NAMES.includes(value.value)
  )
    return [];
  const suggestion = closest(value.value.trim(), LEVEL_NAMES, 4);
  return [
    {
      code: 'invalid-level',
      start: value.start,
      end: value.end,
      path: 'level',
      message: `${REFUSE} {rule}.level: Unsupported value: ${quoteShort(value.value)}: supported values: ${LEVEL_NAMES.map((l) => `"${l}"`).join(', ')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      data: suggestion ? { suggestion } : {},
    },
  ];
};

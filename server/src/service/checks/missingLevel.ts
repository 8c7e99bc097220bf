// missing-level: validation.go validateLevel, `rules[i].level: Required value`. A null rule item
// decodes as an empty rule, so it has no level either.
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { isNull } from '../decode/nodeText';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

export const checkMissingLevel: RuleCheck = (node) => {
  if (isNull(node)) return [missingLevel(node.start, node.end)];
  const rule = FieldsView.of(node);
  if (!rule) return []; // reported as wrong-type by the structure check
  const value = rule.pair('level')?.value;
  if (value && !(value.kind === 'scalar' && (value.value === null || value.value === ''))) return [];
  const first = rule.map.pairs[0]?.key ?? rule.map;
  return [missingLevel(first.start, first.end)];
};

function missingLevel(start: number, end: number): Finding {
  return {
    code: 'missing-level',
    start,
    end,
    path: 'level',
    message: `${REFUSE} {rule}.level: Required value. Every rule needs a level: None, Metadata, Request or RequestResponse.`,
  };
}

// no-rules: the loader refuses a policy with no rules (reader.go, "loaded illegal policy with 0
// rules"). Rules of the wrong type are wrong-type instead.
import { isNull } from '../decode/nodeText';
import { findPair } from '../parse/model';
import { REFUSE } from './check';
import type { DocumentCheck } from './check';

export const checkNoRules: DocumentCheck = (parsed) => {
  const root = parsed.root;
  if (!root || root.kind !== 'map') return [];
  const pair = findPair(root, 'rules');
  if (pair?.value && pair.value.kind !== 'seq' && !isNull(pair.value)) return [];
  if (parsed.rules.length > 0) return [];
  const at = pair?.key ?? root.pairs[0]?.key ?? root;
  return [
    {
      code: 'no-rules',
      start: at.start,
      end: at.end,
      path: 'rules',
      message: `${REFUSE} loaded illegal policy with 0 rules. Add at least one rule, such as a catch-all \`- level: Metadata\`.`,
    },
  ];
};

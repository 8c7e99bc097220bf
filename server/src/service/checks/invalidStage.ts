// invalid-stage: validation.go validateOmitStages, for the policy's omitStages and each rule's.
import { STAGE_NAMES } from '../catalogue/values';
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteShort } from '../decode/nodeText';
import { closest } from '../text/suggest';
import { REFUSE } from './check';
import type { DocumentCheck, RuleCheck } from './check';

export const checkRuleStages: RuleCheck = (node) => {
  const rule = FieldsView.of(node);
  return rule ? invalidStages(rule, '{rule}.') : [];
};

export const checkPolicyStages: DocumentCheck = (parsed) => {
  const policy = parsed.root && FieldsView.of(parsed.root);
  return policy ? invalidStages(policy, '') : [];
};

/** `owner` begins the field path in the message as kube-apiserver prints it: `rules[i].` for a rule
 *  (validatePolicyRule passes `rules[i].omitStages`), nothing for the policy's own list. */
function invalidStages(fields: FieldsView, owner: string): Finding[] {
  const out: Finding[] = [];
  for (const { node, value, index } of fields.strings('omitStages')) {
    if (STAGE_NAMES.includes(value)) continue;
    const suggestion = closest(value.trim(), STAGE_NAMES, 4);
    out.push({
      code: 'invalid-stage',
      start: node.start,
      end: node.end,
      path: `omitStages[${index}]`,
      message: `${REFUSE} ${owner}omitStages[${index}]: Invalid value: ${quoteShort(value)}: allowed stages are ${STAGE_NAMES.join(',')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      data: suggestion ? { suggestion } : {},
    });
  }
  return out;
}

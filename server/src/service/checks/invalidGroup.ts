// invalid-group: validation.go validateResources, a group must be a DNS-1123 subdomain (or empty
// for the core group); `*` is accepted from Kubernetes 1.36.
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteShort } from '../decode/nodeText';
import { REFUSE } from './check';
import type { RuleCheck } from './check';

// DNS-1123 subdomain (apimachinery pkg/util/validation IsDNS1123Subdomain).
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export const checkInvalidGroup: RuleCheck = (node, minor) => {
  const rule = FieldsView.of(node);
  if (!rule) return [];
  const out: Finding[] = [];
  for (const { view, index } of rule.groupResources()) {
    const group = view?.value('group');
    if (!group || group.kind !== 'scalar' || typeof group.value !== 'string') continue;
    const problem = groupProblem(group.value, minor);
    if (!problem) continue;
    const fixed = group.value.split('/')[0].trim().toLowerCase();
    out.push({
      code: 'invalid-group',
      start: group.start,
      end: group.end,
      path: `resources[${index}].group`,
      message: `${REFUSE} {rule}.resources.group: Invalid value: ${quoteShort(group.value)}: ${problem}`,
      data: fixed !== group.value && (fixed === '' || DNS1123_SUBDOMAIN.test(fixed)) ? { suggestion: fixed } : {},
    });
  }
  return out;
};

function groupProblem(group: string, minor: number): string | undefined {
  if (group === '') return undefined;
  if (group === '*') {
    return minor >= VERSION_FACTS.wildcardGroupMinor
      ? undefined
      : `${DNS1123_MESSAGE}. The group "*" is accepted from Kubernetes ${formatMinor(VERSION_FACTS.wildcardGroupMinor)}; this policy targets ${formatMinor(minor)}.`;
  }
  const problems: string[] = [];
  if (group.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(group)) problems.push(DNS1123_MESSAGE);
  if (problems.length === 0) return undefined;
  const hint = group.includes('/') ? ' A group is named without its version: `apps`, not `apps/v1`.' : '';
  return `${problems.join(', ')}.${hint}`;
}

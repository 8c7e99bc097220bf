// The first rule that matches a request, as a yes/no per rule: the engine's `mismatch` explains
// each miss in words, which replay does not need a million times over. The checks and their order
// are kube-apiserver's checker.go ruleMatches, with the engine's own resource and path tests.
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { groupResourcesMatch, pathMatches } from '../engine/match';
import type { RequestAttributes } from '../engine/request';

/**
 * `wildcardGroup`: whether `group: "*"` matches every group, as the checker does from 1.36
 * (k/k ea3bfd9e); before, ruleMatchesResource compares the group as written (`gr.Group != apiGroup`),
 * so `*` matches no request (and validation refuses such a policy anyway).
 */
export function ruleMatches(rule: DecodedRule, req: RequestAttributes, wildcardGroup = true): boolean {
  if (rule.users.length > 0 && (req.user === undefined || !rule.users.includes(req.user))) return false;
  if (rule.userGroups.length > 0 && (req.user === undefined || !req.groups.some((g) => rule.userGroups.includes(g))))
    return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(req.verb)) return false;
  if (rule.namespaces.length > 0 || rule.resources.length > 0) {
    if (!req.resourceRequest) return false;
    if (rule.namespaces.length > 0 && !rule.namespaces.includes(req.namespace)) return false;
    return rule.resources.length === 0 || rule.resources.some((gr) => entryMatches(gr, req, wildcardGroup));
  }
  if (rule.nonResourceURLs.length > 0)
    return !req.resourceRequest && rule.nonResourceURLs.some((spec) => pathMatches(req.path, spec));
  return true;
}

function entryMatches(gr: DecodedGroupResources, req: RequestAttributes, wildcardGroup: boolean): boolean {
  if (!wildcardGroup && gr.group === '*' && req.apiGroup !== '*') return false;
  return groupResourcesMatch(gr, req);
}

/** Index of the first matching rule, or -1 (level None). */
export function firstMatch(rules: readonly DecodedRule[], req: RequestAttributes, wildcardGroup = true): number {
  for (let i = 0; i < rules.length; i++) if (ruleMatches(rules[i], req, wildcardGroup)) return i;
  return -1;
}

// Does a rule match every, some or none of the requests that agree with a partly chosen request?
// The same selectors as checker.go (see engine/match.ts), answered for attributes not yet chosen:
// NO and YES must be certain; MAYBE only means "not decided yet", and becomes YES or NO once every
// attribute the rule reads is chosen (then the engine's own match functions answer).
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { targetOf } from '../decode/decode';
import { groupMatches, pathMatches, resourcePatternMatches } from '../engine/match';
import type { RequestKind } from './cell';

export const NO = 0;
export const MAYBE = 1;
export const YES = 2;
export type Tri = typeof NO | typeof MAYBE | typeof YES;

/** A request with some attributes chosen. `user: null` is a request without an authenticated user. */
export interface PartialRequest {
  kind?: RequestKind;
  user?: string | null;
  groups: Map<string, boolean>;
  verb?: string;
  namespace?: string;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  name?: string;
  path?: string;
}

const all = (...values: Tri[]): Tri => Math.min(...values) as Tri;

function listed(values: readonly string[], value: string | undefined): Tri {
  if (values.length === 0) return YES;
  if (value === undefined) return MAYBE;
  return values.includes(value) ? YES : NO;
}

export function ruleStatus(rule: DecodedRule, p: PartialRequest): Tri {
  let users: Tri = YES;
  if (rule.users.length > 0) users = p.user === undefined ? MAYBE : p.user === null ? NO : listed(rule.users, p.user);
  if (users === NO) return NO;
  const groups = groupsStatus(rule.userGroups, p);
  if (groups === NO) return NO;
  const verbs = listed(rule.verbs, p.verb);
  if (verbs === NO) return NO;
  return all(users, groups, verbs, targetStatus(rule, p));
}

export function groupsStatus(userGroups: readonly string[], p: PartialRequest): Tri {
  if (userGroups.length === 0) return YES;
  if (p.user === null) return NO;
  if (userGroups.some((g) => p.groups.get(g) === true)) return YES;
  if (p.user !== undefined && userGroups.every((g) => p.groups.get(g) === false)) return NO;
  return MAYBE;
}

function targetStatus(rule: DecodedRule, p: PartialRequest): Tri {
  const target = targetOf(rule);
  if (target === 'any') return YES;
  if (p.kind === undefined) return MAYBE;
  if (target === 'nonResource') {
    if (p.kind !== 'nonResource') return NO;
    if (p.path === undefined) return MAYBE;
    return rule.nonResourceURLs.some((spec) => pathMatches(p.path!, spec)) ? YES : NO;
  }
  if (p.kind !== 'resource') return NO;
  const namespaces = listed(rule.namespaces, p.namespace);
  if (namespaces === NO || rule.resources.length === 0) return namespaces;
  let best: Tri = NO;
  for (const entry of rule.resources) {
    const s = entryStatus(entry, p);
    if (s > best) best = s;
    if (best === YES) break;
  }
  return all(namespaces, best);
}

export function entryStatus(gr: DecodedGroupResources, p: PartialRequest): Tri {
  const group: Tri =
    gr.group === '*' ? YES : p.apiGroup === undefined ? MAYBE : groupMatches(gr.group, p.apiGroup) ? YES : NO;
  if (group === NO || gr.resources.length === 0) return group;
  const names = listed(gr.resourceNames, p.name);
  if (names === NO) return NO;
  let patterns: Tri = NO;
  for (const pattern of gr.resources) {
    const s = patternStatus(pattern, p.resource, p.subresource);
    if (s > patterns) patterns = s;
    if (patterns === YES) break;
  }
  return all(group, names, patterns);
}

function patternStatus(pattern: string, resource: string | undefined, subresource: string | undefined): Tri {
  if (pattern === '*') return YES;
  if (resource === undefined) return MAYBE;
  if (subresource === undefined) {
    // `pods/*` matches pods and each of its subresources; other patterns need the subresource.
    if (pattern.endsWith('/*') && pattern.slice(0, -2) === resource) return YES;
    return pattern === resource || pattern.startsWith(`${resource}/`) || pattern.startsWith('*/') ? MAYBE : NO;
  }
  return resourcePatternMatches(pattern, resource, subresource) ? YES : NO;
}

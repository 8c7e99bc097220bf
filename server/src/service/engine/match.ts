// Does a rule match a request? The same checks in the same order as kube-apiserver's
// k8s.io/apiserver pkg/audit/policy/checker.go (ruleMatches, ruleMatchesResource,
// ruleMatchesNonResource, pathMatches), returning the first selector that fails, so that an
// explanation can say why each earlier rule was passed over.
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import type { RequestAttributes } from './request';

export type Selector =
  | 'users'
  | 'userGroups'
  | 'verbs'
  | 'resourceRequest'
  | 'namespaces'
  | 'resources'
  | 'nonResourceRequest'
  | 'nonResourceURLs';

export interface Mismatch {
  /** The rule field that did not match (`resourceRequest`: the rule wants a resource request). */
  readonly field: Selector;
  readonly reason: string;
}

const list = (values: readonly string[]): string => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** undefined when the rule matches; else the first selector that does not. */
export function mismatch(rule: DecodedRule, req: RequestAttributes): Mismatch | undefined {
  if (rule.users.length > 0) {
    if (req.user === undefined)
      return {
        field: 'users',
        reason: `the request has no authenticated user, and the rule lists users ${list(rule.users)}`,
      };
    if (!rule.users.includes(req.user))
      return { field: 'users', reason: `user ${JSON.stringify(req.user)} is not in users ${list(rule.users)}` };
  }
  if (rule.userGroups.length > 0) {
    if (req.user === undefined)
      return {
        field: 'userGroups',
        reason: `the request has no authenticated user, and the rule lists userGroups ${list(rule.userGroups)}`,
      };
    if (!req.groups.some((g) => rule.userGroups.includes(g))) {
      return {
        field: 'userGroups',
        reason: `none of the user's groups ${list(req.groups)} is in userGroups ${list(rule.userGroups)}`,
      };
    }
  }
  if (rule.verbs.length > 0 && !rule.verbs.includes(req.verb))
    return { field: 'verbs', reason: `verb ${JSON.stringify(req.verb)} is not in verbs ${list(rule.verbs)}` };
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return resourceMismatch(rule, req);
  if (rule.nonResourceURLs.length > 0) {
    if (req.resourceRequest)
      return { field: 'nonResourceRequest', reason: 'a resource request, and the rule has only nonResourceURLs' };
    if (!rule.nonResourceURLs.some((spec) => pathMatches(req.path, spec)))
      return {
        field: 'nonResourceURLs',
        reason: `path ${JSON.stringify(req.path)} matches none of nonResourceURLs ${list(rule.nonResourceURLs)}`,
      };
  }
  return undefined;
}

export function matches(rule: DecodedRule, req: RequestAttributes): boolean {
  return mismatch(rule, req) === undefined;
}

function resourceMismatch(rule: DecodedRule, req: RequestAttributes): Mismatch | undefined {
  if (!req.resourceRequest)
    return {
      field: 'resourceRequest',
      reason: `a non-resource request (${req.path}), and the rule has ${rule.resources.length > 0 ? 'resources' : 'namespaces'}`,
    };
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(req.namespace)) {
    const ns = req.namespace === '' ? '"" (cluster-scoped or all namespaces)' : JSON.stringify(req.namespace);
    return { field: 'namespaces', reason: `namespace ${ns} is not in namespaces ${list(rule.namespaces)}` };
  }
  if (rule.resources.length === 0) return undefined;
  if (rule.resources.some((gr) => groupResourcesMatch(gr, req))) return undefined;
  const what = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const group = req.apiGroup === '' ? 'the core group ""' : `group ${JSON.stringify(req.apiGroup)}`;
  return {
    field: 'resources',
    reason: `${what}${req.name ? ` named ${JSON.stringify(req.name)}` : ''} in ${group} matches no entry of resources`,
  };
}

export function groupMatches(ruleGroup: string, apiGroup: string): boolean {
  // `*` matches every group from Kubernetes 1.36 (k/k ea3bfd9e); older servers refuse it in validation.
  return ruleGroup === apiGroup || ruleGroup === '*';
}

export function groupResourcesMatch(
  gr: DecodedGroupResources,
  req: Pick<RequestAttributes, 'apiGroup' | 'resource' | 'subresource' | 'name'>,
): boolean {
  if (!groupMatches(gr.group, req.apiGroup)) return false;
  if (gr.resources.length === 0) return true;
  // resourceNames is checked per resource entry, before the resource itself; a request without a
  // name compares "" with the names.
  if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(req.name)) return false;
  return gr.resources.some((pattern) => resourcePatternMatches(pattern, req.resource, req.subresource));
}

/** One `resources` entry against a request's resource and subresource (checker.go ruleMatchesResource). */
export function resourcePatternMatches(pattern: string, resource: string, subresource: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  if (pattern === combined || pattern === '*') return true;
  if (subresource.length > 0 && pattern.startsWith('*/') && subresource === pattern.slice(2)) return true;
  // `pods/*` checks only the base resource, so it matches plain `pods` as well.
  if (pattern.endsWith('/*') && resource === pattern.slice(0, -2)) return true;
  return false;
}

/** checker.go pathMatches: `*`, exact, or a plain string prefix before trailing `*`s. */
export function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  return spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''));
}

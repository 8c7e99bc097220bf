// Does rule A match every request rule B matches? If so, B placed after A can never apply.
// Every answer must be provable from the two rules alone: `true` only when each selector of A is
// at least as broad as B's, in the checker's own semantics (checker.go). Anything we cannot
// prove, such as which groups a user belongs to, answers `false`.
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { targetOf } from '../decode/decode';
import { resourcePatternMatches } from './match';

/** Whether every request matched by `b` is matched by `a`. */
export function subsumes(a: DecodedRule, b: DecodedRule): boolean {
  return (
    listCovers(a.users, b.users) &&
    listCovers(a.userGroups, b.userGroups) &&
    listCovers(a.verbs, b.verbs) &&
    targetCovers(a, b)
  );
}

/** An empty list accepts everything; a non-empty one only its items. A's users must include all of
 *  B's. For userGroups the same test is sound: a user in one of B's groups is in one of A's. */
function listCovers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0) return true;
  if (b.length === 0) return false;
  return b.every((x) => a.includes(x));
}

function targetCovers(a: DecodedRule, b: DecodedRule): boolean {
  const ta = targetOf(a);
  if (ta === 'any') return true;
  const tb = targetOf(b);
  if (ta !== tb) return false;
  if (ta === 'nonResource')
    return b.nonResourceURLs.every((spec) => a.nonResourceURLs.some((broad) => urlCovers(broad, spec)));
  if (!listCovers(a.namespaces, b.namespaces)) return false;
  if (a.resources.length === 0) return true;
  if (b.resources.length === 0) return a.resources.some(coversEverything);
  return b.resources.every((entry) => entryCovered(a.resources, entry));
}

/** checker.go pathMatches: the spec `*`, an exact path, or a plain prefix before trailing `*`s. */
function urlCovers(broad: string, spec: string): boolean {
  if (broad === '*' || broad === spec) return true;
  if (spec === '*' || !broad.endsWith('*')) return false;
  // Every path spec matches starts with spec minus its trailing `*`s (or is spec itself).
  return spec.replace(/\*+$/, '').startsWith(broad.replace(/\*+$/, ''));
}

/** `{group: "*"}` with no resources, or with `*` and no names: every resource request. */
function coversEverything(gr: DecodedGroupResources): boolean {
  return (
    gr.group === '*' && (gr.resources.length === 0 || (gr.resourceNames.length === 0 && gr.resources.includes('*')))
  );
}

/** Each resource of B's entry (with B's names) must be matched by some entry of A. */
function entryCovered(a: readonly DecodedGroupResources[], b: DecodedGroupResources): boolean {
  if (b.resources.length === 0) {
    // The whole group, names ignored (checker.go returns before looking at resourceNames).
    return a.some(
      (gr) =>
        groupCovers(gr.group, b.group) &&
        (gr.resources.length === 0 || (gr.resourceNames.length === 0 && gr.resources.includes('*'))),
    );
  }
  return b.resources.every((pattern) =>
    a.some(
      (gr) =>
        groupCovers(gr.group, b.group) &&
        namesCover(gr, b) &&
        (gr.resources.length === 0 || gr.resources.some((broad) => patternCovers(broad, pattern))),
    ),
  );
}

function groupCovers(broad: string, group: string): boolean {
  return broad === '*' || broad === group;
}

function namesCover(a: DecodedGroupResources, b: DecodedGroupResources): boolean {
  if (a.resources.length === 0 || a.resourceNames.length === 0) return true;
  return b.resourceNames.length > 0 && b.resourceNames.every((n) => a.resourceNames.includes(n));
}

type PatternShape =
  | { kind: 'all' } // *
  | { kind: 'exact'; resource: string; sub: string } // pods, pods/log: no `*` at all
  | { kind: 'anySub'; resource: string } // pods/*: pods and every subresource of pods
  | { kind: 'subOfAll'; sub: string } // */scale: that subresource of every resource
  | { kind: 'literal' }; // po*, */*, pods/l*: compared as written

export function patternShape(pattern: string): PatternShape {
  if (pattern === '*') return { kind: 'all' };
  if (!pattern.includes('*')) {
    const slash = pattern.indexOf('/');
    return slash === -1
      ? { kind: 'exact', resource: pattern, sub: '' }
      : { kind: 'exact', resource: pattern.slice(0, slash), sub: pattern.slice(slash + 1) };
  }
  const body = pattern.slice(0, -2);
  if (pattern.endsWith('/*') && body !== '' && !body.includes('*') && !body.includes('/'))
    return { kind: 'anySub', resource: body };
  const sub = pattern.slice(2);
  if (pattern.startsWith('*/') && sub !== '' && !sub.includes('*') && !sub.includes('/'))
    return { kind: 'subOfAll', sub };
  return { kind: 'literal' };
}

/** Whether the resource pattern `broad` matches every (resource, subresource) that `narrow` matches. */
export function patternCovers(broad: string, narrow: string): boolean {
  if (broad === narrow || broad === '*') return true;
  const n = patternShape(narrow);
  if (n.kind === 'exact') {
    // A literal pattern matches at most this one pair: ask the checker's own function about it.
    return !n.sub.includes('/') && n.resource !== '' && resourcePatternMatches(broad, n.resource, n.sub);
  }
  const b = patternShape(broad);
  if (n.kind === 'subOfAll') return false; // only `*` (handled above) covers every resource's subresource
  if (n.kind === 'anySub') return b.kind === 'anySub' && b.resource === n.resource;
  return false; // `*` (only `*` covers it) and literal patterns (only the same text covers them)
}

// Which requests carry secret values in their bodies, and whether a rule logs those bodies.
// At level Request the request body is logged, at RequestResponse the response body too (types.go
// Level). For secrets and configmaps the bodies are their data, a TokenReview's request holds the
// bearer token under review, and a serviceaccounts/token response holds a new token.
import { omitsEveryStage } from '../catalogue/values';
import { targetOf } from '../decode/decode';
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';
import { groupMatches, resourcePatternMatches } from './match';

export interface Sensitive {
  readonly group: string;
  readonly resource: string;
  readonly sub: string;
  /** Whether the request body holds the secret (else only the response does). */
  readonly inRequest: boolean;
  /** Served only at its cluster path (installer.go installs no `/namespaces/{ns}/` route for it). */
  readonly clusterScoped?: boolean;
  /** The only verb the resource serves (api/discovery: tokenreviews and serviceaccounts/token serve
   *  `create` alone): a request with another verb is refused before a body is decoded or written. */
  readonly verbs?: readonly string[];
}

export const SENSITIVE: readonly Sensitive[] = [
  { group: '', resource: 'secrets', sub: '', inRequest: true },
  { group: '', resource: 'configmaps', sub: '', inRequest: true },
  {
    group: 'authentication.k8s.io',
    resource: 'tokenreviews',
    sub: '',
    inRequest: true,
    clusterScoped: true,
    verbs: ['create'],
  },
  { group: '', resource: 'serviceaccounts', sub: 'token', inRequest: false, verbs: ['create'] },
];

/** Verbs whose requests carry a body with the object's data. */
const WRITES = ['create', 'update', 'patch'];

export function label(s: Sensitive): string {
  return s.sub ? `${s.resource}/${s.sub}` : s.resource;
}

/** Per SENSITIVE kind: null when the rule does not log such bodies, else the rule narrowed to
 *  those requests (a probe: if an earlier rule covers it, the earlier rule takes them all). */
export function probesOf(rule: DecodedRule): ReadonlyArray<DecodedRule | null> {
  let probes = probeCache.get(rule);
  if (!probes) probeCache.set(rule, (probes = SENSITIVE.map((s) => (logsBody(rule, s) ? narrow(rule, s) : null))));
  return probes;
}

// Probes are kept per compiled rule (itself cached per rule node), so that the coverage index
// finds their summaries again on the next edit.
const probeCache = new WeakMap<DecodedRule, ReadonlyArray<DecodedRule | null>>();

function logsBody(rule: DecodedRule, s: Sensitive): boolean {
  if (!rule.decodable) return false;
  // Every stage omitted by the rule itself: no event at all (records-nothing). Stages the policy
  // omits as well are looked at by sensitiveBodies.ts: the analysis is made of rules alone.
  if (omitsEveryStage(rule.omitStages)) return false;
  if (bodyVerbs(rule, s)?.length === 0) return false;
  if (rule.level === 'RequestResponse') return reaches(rule, s);
  // At Request only the request body is logged, and bodyVerbs kept only the verbs that send one.
  return rule.level === 'Request' && s.inRequest && reaches(rule, s);
}

function reaches(rule: DecodedRule, s: Sensitive): boolean {
  const target = targetOf(rule);
  if (target === 'nonResource') return false;
  // A rule for some namespaces only sees a cluster-scoped resource at a namespaced path, which no
  // handler serves (404): its body is never decoded, so never logged (audit.LogRequestObject is
  // called by the REST handler, endpoints/handlers/create.go, after the body is decoded).
  if (s.clusterScoped && rule.namespaces.length > 0 && !rule.namespaces.includes('')) return false;
  if (target === 'any' || rule.resources.length === 0) return true;
  return matchingEntries(rule, s).length > 0;
}

function matchingEntries(rule: DecodedRule, s: Sensitive): DecodedGroupResources[] {
  return rule.resources.filter(
    (gr) =>
      groupMatches(gr.group, s.group) &&
      (gr.resources.length === 0 || gr.resources.some((p) => resourcePatternMatches(p, s.resource, s.sub))),
  );
}

/** The verbs of the requests whose bodies the rule logs for this kind: those the resource serves,
 *  and at level Request those that send a body (WRITES); undefined for any verb the rule has. */
function bodyVerbs(rule: DecodedRule, s: Sensitive): readonly string[] | undefined {
  const carrying = s.verbs ?? (rule.level === 'Request' ? WRITES : undefined);
  if (carrying === undefined) return undefined;
  return rule.verbs.length === 0 ? carrying : rule.verbs.filter((v) => carrying.includes(v));
}

/** The rule narrowed to this resource and to the verbs whose bodies it logs: every such request the
 *  rule matches, so that an earlier rule that takes them all (`verbs: [create]` for tokenreviews)
 *  is seen to. */
function narrow(rule: DecodedRule, s: Sensitive): DecodedRule {
  const entries = rule.resources.length === 0 ? [] : matchingEntries(rule, s);
  const unnamed =
    entries.length === 0 || entries.some((gr) => gr.resources.length === 0 || gr.resourceNames.length === 0);
  const resourceNames = unnamed ? [] : [...new Set(entries.flatMap((gr) => gr.resourceNames))];
  const verbs = bodyVerbs(rule, s) ?? rule.verbs;
  return { ...rule, verbs, nonResourceURLs: [], resources: [{ group: s.group, resources: [label(s)], resourceNames }] };
}

// sensitive-bodies: at level Request the request body is logged, at RequestResponse the response
// body too (types.go Level). For secrets and configmaps the bodies are their data, a TokenReview's
// request holds the bearer token under review, and a serviceaccounts/token response holds a new
// token. Reported for each rule that can still see such a request, i.e. unless an earlier rule
// provably takes all of them (coverage.ts), as the usual `level: Metadata` rule for secrets does.
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../validate/finding';
import { compileRule, targetOf } from '../compile';
import type { CompiledGroupResources, CompiledRule } from '../compile';
import { CoverageIndex } from '../coverage';
import { groupMatches, resourcePatternMatches } from '../match';
import { readable, ruleAnchor } from './place';

interface Sensitive {
  readonly group: string;
  readonly resource: string;
  readonly sub: string;
  /** Whether the request body holds the secret (else only the response does). */
  readonly inRequest: boolean;
}

const SENSITIVE: readonly Sensitive[] = [
  { group: '', resource: 'secrets', sub: '', inRequest: true },
  { group: '', resource: 'configmaps', sub: '', inRequest: true },
  { group: 'authentication.k8s.io', resource: 'tokenreviews', sub: '', inRequest: true },
  { group: '', resource: 'serviceaccounts', sub: 'token', inRequest: false },
];

/** Verbs whose requests carry a body with the object's data. */
const WRITES = ['create', 'update', 'patch'];

export function checkSensitiveBodies(parsed: ParsedPolicy): Finding[] {
  if (!readable(parsed)) return [];
  const rules = parsed.rules.map((r) => compileRule(r.node));
  const index = new CoverageIndex(rules);
  const out: Finding[] = [];
  rules.forEach((rule, i) => {
    const exposed = rule.decodable ? SENSITIVE.filter((s) => logsBody(rule, s) && index.coveringRule(probe(rule, s)) === undefined) : [];
    index.add(i);
    if (exposed.length === 0) return;
    const names = exposed.map(label);
    out.push({
      code: 'sensitive-bodies',
      ...ruleAnchor(parsed, i),
      path: `rules[${i}].level`,
      message: `At level ${rule.level} this rule writes the ${rule.level === 'Request' ? 'request bodies' : 'request and response bodies'} of ${names.join(', ')} into the audit log, and with them secret values. Put a \`level: Metadata\` rule for ${names.length === 1 ? 'it' : 'them'} above this one.`,
      data: { resources: names },
    });
  });
  return out;
}

function label(s: Sensitive): string {
  return s.sub ? `${s.resource}/${s.sub}` : s.resource;
}

function logsBody(rule: CompiledRule, s: Sensitive): boolean {
  if (rule.level === 'RequestResponse') return reaches(rule, s);
  if (rule.level !== 'Request' || !s.inRequest) return false;
  return (rule.verbs.length === 0 || rule.verbs.some((v) => WRITES.includes(v))) && reaches(rule, s);
}

function reaches(rule: CompiledRule, s: Sensitive): boolean {
  const target = targetOf(rule);
  if (target === 'nonResource') return false;
  if (target === 'any' || rule.resources.length === 0) return true;
  return matchingEntries(rule, s).length > 0;
}

function matchingEntries(rule: CompiledRule, s: Sensitive): CompiledGroupResources[] {
  return rule.resources.filter((gr) => groupMatches(gr.group, s.group) && (gr.resources.length === 0 || gr.resources.some((p) => resourcePatternMatches(p, s.resource, s.sub))));
}

// Probes are cached per compiled rule (itself cached per rule text), so that the coverage index
// finds their summaries again on the next edit.
const probes = new WeakMap<CompiledRule, Map<Sensitive, CompiledRule>>();

function probe(rule: CompiledRule, s: Sensitive): CompiledRule {
  let forRule = probes.get(rule);
  if (!forRule) probes.set(rule, (forRule = new Map()));
  let p = forRule.get(s);
  if (!p) forRule.set(s, (p = narrow(rule, s)));
  return p;
}

/** The rule narrowed to this resource: at least every such request the rule matches. */
function narrow(rule: CompiledRule, s: Sensitive): CompiledRule {
  const entries = rule.resources.length === 0 ? [] : matchingEntries(rule, s);
  const unnamed = entries.length === 0 || entries.some((gr) => gr.resources.length === 0 || gr.resourceNames.length === 0);
  const resourceNames = unnamed ? [] : [...new Set(entries.flatMap((gr) => gr.resourceNames))];
  return { ...rule, nonResourceURLs: [], resources: [{ group: s.group, resources: [label(s)], resourceNames }] };
}

// What a rule does, in words: a sentence for hover ("Records request and response bodies of
// delete requests for the pod webapp-pod in namespace prod-namespace; no event at stage
// RequestReceived") and a short line for the outline ("RequestResponse: delete
// pods/webapp-pod in prod-namespace"). Both read the rule as kube-apiserver decodes it.
import { findGroup } from '../catalogue/apiResources';
import { LEVEL_NAMES } from '../catalogue/values';
import { NEWEST_MINOR } from '../catalogue/versions';
import type { Node } from '../parse/model';
import { decodeRule } from '../decode/decode';
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';

const LEVEL_PHRASES: Record<string, string> = {
  None: 'Does not record',
  Metadata: 'Records the metadata of',
  Request: 'Records the metadata and request bodies of',
  RequestResponse: 'Records request and response bodies of',
};

const trimmed = (values: readonly string[]): string[] => values.map((v) => v.trim());

/** The rule as kube-apiserver decodes it (the engine's decodeRule), trimmed for display, with the
 *  policy's omitted stages added to its own. */
function factsOf(rule: Node, policyStages: readonly string[]): DecodedRule | undefined {
  if (rule.kind !== 'map') return undefined;
  const r = decodeRule(rule);
  return {
    ...r,
    verbs: trimmed(r.verbs),
    users: trimmed(r.users),
    userGroups: trimmed(r.userGroups),
    namespaces: trimmed(r.namespaces),
    nonResourceURLs: trimmed(r.nonResourceURLs),
    resources: r.resources.map((gr) => ({ group: gr.group.trim(), resources: trimmed(gr.resources), resourceNames: trimmed(gr.resourceNames) })),
    omitStages: [...new Set([...policyStages, ...trimmed(r.omitStages)])],
  };
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function entryPhrase(entry: DecodedGroupResources): string {
  const inGroup = entry.group === '' ? '' : entry.group === '*' ? ' of every API group' : ` in group ${entry.group}`;
  if (entry.resources.length === 0) return `every resource${inGroup || ' of the core group'}`;
  if (entry.resourceNames.length === 1 && entry.resources.length === 1 && !entry.resources[0].includes('/') && !entry.resources[0].includes('*')) {
    const kind = findGroup(entry.group, NEWEST_MINOR)?.resources.find((r) => r.name === entry.resources[0])?.kind;
    if (kind) return `the ${kind.toLowerCase()} ${entry.resourceNames[0]}${inGroup}`;
  }
  const named = entry.resourceNames.length > 0 ? ` named ${andList(entry.resourceNames)}` : '';
  return `${andList(entry.resources)}${named}${inGroup}`;
}

function namespacePhrase(namespaces: readonly string[]): string {
  const shown = namespaces.map((n) => (n === '' ? 'no namespace (cluster-scoped)' : n));
  return namespaces.length === 1 && namespaces[0] !== '' ? ` in namespace ${shown[0]}` : ` in ${namespaces.length === 1 ? '' : 'namespaces '}${andList(shown)}`;
}

/** The sentence shown on hover. */
export function describeRule(rule: Node, policyStages: readonly string[] = []): string {
  const f = factsOf(rule, policyStages);
  if (!f) return 'This rule is not a mapping of fields; kube-apiserver refuses it.';
  const head = LEVEL_NAMES.includes(f.level) ? (LEVEL_PHRASES[f.level] as string) : 'Has no valid level, so kube-apiserver refuses the policy; it would match';
  let text = `${head} ${f.verbs.length > 0 ? andList(f.verbs) : 'all'} requests`;
  if (f.resources.length > 0) text += ` for ${f.resources.map(entryPhrase).join('; and for ')}`;
  if (f.nonResourceURLs.length > 0) text += ` to ${andList(f.nonResourceURLs)}`;
  if (f.namespaces.length > 0) text += namespacePhrase(f.namespaces);
  if (f.users.length > 0) text += ` by ${andList(f.users)}`;
  if (f.userGroups.length > 0) text += `${f.users.length > 0 ? ' or' : ' by'} members of ${andList(f.userGroups)}`;
  if (f.level !== 'None' && f.omitStages.length > 0) text += `; no event at stage${f.omitStages.length > 1 ? 's' : ''} ${andList(f.omitStages)}`;
  if (f.level !== 'None' && f.omitManagedFields !== undefined) text += f.omitManagedFields ? '; managed fields are dropped' : '; managed fields are kept';
  return text;
}

const SHORT_MAX = 100;

/** The line shown in the outline, after the rule's number. */
export function shortSummary(rule: Node): string {
  const f = factsOf(rule, []);
  if (!f) return '(not a mapping)';
  const parts: string[] = [];
  if (f.verbs.length > 0) parts.push(f.verbs.join(', '));
  const targets = f.resources.flatMap((e) => {
    const suffix = e.group === '' ? '' : ` (${e.group})`;
    const rs = e.resources.length > 0 ? e.resources : ['*'];
    return rs.flatMap((r) => (e.resourceNames.length > 0 ? e.resourceNames.map((n) => `${r}/${n}`) : [r])).map((t) => t + suffix);
  });
  if (targets.length > 0) parts.push(targets.join(', '));
  if (f.nonResourceURLs.length > 0) parts.push(f.nonResourceURLs.join(', '));
  if (f.namespaces.length > 0) parts.push(`in ${f.namespaces.map((n) => (n === '' ? '""' : n)).join(', ')}`);
  const who = [...f.users, ...f.userGroups];
  if (who.length > 0) parts.push(`by ${who.join(', ')}`);
  const text = `${f.level || '(no level)'}: ${parts.length > 0 ? parts.join(' ') : 'everything'}`;
  return text.length > SHORT_MAX ? `${text.slice(0, SHORT_MAX - 1)}…` : text;
}

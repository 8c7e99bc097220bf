// What a rule does, in words: a sentence for hover ("Records request and response bodies of
// delete requests for the pod webapp-pod in namespace prod-namespace; no event at stage
// RequestReceived") and a short line for the outline ("RequestResponse: delete
// pods/webapp-pod in prod-namespace"). Both read the rule as kube-apiserver decodes it.
import { findGroup } from '../catalogue/apiResources';
import { LEVEL_NAMES } from '../catalogue/values';
import { NEWEST_MINOR } from '../catalogue/versions';
import type { Node } from '../parse/model';
import { compileRule } from '../engine/compile';

const LEVEL_PHRASES: Record<string, string> = {
  None: 'Does not record',
  Metadata: 'Records the metadata of',
  Request: 'Records the metadata and request bodies of',
  RequestResponse: 'Records request and response bodies of',
};

interface Entry {
  readonly group: string;
  readonly resources: readonly string[];
  readonly names: readonly string[];
}

interface RuleFacts {
  readonly level: string | undefined;
  readonly verbs: readonly string[];
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly namespaces: readonly string[];
  readonly urls: readonly string[];
  readonly entries: readonly Entry[];
  readonly stages: readonly string[];
  readonly omitManagedFields: boolean | undefined;
}

const trimmed = (values: readonly string[]): string[] => values.map((v) => v.trim());

/** The rule as kube-apiserver decodes it (the engine's compileRule), trimmed for display. */
function factsOf(rule: Node, policyStages: readonly string[]): RuleFacts | undefined {
  if (rule.kind !== 'map') return undefined;
  const r = compileRule(rule);
  return {
    level: r.level === '' ? undefined : r.level,
    verbs: trimmed(r.verbs),
    users: trimmed(r.users),
    groups: trimmed(r.userGroups),
    namespaces: trimmed(r.namespaces),
    urls: trimmed(r.nonResourceURLs),
    entries: r.resources.map((gr) => ({ group: gr.group.trim(), resources: trimmed(gr.resources), names: trimmed(gr.resourceNames) })),
    stages: [...new Set([...policyStages, ...trimmed(r.omitStages)])],
    omitManagedFields: r.omitManagedFields,
  };
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function entryPhrase(entry: Entry): string {
  const inGroup = entry.group === '' ? '' : entry.group === '*' ? ' of every API group' : ` in group ${entry.group}`;
  if (entry.resources.length === 0) return `every resource${inGroup || ' of the core group'}`;
  if (entry.names.length === 1 && entry.resources.length === 1 && !entry.resources[0].includes('/') && !entry.resources[0].includes('*')) {
    const kind = findGroup(entry.group, NEWEST_MINOR)?.resources.find((r) => r.name === entry.resources[0])?.kind;
    if (kind) return `the ${kind.toLowerCase()} ${entry.names[0]}${inGroup}`;
  }
  const named = entry.names.length > 0 ? ` named ${andList(entry.names)}` : '';
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
  const head = f.level && LEVEL_NAMES.includes(f.level) ? (LEVEL_PHRASES[f.level] as string) : 'Has no valid level, so kube-apiserver refuses the policy; it would match';
  let text = `${head} ${f.verbs.length > 0 ? andList(f.verbs) : 'all'} requests`;
  if (f.entries.length > 0) text += ` for ${f.entries.map(entryPhrase).join('; and for ')}`;
  if (f.urls.length > 0) text += ` to ${andList(f.urls)}`;
  if (f.namespaces.length > 0) text += namespacePhrase(f.namespaces);
  if (f.users.length > 0) text += ` by ${andList(f.users)}`;
  if (f.groups.length > 0) text += `${f.users.length > 0 ? ' or' : ' by'} members of ${andList(f.groups)}`;
  if (f.level !== 'None' && f.stages.length > 0) text += `; no event at stage${f.stages.length > 1 ? 's' : ''} ${andList(f.stages)}`;
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
  const targets = f.entries.flatMap((e) => {
    const suffix = e.group === '' ? '' : ` (${e.group})`;
    const rs = e.resources.length > 0 ? e.resources : ['*'];
    return rs.flatMap((r) => (e.names.length > 0 ? e.names.map((n) => `${r}/${n}`) : [r])).map((t) => t + suffix);
  });
  if (targets.length > 0) parts.push(targets.join(', '));
  if (f.urls.length > 0) parts.push(f.urls.join(', '));
  if (f.namespaces.length > 0) parts.push(`in ${f.namespaces.map((n) => (n === '' ? '""' : n)).join(', ')}`);
  const who = [...f.users, ...f.groups];
  if (who.length > 0) parts.push(`by ${who.join(', ')}`);
  const text = `${f.level ?? '(no level)'}: ${parts.length > 0 ? parts.join(' ') : 'everything'}`;
  return text.length > SHORT_MAX ? `${text.slice(0, SHORT_MAX - 1)}…` : text;
}

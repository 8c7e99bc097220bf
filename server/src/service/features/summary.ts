// What a rule does, in words: a sentence for hover ("Records request and response bodies of
// delete requests for the pod webapp-pod in namespace prod-namespace; no event at stage
// RequestReceived") and a short line for the outline ("RequestResponse: delete
// pods/webapp-pod in prod-namespace"). Both read the rule as kube-apiserver decodes it, and show
// each value as the checker compares it.
import { resourceKind } from '../catalogue/apiResources';
import { LEVEL_NAMES } from '../catalogue/values';
import type { Node } from '../parse/model';
import { decodeRule } from '../decode/decode';
import type { DecodedGroupResources, DecodedRule } from '../decode/decode';

const LEVEL_PHRASES: Record<string, string> = {
  None: 'Does not record',
  Metadata: 'Records the metadata of',
  Request: 'Records the metadata and request bodies of',
  RequestResponse: 'Records request and response bodies of',
};

/** The rule exactly as kube-apiserver decodes it (the engine's decodeRule: a null rule is an
 *  empty one), with the policy's omitted stages added to its own. Values are never cleaned up for
 *  display: `"webapp-pod "` is what the checker compares, so it is what the summary says. */
function factsOf(rule: Node, policyStages: readonly string[]): DecodedRule | undefined {
  if (rule.kind !== 'map' && !(rule.kind === 'scalar' && rule.value === null)) return undefined;
  const r = decodeRule(rule);
  return { ...r, omitStages: [...new Set([...policyStages, ...r.omitStages])] };
}

/** A value as it reads in a sentence: bare when it is a plain word, quoted when white space,
 *  emptiness or quotes would hide what it is. */
function shown(value: string): string {
  return value === '' || /[\s"'\\]/.test(value) ? JSON.stringify(value) : value;
}

const shownAll = (values: readonly string[]): string[] => values.map(shown);

/** Every decoded value with white space around it: the checker compares it as it is, so it never
 *  matches the names, verbs and paths requests carry. */
function neverMatching(f: DecodedRule): string[] {
  const values = [
    ...f.users,
    ...f.userGroups,
    ...f.verbs,
    ...f.namespaces,
    ...f.nonResourceURLs,
    ...f.resources.flatMap((e) => [e.group, ...e.resources, ...e.resourceNames]),
  ];
  return [...new Set(values.filter((v) => v !== '' && v.trim() !== v))];
}

/** "a", "a and b", "a, b and c". */
function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function entryPhrase(entry: DecodedGroupResources): string {
  const inGroup =
    entry.group === '' ? '' : entry.group === '*' ? ' of every API group' : ` in group ${shown(entry.group)}`;
  if (entry.resources.length === 0) return `every resource${inGroup || ' of the core group'}`;
  if (
    entry.resourceNames.length === 1 &&
    entry.resources.length === 1 &&
    !entry.resources[0].includes('/') &&
    !entry.resources[0].includes('*')
  ) {
    const kind = resourceKind(entry.group, entry.resources[0]);
    if (kind) return `the ${kind.toLowerCase()} ${shown(entry.resourceNames[0])}${inGroup}`;
  }
  const named = entry.resourceNames.length > 0 ? ` named ${andList(shownAll(entry.resourceNames))}` : '';
  return `${andList(shownAll(entry.resources))}${named}${inGroup}`;
}

function namespacePhrase(namespaces: readonly string[]): string {
  const names = namespaces.map((n) => (n === '' ? 'no namespace (cluster-scoped)' : shown(n)));
  return namespaces.length === 1 && namespaces[0] !== ''
    ? ` in namespace ${names[0]}`
    : ` in ${namespaces.length === 1 ? '' : 'namespaces '}${andList(names)}`;
}

/** The sentence shown on hover. */
export function describeRule(rule: Node, policyStages: readonly string[] = []): string {
  const f = factsOf(rule, policyStages);
  if (!f) return 'This rule is not a mapping of fields; kube-apiserver refuses it.';
  if (!f.decodable) return 'A value of this rule has the wrong type, so kube-apiserver refuses the policy.';
  const head = LEVEL_NAMES.includes(f.level)
    ? (LEVEL_PHRASES[f.level] as string)
    : 'Has no valid level, so kube-apiserver refuses the policy; it would match';
  let text = `${head} ${f.verbs.length > 0 ? andList(shownAll(f.verbs)) : 'all'} requests`;
  if (f.resources.length > 0) text += ` for ${f.resources.map(entryPhrase).join('; and for ')}`;
  if (f.nonResourceURLs.length > 0) text += ` to ${andList(shownAll(f.nonResourceURLs))}`;
  if (f.namespaces.length > 0) text += namespacePhrase(f.namespaces);
  if (f.users.length > 0) text += ` by ${andList(shownAll(f.users))}`;
  if (f.userGroups.length > 0)
    text += `${f.users.length > 0 ? ' or' : ' by'} members of ${andList(shownAll(f.userGroups))}`;
  if (f.level !== 'None' && f.omitStages.length > 0)
    text += `; no event at stage${f.omitStages.length > 1 ? 's' : ''} ${andList(shownAll(f.omitStages))}`;
  if (f.level !== 'None' && f.omitManagedFields !== undefined)
    text += f.omitManagedFields ? '; managed fields are dropped' : '; managed fields are kept';
  const spaced = neverMatching(f);
  if (spaced.length > 0)
    text += `; ${andList(shownAll(spaced))} never ${spaced.length > 1 ? 'match' : 'matches'} (compared exactly, white space included)`;
  return text;
}

const SHORT_MAX = 100;

/** The line shown in the outline, after the rule's number. */
export function shortSummary(rule: Node): string {
  const f = factsOf(rule, []);
  if (!f) return '(not a mapping)';
  const parts: string[] = [];
  if (f.verbs.length > 0) parts.push(shownAll(f.verbs).join(', '));
  const targets = f.resources.flatMap((e) => {
    const suffix = e.group === '' ? '' : ` (${shown(e.group)})`;
    const rs = e.resources.length > 0 ? e.resources : ['*'];
    return rs
      .flatMap((r) => (e.resourceNames.length > 0 ? e.resourceNames.map((n) => shown(`${r}/${n}`)) : [shown(r)]))
      .map((t) => t + suffix);
  });
  if (targets.length > 0) parts.push(targets.join(', '));
  if (f.nonResourceURLs.length > 0) parts.push(shownAll(f.nonResourceURLs).join(', '));
  if (f.namespaces.length > 0) parts.push(`in ${shownAll(f.namespaces).join(', ')}`);
  const who = shownAll([...f.users, ...f.userGroups]);
  if (who.length > 0) parts.push(`by ${who.join(', ')}`);
  const text = `${f.level === '' ? '(no level)' : shown(f.level)}: ${parts.length > 0 ? parts.join(' ') : 'everything'}`;
  return text.length > SHORT_MAX ? `${text.slice(0, SHORT_MAX - 1)}…` : text;
}

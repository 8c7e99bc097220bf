// A class of requests in words: "get, list and watch of secrets in the core group, in any namespace,
// by any user but system:kube-controller-manager".
import { UNAUTHENTICATED } from './cell';
import type { Cell, ValueSet } from './cell';
import { NON_RESOURCE_VERBS, pathRegion, RESOURCE_VERBS } from './candidates';

function words(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

const quoteEmpty = (v: string, empty: string): string => (v === '' ? empty : v);

function verbs(set: ValueSet | undefined, kind: Cell['kind']): string {
  if (set === undefined) return 'any verb';
  // A resource request sent with a method the verb switch does not name has the verb "".
  const named = (values: readonly string[]): string[] =>
    values.map((v) => (v === '' ? 'the verb "" (OPTIONS and other methods)' : v));
  if ('notIn' in set) return `any verb but ${words(named(set.notIn))}`;
  const domain = kind === 'resource' ? RESOURCE_VERBS : NON_RESOURCE_VERBS;
  const missing = domain.filter((v) => !set.in.includes(v));
  if (missing.length === 0) return 'any verb';
  // Resource requests have these verbs only: "any verb but proxy" reads better than nine verbs.
  if (kind === 'resource' && missing.length <= 2 && set.in.every((v) => domain.includes(v)))
    return `any verb but ${words(named(missing))}`;
  return words(named(set.in));
}

function resources(cell: Cell): string {
  const r = cell.resource;
  const s = cell.subresource;
  let what: string;
  if (r === undefined) what = 'any resource';
  else if ('notIn' in r) what = `any resource but ${words(r.notIn.map((v) => quoteEmpty(v, '""')))}`;
  else what = words([...r.in]);
  if (s !== undefined) {
    if ('in' in s && s.in.length === 1 && s.in[0] === '') what += ' (no subresource)';
    else if ('in' in s)
      what += ` (${words(s.in.map((v) => (v === '' ? 'no subresource' : `subresource ${v}`))).replace(/ and /g, ' or ')})`;
    else what += ` (any subresource but ${words(s.notIn.map((v) => quoteEmpty(v, 'none')))})`;
  } else if (r !== undefined && 'in' in r) {
    what += ' and subresources';
  }
  const g = cell.apiGroup;
  if (g !== undefined) {
    const groupName = (v: string): string => (v === '' ? 'the core group' : v);
    what +=
      'in' in g
        ? ` in ${g.in.length === 1 && g.in[0] === '' ? 'the core group' : `group ${words(g.in.map(groupName))}`}`
        : ` in any group but ${words(g.notIn.map(groupName))}`;
  }
  const n = cell.name;
  if (n !== undefined) {
    if ('in' in n)
      what +=
        n.in.length === 1 && n.in[0] === ''
          ? ' without a name'
          : ` named ${words(n.in.map((v) => quoteEmpty(v, '(none)')))}`;
    else {
      const named = n.notIn.filter((v) => v !== '');
      what +=
        named.length === 0
          ? ' with a name'
          : ` named anything but ${words(named)}${n.notIn.includes('') ? '' : ' (or unnamed)'}`;
    }
  }
  return what;
}

function namespaces(set: ValueSet | undefined): string {
  if (set === undefined) return 'in any namespace or cluster-wide';
  if ('in' in set) {
    const named = set.in.filter((v) => v !== '');
    const parts = [
      ...(named.length > 0 ? [`in namespace ${words(named)}`] : []),
      ...(set.in.includes('') ? ['cluster-wide'] : []),
    ];
    return parts.join(' or ');
  }
  const named = set.notIn.filter((v) => v !== '');
  const but = named.length > 0 ? ` but ${words(named)}` : '';
  return set.notIn.includes('')
    ? `in any namespace${but} (not cluster-wide)`
    : `in any namespace${but}, or cluster-wide`;
}

function who(cell: Cell): string {
  const u = cell.user;
  let text: string;
  const name = (v: string): string => (v === UNAUTHENTICATED ? 'unauthenticated requests' : v);
  if (u === undefined) text = 'by anyone';
  else if ('in' in u)
    text =
      u.in.length === 1 && u.in[0] === UNAUTHENTICATED ? 'by unauthenticated requests' : `by ${words(u.in.map(name))}`;
  else {
    const users = u.notIn.filter((v) => v !== UNAUTHENTICATED);
    text = users.length > 0 ? `by any user but ${words(users)}` : 'by any authenticated user';
  }
  const inGroups = Object.entries(cell.groups)
    .filter(([, m]) => m)
    .map(([g]) => g)
    .sort();
  const outGroups = Object.entries(cell.groups)
    .filter(([, m]) => !m)
    .map(([g]) => g)
    .sort();
  if (inGroups.length > 0) text += ` in group ${words(inGroups)}`;
  if (outGroups.length > 0)
    text += `${inGroups.length > 0 ? ' and' : ''} not in group ${outGroups.length > 1 ? `any of ${words(outGroups)}` : outGroups[0]}`;
  return text;
}

function region(key: string): string {
  const r = pathRegion(key);
  if ('exact' in r) return r.exact;
  const but = [...r.notPrefixes.map((p) => `${p}*`), ...r.notExact];
  if (r.prefix === '') return but.length > 0 ? `any path but ${words(but)}` : 'any path';
  return `${r.prefix}*${but.length > 0 ? ` but ${words(but)}` : ''}`;
}

function paths(set: ValueSet | undefined): string {
  if (set === undefined) return 'any path';
  return 'in' in set ? words(set.in.map(region)) : `any path but ${words(set.notIn.map(region))}`;
}

export function describeCell(cell: Cell): string {
  const by = who(cell);
  if (cell.kind === undefined) return `every request (${verbs(cell.verb, undefined)}) ${by}`;
  if (cell.kind === 'nonResource')
    return `${verbs(cell.verb, 'nonResource')} of non-resource URL ${paths(cell.path)}, ${by}`;
  return `${verbs(cell.verb, 'resource')} of ${resources(cell)}, ${namespaces(cell.namespace)}, ${by}`;
}

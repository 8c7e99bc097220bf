// Requests drawn from a policy's own selectors: a rule's users, groups, verbs, namespaces,
// resources, subresources, names and URL patterns, each sometimes swapped for a neighbour that
// just misses (one character more or less, another case, a trailing space, the pattern's prefix),
// given as the attributes the audit filter builds and as the METHOD + URL kube-apiserver receives.
// Beside them, values a user writes that the checker reads literally (`*`, `""`, spaces, other
// scripts, another case), and paths and methods RequestInfoFactory reads its own way.
import fc from 'fast-check';
import type { CompiledPolicy } from '../../server/src/service';
import type { OracleAttributes, OracleHttpRequest } from '../helpers/oracle';

const VERBS = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
  'proxy',
  'impersonate',
  'bind',
  'escalate',
  'use',
  'approve',
  'sign',
  'post',
  'put',
  'head',
  'options',
  // Verbs no client sends but the checker compares literally.
  '*',
  'GET',
  '',
];
const USERS = [
  'alice',
  'system:anonymous',
  'system:kube-proxy',
  'system:apiserver',
  'system:kube-scheduler',
  'system:serviceaccount:kube-system:default',
  'system:node:n1',
  // Names with characters a selector author may not expect: matched literally, case and all.
  'ünïcode',
  'a b',
  '',
  '*',
  'ALICE',
];
const GROUPS = [
  'system:authenticated',
  'system:unauthenticated',
  'system:masters',
  'system:nodes',
  'system:serviceaccounts',
  'system:serviceaccounts:kube-system',
  '*',
  '',
];
const NAMESPACES = ['default', 'kube-system', 'prod', '', '*', 'a.b', 'ünïcode'];
const RESOURCES: Array<[string, string]> = [
  ['', 'pods'],
  ['', 'secrets'],
  ['', 'configmaps'],
  ['', 'nodes'],
  ['', 'namespaces'],
  ['', 'events'],
  ['', 'serviceaccounts'],
  ['apps', 'deployments'],
  ['apps', 'replicasets'],
  ['rbac.authorization.k8s.io', 'roles'],
  ['authentication.k8s.io', 'tokenreviews'],
  ['coordination.k8s.io', 'leases'],
  ['extensions', 'ingresses'],
  ['events.k8s.io', 'events'],
];
const SUBRESOURCES = [
  '',
  '',
  '',
  'status',
  'log',
  'exec',
  'token',
  'scale',
  'proxy',
  'finalize',
  'binding',
  'eviction',
  '*',
];
const NAMES = ['', '', 'web', 'kube-dns', 'x', '*', 'a.b', 'x:y', '..', '.', '%'];
const URLS = [
  '/healthz',
  '/healthz/ready',
  '/livez',
  '/readyz',
  '/metrics',
  '/version',
  '/api',
  '/apis',
  '/openapi/v2',
  '/logs',
  '/logs/x',
  '/',
  '/swagger.json',
  '/.well-known/openid-configuration',
  '/*',
  '/api*',
  '/metrics/',
];
/** Paths sent as they are (their escapes and queries kept), for the METHOD + URL form: resolved by
 *  RequestInfoFactory, which splits, unescapes and reads prefixes its own way. */
const RAW_URLS = [
  '/api/v1/namespaces',
  '/apis/apps',
  '/apis/apps/v1',
  '/API/v1/pods',
  '/api/v1/watch/pods',
  '/api/v1/watch/namespaces/default/pods/web',
  '/api/v1/pods/',
  '//api/v1/pods',
  '/api/v1/proxy/nodes/x',
  '/api/v1/namespaces/default/pods/web/exec?command=ls',
  '/apis/apps/v1/namespaces/default/deployments/web/scale',
  '/api/v1/namespaces/default/pods/a%2Fb',
  '/api/v1/namespaces/%2A/pods',
  '/healthz/../livez',
  '/%2e%2e/healthz',
  '/healthz%2Fready',
  '/logs/../healthz',
  '/version?x=1',
  '/openapi/v3/apis/apps/v1',
  '/apis/metrics.k8s.io/v1beta1/nodes',
  '/api/v1/namespaces/default/services/web:80/proxy/x',
  '/api/v1/pods?watch=true;x=1',
  '/api/v1/namespaces/default/pods?watch=%zz&watch=0',
  '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb;x',
];

/** Field selectors fields.ParseSelector reads its own way: terms sorted, escapes, nothing trimmed. */
const FIELD_SELECTORS = [
  'metadata.name=web,metadata.name=db',
  'metadata.name=w\\,eb',
  'metadata.name=\\=',
  ' metadata.name=web',
  'metadata.name=a=b',
  'metadata.name=web\\',
  'x!y=z,metadata.name=web',
  'metadata.name!=x,metadata.name==web',
  ',metadata.name=db,',
];
/** Query parameters whose decoding fails or not (the name of a field selector is then dropped). */
const LIST_OPTIONS = [
  'labelSelector=app%3Dweb',
  'labelSelector=app+in+(a%2C%2Cb)%2C!x',
  'labelSelector=a%3Db%3Dc',
  'labelSelector=a%3Ex',
  'labelSelector=Example.com%2Fa',
  'labelSelector=a%00b',
  'limit=x',
  'limit=%2B1',
  'timeoutSeconds=1_0',
  'watch=fal%C5%BFe',
];

/** Values that just miss: the kind of near-match a selector author gets wrong. */
function neighbours(value: string): string[] {
  if (value === '') return ['x', ' '];
  const out = [
    value.slice(0, -1),
    `${value}x`,
    `${value} `,
    ` ${value}`,
    value.toUpperCase(),
    value.toLowerCase(),
    `x${value}`,
  ];
  if (value.endsWith('*')) out.push(value.slice(0, -1), `${value.slice(0, -1)}x`, `${value.slice(0, -1)}/x/y`);
  if (value.includes('/')) out.push(...value.split('/'));
  return out.filter((s, i, all) => s !== value && all.indexOf(s) === i);
}

/** A concrete value for a selector pattern (`/logs*` gives `/logs` or `/logs/x`). */
function concretise(pattern: string): string[] {
  if (pattern === '*') return ['/anything', 'x'];
  if (pattern.endsWith('*')) return [pattern.slice(0, -1), `${pattern.slice(0, -1)}x/y`];
  return [pattern];
}

interface Pools {
  readonly users: string[];
  readonly groups: string[];
  readonly verbs: string[];
  readonly namespaces: string[];
  readonly groupResources: Array<[string, string, string]>;
  readonly names: string[];
  readonly urls: string[];
}

function pools(policy: CompiledPolicy): Pools {
  const with_ = (base: string[], own: string[]): string[] => [
    ...new Set([...base, ...own, ...own.flatMap(neighbours)]),
  ];
  const rules = policy.rules;
  const groupResources = RESOURCES.flatMap(([g, r], k): Array<[string, string, string]> => [
    [g, r, ''],
    [g, r, SUBRESOURCES[k % SUBRESOURCES.length]],
  ]);
  for (const rule of rules) {
    for (const entry of rule.resources) {
      const groups = [entry.group, ...neighbours(entry.group).slice(0, 2)];
      const resources = entry.resources.length > 0 ? entry.resources : ['pods', 'anything'];
      for (const g of groups) {
        for (const pattern of resources) {
          const [resource, sub = ''] = pattern.split('/', 2);
          const concreteResource = resource === '*' ? 'pods' : resource;
          const concreteSub = sub === '*' ? 'status' : sub;
          groupResources.push(
            [g, concreteResource, concreteSub],
            [g, `${concreteResource}x`, concreteSub],
            [g, concreteResource, concreteSub === '' ? 'status' : ''],
          );
        }
      }
    }
  }
  return {
    users: with_(
      USERS,
      rules.flatMap((r) => r.users),
    ),
    groups: with_(
      GROUPS,
      rules.flatMap((r) => r.userGroups),
    ),
    verbs: with_(
      VERBS,
      rules.flatMap((r) => r.verbs),
    ),
    namespaces: with_(
      NAMESPACES,
      rules.flatMap((r) => r.namespaces),
    ),
    groupResources,
    names: with_(
      NAMES,
      rules.flatMap((r) => r.resources.flatMap((e) => e.resourceNames)),
    ),
    urls: [
      ...new Set([
        ...URLS,
        ...rules.flatMap((r) => r.nonResourceURLs.flatMap((u) => [...concretise(u), ...neighbours(u)])),
      ]),
    ],
  };
}

/** Who asks: no user at all (unauthenticated), a user with no groups, or a user and some groups. */
function who(p: Pools): fc.Arbitrary<{ user?: string; groups?: string[] }> {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 2, arbitrary: fc.record({ user: fc.constantFrom(...p.users) }) },
    {
      weight: 6,
      arbitrary: fc.record({
        user: fc.constantFrom(...p.users),
        groups: fc.uniqueArray(fc.constantFrom(...p.groups), { maxLength: 3 }),
      }),
    },
  );
}

export function attributeRequests(policy: CompiledPolicy): fc.Arbitrary<OracleAttributes> {
  const p = pools(policy);
  const resource = fc
    .record({
      verb: fc.constantFrom(...p.verbs),
      namespace: fc.constantFrom(...p.namespaces),
      gr: fc.constantFrom(...p.groupResources),
      name: fc.constantFrom(...p.names),
    })
    .map(({ verb, namespace, gr, name }) => ({
      verb,
      namespace,
      apiGroup: gr[0],
      apiVersion: 'v1',
      resource: gr[1],
      subresource: gr[2],
      name,
      path: '',
      resourceRequest: true as const,
    }));
  const nonResource = fc
    .record({ verb: fc.constantFrom(...p.verbs), path: fc.constantFrom(...p.urls) })
    .map((r) => ({ ...r, resourceRequest: false as const }));
  return fc
    .tuple(who(p), fc.oneof({ weight: 3, arbitrary: resource }, { weight: 1, arbitrary: nonResource }))
    .map(([w, r]) => ({ ...w, ...r }));
}

const METHODS: Record<string, string> = {
  get: 'GET',
  list: 'GET',
  watch: 'GET',
  create: 'POST',
  update: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  deletecollection: 'DELETE',
  proxy: 'GET',
};
const ODD_METHODS = ['OPTIONS', 'HEAD', 'CONNECT', 'TRACE', 'PROPFIND', 'get', 'Delete'];

/** The URL kube-apiserver would receive for such a request (a path starting with `/`), in its many
 *  spellings: a watch as `?watch=true` or the old `/watch/` prefix, a name through a field
 *  selector, trailing and doubled slashes, escaped characters, and paths too short to name a
 *  resource. */
export function httpRequests(policy: CompiledPolicy): fc.Arbitrary<OracleHttpRequest> {
  const p = pools(policy);
  const resourceUrl = fc
    .record({
      verb: fc.constantFrom(...p.verbs),
      namespace: fc.constantFrom(...p.namespaces),
      gr: fc.constantFrom(...p.groupResources),
      name: fc.constantFrom(...p.names),
      style: fc.nat(15),
      version: fc.constantFrom('v1', 'v1', 'v1beta1', 'v2'),
    })
    .map(({ verb, namespace, gr, name, style, version }) => {
      const [group, resource, sub] = gr;
      const prefix = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
      const special = (verb === 'watch' && style % 3 === 0) || verb === 'proxy' ? `/${verb}` : '';
      const ns = namespace === '' ? '' : `/namespaces/${segment(namespace)}`;
      const object = name === '' ? '' : `/${segment(name)}${sub === '' ? '' : `/${segment(sub)}`}`;
      let url = `${prefix}${special}${ns}/${segment(resource)}${object}`;
      if (style === 1) url += '/';
      if (style === 2) url = url.replace('/namespaces/', '//namespaces/');
      if (style === 3 && namespace !== '')
        url = `${prefix}/namespaces/${segment(namespace)}${pickOf(['', '/status', '/finalize'], name.length)}`;
      if (style === 4)
        url = url
          .split('/')
          .slice(0, 3 + (name.length % 3))
          .join('/');
      const query: string[] = [];
      if (verb === 'watch' && style % 3 !== 0)
        query.push(pickOf(['watch=true', 'watch=1', 'watch=false', 'watch=0', 'watch', 'watch=yes'], style));
      if (style === 5)
        query.push(
          `fieldSelector=${encodeURIComponent(`metadata.name=${pickOf(p.names.filter(Boolean), name.length)}`)}`,
        );
      if (style === 6) query.push('fieldSelector=metadata.name%3D%3Dweb%2Cmetadata.namespace%3Dx');
      if (style === 9)
        query.push(`fieldSelector=${encodeURIComponent(pickOf(FIELD_SELECTORS, verb.length + name.length))}`);
      if (style === 10)
        query.push(
          pickOf(LIST_OPTIONS, verb.length + name.length),
          `fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}`,
        );
      const method = style === 8 ? pickOf(ODD_METHODS, name.length) : (METHODS[verb] ?? 'GET');
      return { method, url: query.length > 0 ? `${url}?${query.join('&')}` : url };
    });
  const nonResourceUrl = fc.record({
    url: fc.constantFrom(
      ...p.urls.filter((u) => u.startsWith('/')).map((u) => u.split('/').map(segment).join('/')),
      ...RAW_URLS,
    ),
    method: fc.constantFrom('GET', 'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'get'),
  });
  return fc
    .tuple(who(p), fc.oneof({ weight: 3, arbitrary: resourceUrl }, { weight: 1, arbitrary: nonResourceUrl }))
    .map(([w, r]) => ({ ...w, ...r }));
}

/** A path segment as a client sends it: escaped where it must be (kube-apiserver reads it unescaped). */
function segment(text: string): string {
  return /^[\w.:~*-]*$/.test(text) ? text : encodeURIComponent(text);
}

function pickOf<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

// Small policies whose rules overlap in every way a few values allow: the same users, groups,
// verbs, namespaces, resource patterns (`pods/*`, `*/status`, `*/*`), names and URL prefixes in
// several rules, at different levels and stages. The corpus policies are long and an edit of one
// rule rarely meets another; here almost every edit moves requests between rules. Values a
// person would not write but kube-apiserver loads (the verb "" or `propfind`, the user or namespace "")
// are among them.
import fc from 'fast-check';
import { stringify } from 'yaml';

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
const USERS = ['alice', 'bob', 'system:anonymous', ''];
const GROUPS = ['dev', 'system:authenticated', 'system:unauthenticated'];
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
  '',
  'propfind',
];
const NAMESPACES = ['', 'default', 'kube-system'];
const API_GROUPS = ['', 'apps'];
const PATTERNS = ['pods', 'pods/log', 'pods/*', '*', '*/status', '*/*', 'deployments', 'deployments/scale', 'secrets'];
const NAMES = ['web', 'db'];
const URLS = ['/healthz', '/healthz*', '/api*', '*', '/metrics', '/', '/apis/*', '/h*', '/api/v1/*'];

const some = (values: readonly string[]): fc.Arbitrary<string[]> =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 2 });
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined, freq: 2 });

const entry = fc.record(
  { group: fc.constantFrom(...API_GROUPS), resources: some(PATTERNS), resourceNames: some(NAMES) },
  { requiredKeys: ['group'] },
);

const rule = fc
  .record({
    level: fc.constantFrom(...LEVELS),
    omitStages: maybe(some(STAGES)),
    users: maybe(some(USERS)),
    userGroups: maybe(some(GROUPS)),
    verbs: maybe(some(VERBS)),
    target: fc.constantFrom('resources', 'urls', 'any'),
    namespaces: maybe(some(NAMESPACES)),
    resources: fc.array(entry, { minLength: 1, maxLength: 2 }),
    nonResourceURLs: some(URLS),
  })
  .map(({ target, resources, nonResourceURLs, namespaces, ...r }) => {
    const out: Record<string, unknown> = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
    if (target === 'resources') Object.assign(out, { resources }, namespaces ? { namespaces } : {});
    if (target === 'urls') out.nonResourceURLs = nonResourceURLs;
    return out;
  });

/** A policy of one to six such rules, as YAML. */
export const smallPolicy: fc.Arbitrary<string> = fc
  .record({ rules: fc.array(rule, { minLength: 1, maxLength: 6 }), omitStages: maybe(some(STAGES)) })
  .map(({ rules, omitStages }) =>
    stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', ...(omitStages ? { omitStages } : {}), rules }),
  );

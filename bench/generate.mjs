// Deterministic generator of realistic audit policies for the benchmark.
//
// The same (rules, seed) always gives the same bytes, so runs on different days and
// machines measure the same documents. The output is a policy kube-apiserver loads
// without errors or warnings, and that our own lints find little to say about (no
// secrets logged with bodies, RequestReceived omitted, no shadowed rules; only verb-not-served,
// a lint newer than this generator, where a verb meets a review resource that serves create
// alone: 548 warnings in 5,000 rules).
// Shapes are taken from the real corpus: block and flow sequences mixed, whole rules
// in flow style, comments above rules and after values, quoted and plain scalars.
//
// With `findings: true` (`--findings`) the policy is a stress file instead: most rules repeat an
// earlier rule's selectors (shadowed: unreachable-rule), one in ten names a verb that does not
// exist (unknown-verb), and secrets may be logged with bodies (sensitive-bodies): thousands of
// diagnostics, as a long-grown policy has, for measuring what an edit costs when every one of
// them must be re-sent.
//
// Usage: node bench/generate.mjs --rules 5000 [--seed 1] [--findings] [--out FILE]

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// mulberry32: tiny, fast and good enough; Math.random is not seedable.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];
const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const SYSTEM_USERS = [
  'system:kube-proxy',
  'system:kube-scheduler',
  'system:kube-controller-manager',
  'system:cloud-controller-manager',
  'system:apiserver',
  'kubelet',
  'cluster-autoscaler',
  'system:serviceaccount:kube-system:endpoint-controller',
  'system:serviceaccount:kube-system:namespace-controller',
  'system:serviceaccount:kube-system:generic-garbage-collector',
];
const GROUPS_OF_USERS = [
  'system:nodes',
  'system:serviceaccounts',
  'system:authenticated',
  'system:masters',
  'oidc:platform-admins',
  'oidc:developers',
];
const NAMESPACES = [
  'kube-system',
  'kube-public',
  'default',
  'monitoring',
  'ingress-nginx',
  'cert-manager',
  'istio-system',
  'argocd',
  'payments',
  'checkout',
];
// [group, resources...]; "" is the core group. All groups are DNS-1123 subdomains.
const API = [
  [
    '',
    'pods',
    'pods/log',
    'pods/exec',
    'pods/status',
    'services',
    'endpoints',
    'configmaps',
    'secrets',
    'serviceaccounts',
    'serviceaccounts/token',
    'nodes',
    'nodes/status',
    'namespaces',
    'events',
    'persistentvolumeclaims',
  ],
  ['apps', 'deployments', 'deployments/scale', 'statefulsets', 'daemonsets', 'replicasets'],
  ['batch', 'jobs', 'cronjobs'],
  ['rbac.authorization.k8s.io', 'roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'],
  ['networking.k8s.io', 'ingresses', 'networkpolicies'],
  ['coordination.k8s.io', 'leases'],
  ['authentication.k8s.io', 'tokenreviews'],
  ['authorization.k8s.io', 'subjectaccessreviews'],
  ['admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'mutatingwebhookconfigurations'],
  ['apiextensions.k8s.io', 'customresourcedefinitions'],
  ['storage.k8s.io', 'storageclasses', 'volumeattachments'],
  ['policy', 'poddisruptionbudgets'],
  ['metrics.k8s.io'],
];
const URLS = [
  '/healthz*',
  '/livez*',
  '/readyz*',
  '/version',
  '/metrics',
  '/openapi/v2',
  '/openapi/v3*',
  '/swagger*',
  '/logs*',
  '/api*',
];
const HEAD_COMMENTS = [
  'High-volume, low-risk requests: drop them.',
  'Controllers poll these constantly; keep only metadata.',
  'Secrets and tokens can hold sensitive data, so never log their bodies.',
  'Changes by platform admins are logged in full for the change-review board.',
  'TODO(platform): revisit once the new ingress controller is rolled out.',
  'Node status updates are large and frequent; skip the request-received stage.',
  'Health checks: not interesting.',
  'Per-team service account, see the onboarding runbook.',
];

// Scalars YAML 1.1 would read as booleans or null must be quoted; the pools avoid them,
// but the quoting style still varies like in hand-written files.
function scalar(r, s, flow) {
  if (s === '' || s.startsWith('*') || (s.startsWith('/') && flow && r() < 0.5)) return `"${s}"`;
  if (flow && s.includes(':')) return r() < 0.5 ? `"${s}"` : `'${s}'`;
  const x = r();
  return x < 0.2 ? `"${s}"` : x < 0.3 ? `'${s}'` : s;
}

function pick(r, arr) {
  return arr[Math.floor(r() * arr.length)];
}
function some(r, arr, min, max) {
  const n = min + Math.floor(r() * (max - min + 1));
  const pool = arr.slice();
  const out = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
}

// A list value: flow `[a, b]` on the key line, or a block list below it.
function list(r, ind, key, items) {
  if (r() < 0.6) return [`${ind}${key}: [${items.map((s) => scalar(r, s, true)).join(', ')}]`];
  return [`${ind}${key}:`, ...items.map((s) => `${ind}  - ${scalar(r, s, false)}`)];
}

// Bodies of these hold secrets: a careful policy never logs them at Request or
// RequestResponse (our server flags that), so body-logging rules leave them out.
const SENSITIVE = new Set(['secrets', 'configmaps', 'serviceaccounts/token', 'tokenreviews']);
const API_NO_SECRETS = API.map(([g, ...res]) => [g, ...res.filter((x) => !SENSITIVE.has(x))]).filter(
  (a) => a.length > 1 || a[0] === 'metrics.k8s.io',
);

function groupResources(r, ind, level, verbs, findings) {
  const out = [];
  const pool = !findings && (level === 'Request' || level === 'RequestResponse') ? API_NO_SECRETS : API;
  // resourceNames only where some verb names an object (create and deletecollection do not).
  const named = verbs.some((v) => ['get', 'update', 'patch', 'delete'].includes(v));
  for (const api of some(r, pool, 1, 2)) {
    const [group, ...res] = api;
    const core = group === '' ? (r() < 0.5 ? ' # core' : '') : '';
    out.push(`${ind}- group: ${scalar(r, group, false)}${core}`);
    if (res.length) {
      const chosen = some(r, res, 1, Math.min(3, res.length));
      out.push(...list(r, ind + '  ', 'resources', chosen));
      // resourceNames only with resources (validation), and only sometimes.
      if (named && r() < 0.1)
        out.push(...list(r, ind + '  ', 'resourceNames', [`${chosen[0].split('/')[0]}-${Math.floor(r() * 100)}`]));
    }
  }
  return out;
}

// One rule. `i` makes every rule's subject unique, so no rule duplicates or shadows an
// earlier one (a checker that reports unreachable rules stays quiet).
const MISSPELT_VERBS = ['gett', 'lsit', 'wacth', 'delet', 'pach'];

function rule(r, i, findings = false) {
  const lines = [];
  const ind = '    ';
  if (r() < 0.5) lines.push(`  # ${pick(r, HEAD_COMMENTS)}`);
  const level = pick(r, LEVELS);
  const team = `team-${i}`;
  const kind = r();
  if (kind < 0.08) {
    // A whole rule in flow style, as some generated policies do.
    const sa = `system:serviceaccount:${team}:deployer`;
    lines.push(
      `  - {level: ${level}, users: ["${sa}"], verbs: [${some(r, VERBS, 1, 3).join(', ')}], resources: [{group: "apps", resources: [deployments]}]}`,
    );
    return lines;
  }
  lines.push(`  - level: ${level}${r() < 0.15 ? ' # see runbook' : ''}`);
  if (kind < 0.2) {
    // Non-resource URLs: never with resources or namespaces (validation).
    lines.push(...list(r, ind, 'users', [`system:serviceaccount:${team}:prober`]));
    lines.push(...list(r, ind, 'verbs', ['get']));
    lines.push(...list(r, ind, 'nonResourceURLs', some(r, URLS, 1, 3)));
  } else {
    if (r() < 0.6)
      lines.push(...list(r, ind, 'users', [...some(r, SYSTEM_USERS, 0, 2), `system:serviceaccount:${team}:default`]));
    else lines.push(...list(r, ind, 'userGroups', [...some(r, GROUPS_OF_USERS, 0, 1), `oidc:${team}`]));
    const verbs = some(r, VERBS, 1, 4);
    lines.push(...list(r, ind, 'verbs', findings && r() < 0.1 ? [...verbs, pick(r, MISSPELT_VERBS)] : verbs));
    if (r() < 0.5) lines.push(...list(r, ind, 'namespaces', some(r, NAMESPACES, 1, 2)));
    lines.push(`${ind}resources:`);
    lines.push(...groupResources(r, ind + '  ', level, verbs, findings));
  }
  if (r() < 0.35) lines.push(...list(r, ind, 'omitStages', some(r, STAGES.slice(0, 3), 1, 2)));
  if (r() < 0.1) lines.push(`${ind}omitManagedFields: ${r() < 0.5}`);
  if (r() < 0.15) lines.push('');
  return lines;
}

export function generatePolicy({ rules, seed = 1, findings = false }) {
  if (!(rules >= 1)) throw new Error('rules must be >= 1');
  const r = prng(seed * 1000003 + rules + (findings ? 7 : 0));
  const lines = [
    `# Generated by bench/generate.mjs (rules=${rules}, seed=${seed}). Do not edit: regenerate.`,
    'apiVersion: audit.k8s.io/v1',
    'kind: Policy',
    'metadata:',
    `  name: bench-${rules}`,
    '# Arrival events double the volume for no extra information.',
    'omitStages: ["RequestReceived"]',
    'rules:',
  ];
  const written = [];
  for (let i = 0; i < rules - 1; i++) {
    // A stress file repeats an earlier rule under another level: the copy never applies.
    if (findings && written.length > 0 && r() < 0.7) {
      const earlier = pick(r, written);
      lines.push(...earlier.map((l) => l.replace(/level: \w+/, `level: ${pick(r, LEVELS)}`)));
      continue;
    }
    const lines_ = rule(r, i, findings);
    written.push(lines_);
    lines.push(...lines_);
  }
  // The catch-all every real policy ends with.
  lines.push(
    '  # Default level for all other requests.',
    '  - level: Metadata',
    '    omitStages: ["RequestReceived"]',
    '',
  );
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : dflt;
  };
  const text = generatePolicy({
    rules: Number(arg('--rules', '100')),
    seed: Number(arg('--seed', '1')),
    findings: process.argv.includes('--findings'),
  });
  const out = arg('--out');
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

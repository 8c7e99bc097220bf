// Trims one of Kubernetes' own published API descriptions down to what the audit policy
// checks need: per group and version, each resource, whether it is namespaced, the verbs its
// requests carry, and its subresources with their verbs.
//
//   node scripts/kubernetes-api/extract.mjs --kubernetes 1.20.2 --source "..." RAW.json [MORE.json ...] \
//     > data/kubernetes-api/1.20.json
//
// RAW files, each in any of the three forms kubernetes/kubernetes publishes:
//   api/openapi-spec/swagger.json         every release (the only form before 1.27)
//   api/discovery/aggregated_v2.json      aggregated discovery (apidiscovery.k8s.io/v2 or v2beta1), the /apis groups
//   api/discovery/api__v1.json, apis__<group>__<version>.json   one APIResourceList (the core group is only here)
// Several files are merged (aggregated_v2.json has no core group: add api__v1.json).
//
// Verbs are the request verbs of kube-apiserver's request-info resolver (requestinfo.go):
// GET/HEAD -> get, or list / watch on a collection; POST create; PUT update; PATCH patch;
// DELETE delete, or deletecollection on a collection. A swagger `connect` operation (exec,
// attach, portforward, proxy) carries the verb of its HTTP method.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const kubernetes = option('--kubernetes');
const source = option('--source');
if (!kubernetes || args.length === 0) {
  console.error('usage: extract.mjs --kubernetes 1.X.Y [--source TEXT] RAW.json...');
  process.exit(2);
}

/** groups[group][version][resource] = { namespaced, verbs:Set, subresources: {sub: Set} } */
const groups = {};
function entry(group, version, resource, namespaced) {
  const versions = (groups[group] ??= {});
  const resources = (versions[version] ??= {});
  const found = (resources[resource] ??= { namespaced, verbs: new Set(), subresources: {} });
  // Swagger lists namespaced resources under both /namespaces/{namespace}/x and the all-namespaces /x.
  if (namespaced) found.namespaced = true;
  return found;
}
function add(group, version, resource, sub, namespaced, verbs, kind) {
  const e = entry(group, version, resource, namespaced);
  if (!sub && kind && !e.kind) e.kind = kind;
  const target = sub ? (e.subresources[sub] ??= new Set()) : e.verbs;
  for (const v of verbs) target.add(v);
}

const METHOD_VERB = { get: 'get', head: 'get', post: 'create', put: 'update', patch: 'patch', delete: 'delete' };
const ACTION_VERB = {
  get: 'get',
  list: 'list',
  watch: 'watch',
  watchlist: 'watch',
  put: 'update',
  patch: 'patch',
  post: 'create',
  delete: 'delete',
  deletecollection: 'deletecollection',
};

function fromSwagger(doc) {
  for (const [path, item] of Object.entries(doc.paths)) {
    // /api/v1/... or /apis/<group>/<version>/..., optionally with the old /watch/ prefix.
    const parts = path.split('/').filter(Boolean);
    let group, rest;
    if (parts[0] === 'api' && parts[1] === 'v1') [group, rest] = ['', parts.slice(1)];
    else if (parts[0] === 'apis' && parts.length > 3) [group, rest] = [parts[1], parts.slice(2)];
    else continue;
    const version = rest[0];
    let segs = rest.slice(1);
    if (segs[0] === 'watch') segs = segs.slice(1);
    let namespaced = false;
    if (segs[0] === 'namespaces' && segs[1] === '{namespace}' && segs.length > 2) {
      namespaced = true;
      segs = segs.slice(2);
    }
    const [resource, name, sub] = segs;
    if (!resource || resource.startsWith('{')) continue;
    if (name !== undefined && name !== '{name}') continue;
    for (const [method, op] of Object.entries(item)) {
      if (method === 'parameters' || typeof op !== 'object') continue;
      const action = op['x-kubernetes-action'];
      if (!action) continue;
      const verb = action === 'connect' ? METHOD_VERB[method] : ACTION_VERB[action];
      if (!verb) continue;
      const kind = ['get', 'put', 'post'].includes(action) ? op['x-kubernetes-group-version-kind']?.kind : undefined;
      add(group, version, resource, sub, namespaced, [verb], kind);
    }
  }
}

function fromResourceList(list) {
  const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
  for (const r of list.resources) {
    const [resource, sub] = r.name.split('/');
    add(group, version, resource, sub, r.namespaced, r.verbs ?? [], r.kind);
  }
}

function fromAggregated(doc) {
  for (const g of doc.items) {
    const group = g.metadata?.name ?? '';
    for (const v of g.versions) {
      for (const r of v.resources ?? []) {
        const namespaced = r.scope === 'Namespaced';
        add(group, v.version, r.resource, undefined, namespaced, r.verbs ?? [], r.responseKind?.kind);
        for (const s of r.subresources ?? []) {
          add(group, v.version, r.resource, s.subresource, namespaced, s.verbs ?? []);
        }
      }
    }
  }
}

for (const file of args) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  if (doc.swagger || doc.paths) fromSwagger(doc);
  else if (doc.kind === 'APIResourceList') fromResourceList(doc);
  else if (doc.kind === 'APIGroupDiscoveryList') fromAggregated(doc);
  else throw new Error(`${file}: not a swagger document, an APIResourceList or an APIGroupDiscoveryList`);
}

// Compact output: verbs as one space-separated string, names sorted, so diffs between
// releases read line by line.
const ORDER = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const verbs = (set) => [...set].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b)).join(' ');
const sorted = (obj, fn) =>
  Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, fn(obj[k])]),
  );
const out = {
  kubernetes,
  source: source ?? args.join(', '),
  groups: sorted(groups, (versions) =>
    sorted(versions, (resources) =>
      sorted(resources, (r) => ({
        ...(r.kind ? { kind: r.kind } : {}),
        namespaced: r.namespaced ?? false,
        verbs: verbs(r.verbs),
        ...(Object.keys(r.subresources).length > 0 ? { subresources: sorted(r.subresources, verbs) } : {}),
      })),
    ),
  ),
};
// One resource per line keeps the file small and reviewable.
const lines = ['{', `  "kubernetes": ${JSON.stringify(out.kubernetes)},`, `  "source": ${JSON.stringify(out.source)},`];
lines.push('  "groups": {');
const groupKeys = Object.keys(out.groups);
groupKeys.forEach((g, gi) => {
  lines.push(`    ${JSON.stringify(g)}: {`);
  const versionKeys = Object.keys(out.groups[g]);
  versionKeys.forEach((v, vi) => {
    lines.push(`      ${JSON.stringify(v)}: {`);
    const resourceKeys = Object.keys(out.groups[g][v]);
    resourceKeys.forEach((r, ri) => {
      const comma = ri < resourceKeys.length - 1 ? ',' : '';
      lines.push(`        ${JSON.stringify(r)}: ${JSON.stringify(out.groups[g][v][r])}${comma}`);
    });
    lines.push(`      }${vi < versionKeys.length - 1 ? ',' : ''}`);
  });
  lines.push(`    }${gi < groupKeys.length - 1 ? ',' : ''}`);
});
lines.push('  }', '}');
process.stdout.write(`${lines.join('\n')}\n`);

// Generates server/src/service/catalogue/kubernetesApi.generated.ts, the API catalogue every
// feature reads, from the trimmed data in data/kubernetes-api/ (see data/kubernetes-api/README.md).
//
//   node scripts/kubernetes-api/generate.mjs           write the catalogue
//   node scripts/kubernetes-api/generate.mjs --check   exit 1 if the file is out of date
//
// Inputs:
//   1.<minor>.json     what one release serves, extracted from its own published files: exact.
//   snapshot*.json     what a later development state of kubernetes/kubernetes serves, release
//                      not identified: an observation after the newest exact release.
//   removals.json      the release from which an API version of a resource stops being served,
//                      and since when its replacement is served (Kubernetes' migration guide).
//
// For every minor from OLDEST to NEWEST, each group, resource, subresource and verb gets one
// letter: y served, n not served, ? unknown. Exact releases give y or n. Between two releases
// with data, and after the newest one (up to the snapshot), a thing present in both is taken as
// served throughout and a thing absent from both as absent throughout; a thing present in only
// one is unknown, except where removals.json names the release. Before the oldest data,
// everything is unknown. A name in no file at all is "not served" only where the list it belongs
// to (a group's resources, a resource's subresources) is the same in both neighbouring
// observations; that is the `closed` pattern. Unknown is never judged by a lint.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = path.join(repo, 'data', 'kubernetes-api');
const out = path.join(repo, 'server', 'src', 'service', 'catalogue', 'kubernetesApi.generated.ts');
const OLDEST = 12;
const NEWEST = 36;
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const MINORS = Array.from({ length: NEWEST - OLDEST + 1 }, (_, i) => OLDEST + i);

const read = (name) => JSON.parse(readFileSync(path.join(dataDir, name), 'utf8'));
const files = readdirSync(dataDir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const exact = files
  .filter((f) => /^1\.\d+\.json$/.test(f))
  .map((f) => ({ minor: Number(f.slice(2, -5)), file: f, data: read(f) }))
  .sort((a, b) => a.minor - b.minor);
const snapshots = files.filter((f) => f.startsWith('snapshot')).map((f) => ({ file: f, data: read(f) }));
const removals = read('removals.json');

/** Facts of one observation: the set of keys it lists.
 *  Keys: g|group, r|group|version|res, s|group|version|res|sub, v|group|version|res|sub|verb */
function factsOf(data) {
  const facts = new Set();
  const info = new Map();
  for (const [group, versions] of Object.entries(data.groups)) {
    facts.add(`g|${group}`);
    for (const [version, resources] of Object.entries(versions)) {
      for (const [res, spec] of Object.entries(resources)) {
        const base = `${group}|${version}|${res}`;
        facts.add(`r|${base}`);
        info.set(`${group}|${res}`, { kind: spec.kind, namespaced: spec.namespaced });
        for (const v of spec.verbs.split(' ').filter(Boolean)) facts.add(`v|${base}||${v}`);
        for (const [sub, verbs] of Object.entries(spec.subresources ?? {})) {
          facts.add(`s|${base}|${sub}`);
          for (const v of verbs.split(' ').filter(Boolean)) facts.add(`v|${base}|${sub}|${v}`);
        }
      }
    }
  }
  return { facts, info };
}

const exactFacts = exact.map((e) => ({ minor: e.minor, ...factsOf(e.data) }));
// Several snapshots are one observation: their union.
const union = (a, b) => ({ facts: new Set([...a.facts, ...b.facts]), info: new Map([...a.info, ...b.info]) });
const snapshot = snapshots.length > 0 ? snapshots.map((s) => factsOf(s.data)).reduce(union) : undefined;
const observations = [...exactFacts, ...(snapshot ? [{ minor: Infinity, ...snapshot }] : [])];

/** The two observations around a minor that is not exact: [before, after] (after may be undefined). */
function bracket(minor) {
  const before = [...observations].reverse().find((o) => o.minor < minor);
  const after = observations.find((o) => o.minor > minor);
  return [before, after];
}

const removedRule = new Map(); // `${group}|${version}|${res}` -> { removed, since }
for (const r of removals.removed) {
  for (const res of r.resources) {
    const key = `${r.group}|${r.version}|${res}`;
    const since = r.since !== undefined ? { since: r.since } : {};
    removedRule.set(key, { ...(removedRule.get(key) ?? {}), removed: r.removed, ...since });
    if (r.replacement) {
      const to = `${r.replacement.group ?? r.group}|${r.replacement.version}|${res}`;
      removedRule.set(to, { ...(removedRule.get(to) ?? {}), since: r.replacement.since });
    }
  }
}

/** y / n / ? for one fact key at one minor. */
function letter(key, minor) {
  const at = observations.find((o) => o.minor === minor);
  const gvr = key.startsWith('g|') ? undefined : key.split('|').slice(1, 4).join('|');
  const rule = gvr ? removedRule.get(gvr) : undefined;
  if (rule?.removed !== undefined && minor >= rule.removed) return 'n';
  if (rule?.since !== undefined && minor < rule.since) return 'n';
  if (at) return at.facts.has(key) ? 'y' : 'n';
  // An API version the guide dates at both ends, served only between two observations.
  if (key.startsWith('r|') && rule?.since !== undefined && rule.removed !== undefined) return 'y';
  const [before, after] = bracket(minor);
  if (!before || !after) return '?';
  const inBefore = before.facts.has(key);
  const inAfter = after.facts.has(key);
  if (inBefore && inAfter) return 'y';
  // The migration guide dates a removal or an addition that the observations only bracket.
  if (inBefore && rule?.removed !== undefined) return 'y';
  if (inAfter && rule?.since !== undefined) return 'y';
  // The guide knows a removal of a version neither neighbour saw: it was served at some point before.
  if (!inBefore && !inAfter) return rule?.removed !== undefined && rule.since === undefined ? '?' : 'n';
  return '?';
}

const pattern = (fn) => MINORS.map(fn).join('');
/** Best of several letters: served by any version beats unknown beats not served. */
const best = (letters) => (letters.includes('y') ? 'y' : letters.includes('?') ? '?' : 'n');
const any = (patterns) => pattern((_, i) => best(patterns.map((p) => p[i])));

// Everything any observation lists.
const all = { groups: new Map() };
for (const o of observations) {
  for (const key of o.facts) {
    const [type, group, version, res, sub] = key.split('|');
    const g = all.groups.get(group) ?? all.groups.set(group, { versions: new Set(), resources: new Map() }).get(group);
    if (type === 'g') continue;
    g.versions.add(version);
    const r = g.resources.get(res) ?? g.resources.set(res, { versions: new Set(), subs: new Map() }).get(res);
    r.versions.add(version);
    if (type === 's' || (type === 'v' && sub)) r.subs.set(sub, true);
  }
}

// API versions the guide names for a resource the observations know, even where no observation
// saw that version (flowcontrol v1beta3 came and went between them).
for (const key of removedRule.keys()) {
  const [group, version, res] = key.split('|');
  all.groups.get(group)?.resources.get(res)?.versions.add(version);
}

function closedPattern(namesOf) {
  return pattern((minor) => {
    if (observations.some((o) => o.minor === minor)) return 'y';
    const [before, after] = bracket(minor);
    return before && after && namesOf(before) === namesOf(after) ? 'y' : 'n';
  });
}
const latestInfo = (group, res) =>
  [...observations]
    .reverse()
    .map((o) => o.info.get(`${group}|${res}`))
    .find(Boolean);

const groups = [];
for (const [group, g] of [...all.groups].sort(([a], [b]) => a.localeCompare(b))) {
  // A group's resource names: union over its versions.
  const names = (o, type, keep, field) => {
    const keys = [...o.facts].filter((k) => k.startsWith(`${type}|${group}|`) && keep(k.split('|')));
    return [...new Set(keys.map((k) => k.split('|')[field]))].sort().join(' ');
  };
  const groupClosed = closedPattern((o) => names(o, 'r', () => true, 3));
  const resources = [];
  for (const [res, r] of [...g.resources].sort(([a], [b]) => a.localeCompare(b))) {
    const versions = {};
    for (const v of [...r.versions].sort()) versions[v] = pattern((m) => letter(`r|${group}|${v}|${res}`, m));
    const served = any(Object.values(versions));
    // A subresource or verb of an API version is served only while that version is.
    const underVersion = (v, key) => pattern((m, i) => (versions[v][i] === 'n' ? 'n' : letter(key, m)));
    const subNames = (o) => names(o, 's', (parts) => parts[3] === res, 4);
    const subClosed = closedPattern(subNames);
    // The eight verbs are all known names: a verb in neither neighbour is not served.
    const verbsOf = (sub) => {
      const verbs = {};
      for (const verb of VERBS) {
        const p = any(Object.keys(versions).map((v) => underVersion(v, `v|${group}|${v}|${res}|${sub}|${verb}`)));
        if (p.includes('y') || p.includes('?')) verbs[verb] = p;
      }
      return verbs;
    };
    const subresources = [];
    for (const sub of [...r.subs.keys()].sort()) {
      const subServed = any(Object.keys(versions).map((v) => underVersion(v, `s|${group}|${v}|${res}|${sub}`)));
      subresources.push({ name: sub, served: subServed, verbs: verbsOf(sub) });
    }
    const info = latestInfo(group, res) ?? {};
    resources.push({
      name: res,
      kind: info.kind ?? '',
      namespaced: info.namespaced ?? false,
      served,
      versions,
      subresourcesClosed: subClosed,
      verbs: verbsOf(''),
      subresources,
    });
  }
  groups.push({ name: group, served: any(resources.map((r) => r.served)), resourcesClosed: groupClosed, resources });
}

const header = `// GENERATED by scripts/kubernetes-api/generate.mjs from data/kubernetes-api/: do not edit.
// What kube-apiserver serves, per minor version: each pattern has one letter per minor from
// 1.${OLDEST} to 1.${NEWEST} (y served, n not served, ? unknown). data/kubernetes-api/README.md
// says where each file comes from and how the letters are derived.
`;
const sources = [
  ...exact.map((e) => ({ minor: e.minor, exact: true, source: e.data.source })),
  ...snapshots.map((s) => ({ exact: false, source: s.data.source })),
  { exact: false, source: removals.source },
];
const data = { oldestMinor: OLDEST, newestMinor: NEWEST, exactMinors: exact.map((e) => e.minor), sources, groups };
const body = `${header}
import type { ApiData } from './kubernetesApiTypes';

export const KUBERNETES_API: ApiData = ${JSON.stringify(data, null, 1).replace(/\n\s*/g, ' ')};
`;
// One group per line keeps diffs readable.
const text = body.replace(/ \{ "name": /g, '\n  { "name": ').replace(/\]\}\s*;\s*$/, ']};\n');
if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== text) {
    console.error(`${path.relative(repo, out)} is out of date: run node scripts/kubernetes-api/generate.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, text);
  console.log(`wrote ${path.relative(repo, out)} (${text.length} bytes, ${groups.length} groups)`);
}

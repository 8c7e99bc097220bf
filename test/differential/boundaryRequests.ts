// Requests at the edges of the classes a diff reports: each class's own request with one attribute
// set to each value the class's sets name (inside and outside them), to the empty value and to a
// fresh one, and with each group the class reads joined or left. A class drawn one value too wide or
// too narrow shows up here first.
import type { Change } from '../../server/src/service';
import type { OracleAttributes } from '../helpers/oracle';
import { oracleAttributes } from './realRequests';

const DIMENSIONS = ['user', 'verb', 'namespace', 'apiGroup', 'resource', 'subresource', 'name', 'path'] as const;
/** UNAUTHENTICATED in diff/cell.ts: the cells' name for a request without a user. */
const NO_USER = '\u0000unauthenticated';

/** Values of a path region key (diff/candidates.ts pathRegionKey): its paths and their neighbours. */
function regionPaths(key: string): string[] {
  try {
    const region = JSON.parse(key) as { exact?: string; prefix?: string; notPrefixes?: string[]; notExact?: string[] };
    const bases = [region.exact, region.prefix, ...(region.notPrefixes ?? []), ...(region.notExact ?? [])];
    return bases
      .filter((b): b is string => b !== undefined)
      .flatMap((b) => [b, `${b}x`, `${b}/x`, b.slice(0, -1)])
      .filter((p) => p.startsWith('/'));
  } catch {
    return [];
  }
}

export function boundaryRequests(changes: readonly Change[], limit: number): OracleAttributes[] {
  const out: OracleAttributes[] = [];
  for (const change of changes) {
    const base = oracleAttributes(change.request);
    for (const dim of DIMENSIONS) {
      const set = change.cell[dim];
      const listed = set === undefined ? [] : 'in' in set ? set.in : set.notIn;
      const values =
        dim === 'path' ? listed.flatMap(regionPaths) : [...listed, '', `${String(base[dim] ?? '')}x`, 'fresh'];
      for (const value of new Set(values)) {
        if (dim === 'user') {
          // Without a user (and, below, no `groups` key: the oracle reads one as a user named "").
          out.push(value === NO_USER ? { ...base, user: undefined, groups: [] } : { ...base, user: value });
        } else out.push({ ...base, [dim]: value });
      }
    }
    for (const group of Object.keys(change.cell.groups)) {
      const groups = base.groups ?? [];
      out.push({ ...base, groups: groups.includes(group) ? groups.filter((g) => g !== group) : [...groups, group] });
    }
    out.push({ ...base, resourceRequest: !base.resourceRequest });
  }
  // Spread over the classes rather than the first few.
  const step = Math.max(1, Math.floor(out.length / limit));
  return out
    .filter((_, i) => i % step === 0)
    .slice(0, limit)
    .map(({ groups, ...r }) => (r.user === undefined && (groups ?? []).length === 0 ? r : { ...r, groups }));
}

// Merges cells that change the same way into fewer, larger classes a person can read. Two cells
// that agree on every attribute but one are replaced by one cell holding the union of that
// attribute's values, until no two cells can be merged: the union of cells that change the same
// way changes the same way, so the classes stay exact.
import { setKey, union } from './cell';
import type { Cell, RequestKind } from './cell';

const SETS = ['user', 'verb', 'namespace', 'apiGroup', 'resource', 'subresource', 'name', 'path'] as const;

export interface Mergeable<T> {
  readonly cell: Cell;
  readonly item: T;
}

type Dim = 'kind' | (typeof SETS)[number] | `group:${string}`;

function dimKey(cell: Cell, dim: Dim): string {
  if (dim === 'kind') return cell.kind ?? '*';
  if (dim.startsWith('group:')) {
    const member = cell.groups[dim.slice(6)];
    return member === undefined ? '*' : String(member);
  }
  return setKey(cell[dim as (typeof SETS)[number]]);
}

function mergeDim(a: Cell, b: Cell, dim: Dim): Cell {
  if (dim === 'kind') return a.kind === b.kind ? a : withoutKind(a);
  if (dim.startsWith('group:')) {
    const g = dim.slice(6);
    if (a.groups[g] === b.groups[g]) return a;
    const groups = { ...a.groups };
    delete groups[g];
    return { ...a, groups };
  }
  const merged = union(a[dim as (typeof SETS)[number]], b[dim as (typeof SETS)[number]]);
  const out: Record<string, unknown> = { ...a };
  if (merged === undefined) delete out[dim];
  else out[dim] = merged;
  return out as unknown as Cell;
}

function withoutKind(cell: Cell): Cell {
  const { kind: _kind, ...rest } = cell as Cell & { kind?: RequestKind };
  return rest;
}

export function mergeCells<T>(cells: readonly Mergeable<T>[]): Mergeable<T>[] {
  let current = [...cells];
  for (let changed = true; changed;) {
    changed = false;
    const groups = [...new Set(current.flatMap((c) => Object.keys(c.cell.groups)))].sort();
    const dims: Dim[] = ['kind', ...SETS, ...groups.map((g): Dim => `group:${g}`)];
    for (const dim of dims) {
      const others = dims.filter((d) => d !== dim);
      const buckets = new Map<string, Mergeable<T>>();
      for (const c of current) {
        const key = others.map((d) => dimKey(c.cell, d)).join('\u0001');
        const seen = buckets.get(key);
        if (seen) {
          buckets.set(key, { cell: mergeDim(seen.cell, c.cell, dim), item: seen.item });
          changed = true;
        } else {
          buckets.set(key, c);
        }
      }
      current = [...buckets.values()];
    }
  }
  return current;
}

// Whether a request belongs to a cell: the meaning of a cell, used to check the diff's classes
// against the evaluator (a class is reported if and only if its requests change).
import type { RequestAttributes } from '../engine/request';
import { UNAUTHENTICATED } from './cell';
import type { Cell, ValueSet } from './cell';
import { inPathRegion, pathRegion } from './candidates';

const inSet = (set: ValueSet | undefined, value: string): boolean =>
  set === undefined || ('in' in set ? set.in.includes(value) : !set.notIn.includes(value));

export function cellContains(cell: Cell, r: RequestAttributes): boolean {
  if (cell.kind !== undefined && (cell.kind === 'resource') !== r.resourceRequest) return false;
  if (!inSet(cell.user, r.user ?? UNAUTHENTICATED)) return false;
  for (const [group, member] of Object.entries(cell.groups)) if (r.groups.includes(group) !== member) return false;
  if (!inSet(cell.verb, r.verb)) return false;
  if (!r.resourceRequest) {
    const path = cell.path;
    if (path === undefined) return true;
    const inside = (key: string): boolean => inPathRegion(pathRegion(key), r.path);
    return 'in' in path ? path.in.some(inside) : !path.notIn.some(inside);
  }
  return (
    inSet(cell.namespace, r.namespace) &&
    inSet(cell.apiGroup, r.apiGroup) &&
    inSet(cell.resource, r.resource) &&
    inSet(cell.subresource, r.subresource) &&
    inSet(cell.name, r.name)
  );
}

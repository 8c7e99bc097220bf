// A cell of the request space: for each attribute of a request, the set of values it may take.
// Sets are finite lists (`in`) or the complement of one (`notIn`); a missing attribute is any value.
// Cells are products, so the union of two cells that differ in one attribute is again a cell.

export type ValueSet = { readonly in: readonly string[] } | { readonly notIn: readonly string[] };

/** The user of a request that failed authentication (no user at all), as a value of `user`. */
export const UNAUTHENTICATED = '\u0000unauthenticated';

export type RequestKind = 'resource' | 'nonResource';

export interface Cell {
  readonly kind?: RequestKind;
  readonly user?: ValueSet;
  /** Membership in the groups that matter: true (a member), false (not a member). */
  readonly groups: Readonly<Record<string, boolean>>;
  readonly verb?: ValueSet;
  readonly namespace?: ValueSet;
  readonly apiGroup?: ValueSet;
  readonly resource?: ValueSet;
  readonly subresource?: ValueSet;
  readonly name?: ValueSet;
  /** Regions of URL paths, each named by a label that says which paths it holds. */
  readonly path?: ValueSet;
}

export const SET_DIMENSIONS = [
  'kind',
  'user',
  'verb',
  'namespace',
  'apiGroup',
  'resource',
  'subresource',
  'name',
  'path',
] as const;
export type SetDimension = Exclude<(typeof SET_DIMENSIONS)[number], 'kind'>;

export function union(a: ValueSet | undefined, b: ValueSet | undefined): ValueSet | undefined {
  if (a === undefined || b === undefined) return undefined;
  let out: ValueSet;
  if ('in' in a && 'in' in b) out = { in: sorted([...a.in, ...b.in]) };
  else if ('notIn' in a && 'notIn' in b) out = { notIn: sorted(a.notIn.filter((v) => b.notIn.includes(v))) };
  else {
    const not = 'notIn' in a ? a.notIn : (b as { notIn: readonly string[] }).notIn;
    const yes = 'in' in a ? a.in : (b as { in: readonly string[] }).in;
    out = { notIn: sorted(not.filter((v) => !yes.includes(v))) };
  }
  return 'notIn' in out && out.notIn.length === 0 ? undefined : out;
}

export function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** A stable key of one attribute of a cell, for comparing cells. */
export function setKey(set: ValueSet | undefined): string {
  if (set === undefined) return '*';
  return 'in' in set ? `in:${JSON.stringify(sorted(set.in))}` : `notIn:${JSON.stringify(sorted(set.notIn))}`;
}

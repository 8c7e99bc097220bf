// An array built with push keeps the spare room V8 gave it to grow (17 slots for one item): a
// 5,000-rule policy has over 100,000 small arrays in its model and decoded rules, and that room was
// a quarter of the live heap after the open. Arrays that are kept are copied to their exact size
// once they are complete (slice allocates exactly the length). Most of those lists are empty (a
// rule's users, userGroups, namespaces, omitStages, resourceNames): they share one frozen list.
export function compact<T>(items: T[]): readonly T[] {
  return items.length === 0 ? (EMPTY as readonly T[]) : items.slice();
}

/** The shared empty list. */
export const EMPTY: readonly never[] = Object.freeze([]);

// Tables keyed by names that come from users' files and logs (verbs, fields, groups, packs): a
// plain object would answer `constructor` or `__proto__` from Object.prototype, so only the
// table's own keys are read, and such a name is as unknown as any other.

/** `table[key]` when the table itself has that key. */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// Short names repeat thousands of times in a large policy (`resources` 9,000 times in 5,000 rules,
// `group`, `level`, `get`, `Metadata`...), and a slice of the text shorter than 13 characters is a
// copy of its own (V8 makes longer ones views of the text). The model keeps one copy of each
// short value: 1.5 MiB less for a 5,000-rule policy. Longer values are left as they are: a view
// kept here would keep an old version of the text alive.
const LONGEST = 12;
/** Enough for the names of any real policy; past it the table starts again rather than grow. */
const LIMIT = 4096;
const table = new Map<string, string>();

/** The one kept copy of a short string equal to `value`, or `value` itself. */
export function interned(value: string): string {
  if (value.length > LONGEST) return value;
  const known = table.get(value);
  if (known !== undefined) return known;
  if (table.size >= LIMIT) table.clear();
  table.set(value, value);
  return value;
}

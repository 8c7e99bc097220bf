// What the mutation generators (mutations.ts, respellings.ts) find in a policy's lines: keys,
// values and list items, by plain regular expressions over the text as people write it.

export const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
export const indentOf = (line: string): string => /^[ \t]*/.exec(line)![0];

/** `key: value`, `- key: value` or `- value` lines: [prefix, value] of the k-th such line. */
export const KEY_VALUE = /^(\s*(?:- +)*[^\s#:'"[{-][^#:]*?:[ \t]+)([^\s#].*?)\s*$/;
export const ITEM_VALUE = /^(\s*- +)([^\s#:[{][^:#]*?)\s*$/;
export const KEY = /^(\s*(?:- +)*)([^\s#:'"[{-][^#:]*?):(?=\s|$)/;
export const BLOCK_KEY = /^(\s*(?:- +)*)([^\s#:'"[{-][^#:]*?):\s*(?:#.*)?$/;

/** The index of the n-th line (cyclically) that passes `test`, or -1 when none does. */
export function nth(lines: readonly string[], test: (line: string) => boolean, n: number): number {
  const found: number[] = [];
  lines.forEach((line, i) => test(line) && found.push(i));
  return found.length === 0 ? -1 : pick(found, n);
}

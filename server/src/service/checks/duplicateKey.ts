// duplicate-key: go-yaml v2 (non-strict, as kube-apiserver's lenient decoder uses it) keeps the
// last of two equal keys in a mapping; the earlier one is silently ignored. Found during the walk
// in structure.ts.
import type { Finding } from '../decode/finding';
import type { MapNode, Pair, ScalarNode } from '../parse/model';

export function keyName(key: ScalarNode): string {
  return key.value === null ? 'null' : String(key.value);
}

/** Whether a later pair of the mapping has the same key (the last one wins). Mappings are small,
 *  so a scan beats building a map for every rule of a large policy. */
export function isOverridden(map: MapNode, index: number, name: string): boolean {
  for (let i = index + 1; i < map.pairs.length; i++) if (keyName(map.pairs[i].key) === name) return true;
  return false;
}

export function duplicateKey(map: MapNode, pair: Pair, name: string, path: string): Finding {
  const winner = [...map.pairs].reverse().find((p) => keyName(p.key) === name) as Pair;
  const shown =
    winner.value && winner.value.kind === 'scalar' ? `\`${String(winner.value.value)}\`` : 'the later value';
  return {
    code: 'duplicate-key',
    start: pair.key.start,
    end: pair.key.end,
    path,
    message: `\`${name}\` appears again later in this mapping; kube-apiserver ignores this one and uses the last (${shown}).`,
    related: [{ start: winner.key.start, end: winner.key.end, message: `the \`${name}\` that kube-apiserver uses` }],
  };
}

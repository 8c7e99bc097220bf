// Our tree built from go-yaml's own nodes, for a file go-yaml reads where the `yaml` package does
// not (libyaml is more lenient in places: a quoted scalar's continuation line may be indented less
// than its key). Values are go-yaml's: its folding, its YAML 1.1 resolution, aliases expanded and
// merge keys (`<<`) applied in its order.
import type { MapNode, Node, Pair, ScalarNode } from '../model';
import type { GoNode } from './load';
import { binaryText } from './binary';
import { ScalarStyle } from './scanner';
import { BINARY_TAG, MERGE_TAG, STR_TAG, TIMESTAMP_TAG, resolve } from './resolve';

/** Expanded alias nodes allowed per character of text before the rest become nulls (go-yaml's
 *  own aliasing limit has already let the document through). */
const ALIAS_BUDGET_PER_CHAR = 10;

export function treeFromGoYaml(root: GoNode, text: string): Node {
  let budget = Math.max(10_000, text.length * ALIAS_BUDGET_PER_CHAR);

  const convert = (n: GoNode, inAlias: boolean): Node => {
    if (inAlias && --budget < 0)
      return { kind: 'scalar', value: null, style: 'plain', start: n.at.offset, end: n.at.offset };
    if (n.kind === 'alias') return convert(n.target, true);
    if (n.kind === 'scalar') return scalar(n, text);
    if (n.kind === 'seq')
      return {
        kind: 'seq',
        items: n.children.map((c) => convert(c, inAlias)),
        flow: n.flow,
        start: n.at.offset,
        end: n.end.offset,
      };
    const pairs: Pair[] = [];
    for (let i = 0; i < n.children.length; i += 2) {
      const key = n.children[i];
      const value = n.children[i + 1];
      if (key.kind === 'scalar' && key.value === '<<' && (key.implicit || key.tag === MERGE_TAG)) {
        pairs.push(...merged(convert(value, inAlias)));
        continue;
      }
      const keyNode = convert(key, inAlias);
      const isEmptyValue =
        value.kind === 'scalar' && value.value === '' && value.implicit && value.at.offset === value.end.offset;
      pairs.push({
        key: keyNode.kind === 'scalar' ? keyNode : complexKey(keyNode, text),
        value: isEmptyValue ? null : convert(value, inAlias),
      });
    }
    const map: MapNode = { kind: 'map', pairs, flow: n.flow, start: n.at.offset, end: n.end.offset };
    return map;
  };
  return convert(root, false);
}

/** decode.go merge: a mapping's pairs, or each mapping of a list from the last to the first (the
 *  first one's keys are set last, so they win). */
function merged(value: Node): Pair[] {
  const maps = value.kind === 'map' ? [value] : value.kind === 'seq' ? [...value.items].reverse() : [];
  return maps.flatMap((m) => (m.kind === 'map' ? m.pairs.map((p) => ({ ...p, merged: true })) : []));
}

function scalar(n: GoNode & { kind: 'scalar' }, text: string): ScalarNode {
  const start = n.at.offset;
  const end = n.end.offset;
  const style =
    n.style === ScalarStyle.SINGLE
      ? 'single'
      : n.style === ScalarStyle.DOUBLE
        ? 'double'
        : n.style === ScalarStyle.PLAIN
          ? 'plain'
          : 'block';
  let value: ScalarNode['value'] = n.value;
  if (n.tag !== '' || n.implicit) {
    const resolved = resolve(n.tag, n.value);
    const v = resolved.value;
    value =
      resolved.tag === BINARY_TAG
        ? binaryText(n.value)
        : resolved.tag === TIMESTAMP_TAG || resolved.tag === STR_TAG || (v !== null && typeof v === 'object')
          ? n.value
          : v;
  }
  return {
    kind: 'scalar',
    value,
    style,
    start,
    end,
    ...(n.tag && n.tag !== '!' ? { tag: n.tag } : {}),
    ...(typeof value === 'boolean' || typeof value === 'number' ? { raw: text.slice(start, end) } : {}),
  };
}

function complexKey(node: Node, text: string): ScalarNode {
  return {
    kind: 'scalar',
    value: text.slice(node.start, node.end),
    style: 'plain',
    start: node.start,
    end: node.end,
    tag: '!complex-key',
  };
}

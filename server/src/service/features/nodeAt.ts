// What the parsed model has at an offset: a key or a value, with its path and the mappings that
// hold it. The rule is found by binary search over the rule items, so the cost does not depend
// on the number of rules.
import type { PolicyDocument } from '../document';
import { isMap } from '../parse/model';
import type { MapNode, Node, ParsedPolicy, RuleItem, ScalarNode } from '../parse/model';
import { ITEM } from './path';

export interface NodeHit {
  /** For a key: the path of its field; for a value: the path of the value. */
  readonly path: readonly string[];
  readonly node: Node;
  readonly isKey: boolean;
  /** Add to the node's offsets to get document offsets. */
  readonly base: number;
  /** The mappings holding the node, outermost first (the last one holds the key or value). */
  readonly maps: readonly MapNode[];
  readonly rule?: RuleItem;
}

export interface RuleHit {
  readonly rule: RuleItem;
  /** Offset of the rule's `- ` (or of its first character when there is none). */
  readonly start: number;
}

/** The `- ` of a rule item: rule items parsed on their own start at their line, others at their node. */
export function ruleStart(parsed: ParsedPolicy, rule: RuleItem): number {
  let i = rule.base + rule.node.start - 1;
  while (i >= 0 && (parsed.text[i] === ' ' || parsed.text[i] === '\n' || parsed.text[i] === '\r')) i--;
  return i >= 0 && parsed.text[i] === '-' ? i : rule.base + rule.node.start;
}

/** The rule item whose text holds `offset`, if any. */
export function ruleAt(parsed: ParsedPolicy, offset: number): RuleHit | undefined {
  const rules = parsed.rules;
  let low = 0;
  let high = rules.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (ruleStart(parsed, rules[mid]) <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (found === -1) return undefined;
  const rule = rules[found];
  if (offset > rule.base + rule.node.end) return undefined;
  return { rule, start: ruleStart(parsed, rule) };
}

export function nodeAt(doc: PolicyDocument, offset: number): NodeHit | undefined {
  const { parsed } = doc;
  const root = parsed.root;
  if (!root) return undefined;
  if (isMap(root)) {
    for (const pair of root.pairs) {
      if (contains(pair.key, 0, offset))
        return { path: [keyOf(pair.key)], node: pair.key, isKey: true, base: 0, maps: [root] };
      if (pair.key.value === 'rules' && parsed.rules.length > 0 && pair.value && contains(pair.value, 0, offset)) {
        const hit = ruleAt(parsed, offset);
        return hit ? descend(hit.rule.node, ['rules', ITEM], hit.rule.base, offset, [], hit.rule) : undefined;
      }
      if (pair.value && contains(pair.value, 0, offset))
        return descend(pair.value, [keyOf(pair.key)], 0, offset, [root]);
    }
    return undefined;
  }
  return descend(root, [], 0, offset, []);
}

function descend(
  node: Node,
  path: string[],
  base: number,
  offset: number,
  maps: MapNode[],
  rule?: RuleItem,
): NodeHit | undefined {
  if (node.kind === 'map') {
    const inside = [...maps, node];
    for (const pair of node.pairs) {
      if (contains(pair.key, base, offset))
        return { path: [...path, keyOf(pair.key)], node: pair.key, isKey: true, base, maps: inside, rule };
      if (pair.value && contains(pair.value, base, offset))
        return descend(pair.value, [...path, keyOf(pair.key)], base, offset, inside, rule);
    }
    return undefined;
  }
  if (node.kind === 'seq') {
    for (const item of node.items)
      if (contains(item, base, offset)) return descend(item, [...path, ITEM], base, offset, maps, rule);
    return undefined;
  }
  return { path, node, isKey: false, base, maps, rule };
}

function contains(node: Node, base: number, offset: number): boolean {
  return base + node.start <= offset && offset <= base + node.end && node.end > node.start;
}

function keyOf(key: ScalarNode): string {
  return key.value === null ? '' : String(key.value);
}

// Small helpers to read values the way kube-apiserver's JSON decoding sees them.
import type { Node, ScalarNode } from '../parse/model';

/** A scalar that decodes into a Go string: a YAML string, or null (the zero value ""). */
export function isStringLike(node: Node): node is ScalarNode {
  return node.kind === 'scalar' && (typeof node.value === 'string' || node.value === null);
}

export function stringValue(node: Node | null | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

export function describeNode(node: Node): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'boolean') return `the boolean \`${sourceWord(node)}\``;
  if (typeof v === 'number') return `the number \`${String(v)}\``;
  return `the string ${JSON.stringify(v)}`;
}

function sourceWord(node: ScalarNode): string {
  return node.raw ?? String(node.value);
}

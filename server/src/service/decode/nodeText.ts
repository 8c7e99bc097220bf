// Small helpers to read values the way kube-apiserver's JSON decoding sees them.
import type { Node, ScalarNode } from '../parse/model';

/** A null scalar (`null`, `~` or nothing at all): decoded, it is the zero value of its field. */
export function isNull(node: Node | null | undefined): node is ScalarNode & { readonly value: null } {
  return node !== null && node !== undefined && node.kind === 'scalar' && node.value === null;
}

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
  return `the string ${quoteShort(v)}`;
}

/** A value for a message: quoted, and cut short so a binary blob does not become the message. */
export function quoteShort(value: string, max = 60): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

function sourceWord(node: ScalarNode): string {
  return node.raw ?? String(node.value);
}

/** A list for a message, as kube-apiserver prints one (compact JSON), cut short when long. */
export function quoteList(values: readonly string[], max = 120): string {
  const text = JSON.stringify(values);
  return text.length > max ? `${text.slice(0, max)}…]` : text;
}

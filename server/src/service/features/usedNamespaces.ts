// The namespaces a policy already names, offered when another rule lists namespaces. This is the
// one completion that reads every rule, so the result is kept per parsed version of the document.
import type { ParsedPolicy } from '../parse/model';
import { FieldsView } from '../decode/fields';

const cache = new WeakMap<ParsedPolicy, readonly string[]>();

export function usedNamespaces(parsed: ParsedPolicy): readonly string[] {
  const known = cache.get(parsed);
  if (known) return known;
  const names = new Set<string>();
  for (const rule of parsed.rules) {
    if (rule.node.kind !== 'map') continue;
    for (const { value } of new FieldsView(rule.node).strings('namespaces')) if (value.trim() !== '') names.add(value);
  }
  const result = [...names].sort();
  cache.set(parsed, result);
  return result;
}

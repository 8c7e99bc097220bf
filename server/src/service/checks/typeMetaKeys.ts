// What invalid-api-version and invalid-kind say when the value comes from, or fails at, a key that
// spells the field in another case (`ApiVersion`, `KIND`): kube-apiserver's JSON serializer reads
// the type with Go's encoding/json, which matches keys regardless of case (decode/typeMeta.ts).
import type { Finding } from '../decode/finding';
import type { TypeMetaName } from '../decode/typeMeta';
import { findPair } from '../parse/model';
import type { MapNode, Node, Pair } from '../parse/model';
import { REFUSE } from './check';

/** A note for a message whose value comes from another spelling of the key; '' for the key itself. */
export function viaOtherKey(pair: Pair, name: TypeMetaName): string {
  const key = String(pair.key.value);
  return key === name
    ? ''
    : ` (read from \`${key}\`: Go's encoding/json, which reads the type, matches keys in any case)`;
}

/** The JSON type sigs.k8s.io/yaml gives a decoded YAML node, as encoding/json names it in a type
 *  error (a timestamp or a binary scalar is a string). */
export function jsonTypeOf(node: Node): 'object' | 'array' | 'bool' | 'number' | 'string' {
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  return typeof node.value === 'boolean' ? 'bool' : typeof node.value === 'number' ? 'number' : 'string';
}

/** Interpret's type error, unless the structure walk reports this pair already (the one `name` key
 *  the decoder keeps, as wrong-type). */
export function typeMetaWrongType(root: MapNode, pair: Pair, name: TypeMetaName): Finding[] {
  if (pair.key.value === name && findPair(root, name) === pair) return [];
  const value = pair.value!;
  const jsonType = jsonTypeOf(value);
  return [
    {
      code: 'wrong-type',
      start: value.start,
      end: value.end,
      path: String(pair.key.value),
      message:
        `${REFUSE} failed decoding: couldn't get version/kind; json parse error: json: cannot unmarshal ` +
        `${jsonType} into Go struct field .${name} of type string${viaOtherKey(pair, name)}. ` +
        `Write the ${name} as a string.`,
    },
  ];
}

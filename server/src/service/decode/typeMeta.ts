// The apiVersion and kind kube-apiserver takes the policy to have. Before it decodes the object, its
// JSON serializer reads them with Go's encoding/json (apimachinery runtime/serializer/json/meta.go,
// SimpleMetaFactory.Interpret, the same in 1.20 and 1.36), which matches keys regardless of case:
// `ApiVersion`, `APIVERSION` or `Kind` name the type too, although the case-sensitive decoder of
// the object drops them afterwards. Every key that does is read in turn and the last string wins; a
// null leaves the value as it was; any other value fails decoding. The keys come in the order the
// serializer sees them: a YAML file goes through sigs.k8s.io/yaml, whose json.Marshal writes one
// key per name (the last) sorted bytewise; a JSON file is read as written, duplicates and all.
import type { MapNode, Pair, ScalarNode } from '../parse/model';
import { isNull } from './nodeText';

export type TypeMetaName = 'apiVersion' | 'kind';

export interface TypeMetaField {
  /** The pair the value comes from; undefined when no key names the field with a string. */
  readonly pair?: Pair & { readonly value: ScalarNode & { readonly value: string } };
  /** Its string; '' when there is none (kube-apiserver then applies its defaults). */
  readonly value: string;
  /** The first pair, in reading order, whose value is neither a string nor null: Interpret fails
   *  (`json: cannot unmarshal number into Go struct field .apiVersion of type string`). */
  readonly wrongType?: Pair;
}

export function typeMetaField(root: MapNode, name: TypeMetaName, json: boolean): TypeMetaField {
  let pair: TypeMetaField['pair'];
  let wrongType: Pair | undefined;
  for (const candidate of readingOrder(root, name, json)) {
    const value = candidate.value;
    if (value === null || isNull(value)) continue;
    if (value.kind === 'scalar' && typeof value.value === 'string')
      pair = candidate as NonNullable<TypeMetaField['pair']>;
    else wrongType ??= candidate;
  }
  return { ...(pair ? { pair } : {}), value: pair?.value.value ?? '', ...(wrongType ? { wrongType } : {}) };
}

/** Whether a key is one encoding/json matches to the field but the object's decoder does not. */
export function foldsToTypeMeta(key: string): TypeMetaName | undefined {
  if (key === 'apiVersion' || key === 'kind') return undefined;
  if (equalFold('apiVersion', key)) return 'apiVersion';
  if (equalFold('kind', key)) return 'kind';
  return undefined;
}

function readingOrder(root: MapNode, name: TypeMetaName, json: boolean): Pair[] {
  const matching = root.pairs.filter((p) => typeof p.key.value === 'string' && equalFold(name, p.key.value));
  if (json) return matching;
  const last = new Map<string, Pair>();
  for (const p of matching) last.set(p.key.value as string, p);
  // Candidate keys hold only ASCII, U+017F and U+212A: UTF-16 order is their UTF-8 byte order.
  return [...last.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

/** encoding/json's key match for an ASCII field name (equalFoldRight in Go 1.20's fold.go; Go 1.21's
 *  foldName agrees): ASCII letters in any case, and the two non-ASCII letters that fold to one,
 *  U+017F (ſ) to s and U+212A (Kelvin sign) to k. */
function equalFold(name: string, key: string): boolean {
  const runes = [...key];
  if (runes.length !== name.length) return false;
  for (let i = 0; i < runes.length; i++) {
    const want = name[i].toLowerCase();
    const got = runes[i];
    if (got === '\u017f') {
      if (want !== 's') return false;
    } else if (got === '\u212a') {
      if (want !== 'k') return false;
    } else if (got.length !== 1 || got.charCodeAt(0) > 0x7f || got.toLowerCase() !== want) return false;
  }
  return true;
}

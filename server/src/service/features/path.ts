// Where something sits in a policy, as a path of keys and `[]` (an item of a list): the key
// `group` of a resources entry is at ['rules', '[]', 'resources', '[]', 'group']. Completion
// builds paths from text, hover from the parsed model; both ask this file what the path means.
import { fieldsOf, findField } from '../catalogue/fields';
import type { FieldContext, FieldSpec } from '../catalogue/fields';

export const ITEM = '[]';
export type PolicyPath = readonly string[];

export type Place =
  /** Keys of a mapping of this kind. */
  | { readonly kind: 'map'; readonly context: FieldContext }
  /** The value of a field (a scalar for string fields, the whole list for list fields). */
  | { readonly kind: 'value'; readonly field: FieldSpec }
  /** One item of a list of strings. */
  | { readonly kind: 'item'; readonly field: FieldSpec }
  /** A key inside an ObjectMeta (`metadata`), which the audit system ignores. */
  | { readonly kind: 'other' };

/** What the path points at; undefined when it leaves the policy's shape. */
export function placeOf(path: PolicyPath): Place | undefined {
  let context: FieldContext = 'policy';
  for (let i = 0; i < path.length; i++) {
    if (context === 'metadata') return { kind: 'other' };
    const field = findField(context, path[i]);
    if (!field) return undefined;
    const rest = path.length - i - 1;
    if (rest === 0) return { kind: 'value', field };
    if (path[i + 1] !== ITEM) {
      if (field.type !== 'object') return undefined;
      context = 'metadata';
      continue;
    }
    if (field.type === 'ruleList' || field.type === 'groupResourcesList') {
      context = field.type === 'ruleList' ? 'rule' : 'groupResources';
      i++;
      continue;
    }
    if ((field.type === 'stringList' || field.type === 'stageList') && rest === 1) return { kind: 'item', field };
    return undefined;
  }
  return { kind: 'map', context };
}

export function isStringList(field: FieldSpec): boolean {
  return field.type === 'stringList' || field.type === 'stageList';
}

/** The keys a mapping of this context may hold. */
export function keysOf(context: FieldContext): readonly FieldSpec[] {
  return fieldsOf(context);
}

import type { FieldContext, FieldSpec } from '../catalogue/fields';
export declare const ITEM = "[]";
export type PolicyPath = readonly string[];
export type Place = 
/** Keys of a mapping of this kind. */
{
    readonly kind: 'map';
    readonly context: FieldContext;
}
/** The value of a field (a scalar for string fields, the whole list for list fields). */
 | {
    readonly kind: 'value';
    readonly field: FieldSpec;
}
/** One item of a list of strings. */
 | {
    readonly kind: 'item';
    readonly field: FieldSpec;
}
/** A key inside an ObjectMeta (`metadata`), which the audit system ignores. */
 | {
    readonly kind: 'other';
};
/** What the path points at; undefined when it leaves the policy's shape. */
export declare function placeOf(path: PolicyPath): Place | undefined;
export declare function isStringList(field: FieldSpec): boolean;
/** The keys a mapping of this context may hold. */
export declare function keysOf(context: FieldContext): readonly FieldSpec[];

import type { FieldContext, FieldSpec } from '../catalogue/fields';
import type { Finding } from '../decode/finding';
import type { Node, ScalarNode } from '../parse/model';
/** How a place is named in messages (`a rule`, `a resources entry`, ...). */
export declare function contextName(context: FieldContext): string;
export declare function notAMapping(node: Node, path: string, context: FieldContext): Finding;
export declare function complexKey(key: ScalarNode, path: string): Finding;
/** The value of a known field, checked against the field's type without looking inside mappings
 *  (the walk goes into those); null decodes as the zero value and is always fine. */
export declare function valueTypeFindings(field: FieldSpec, value: Node, path: string): Finding[];

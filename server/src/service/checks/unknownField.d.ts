import type { FieldContext, FieldSpec } from '../catalogue/fields';
import type { Finding } from '../decode/finding';
import type { ScalarNode } from '../parse/model';
/** The field a key names at this place for this Kubernetes version, or the finding that it is
 *  dropped. Metadata fields are known by name only (their values are not checked). */
export declare function lookUpField(context: FieldContext, key: ScalarNode, name: string, path: string, minor: number): {
    field?: FieldSpec;
    finding?: Finding;
};

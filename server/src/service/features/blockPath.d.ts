import type { PolicyDocument } from '../document';
/**
 * The path of the element at column `col` of line `line`: a mapping key (`seq` false) or a
 * `- ` item marker (`seq` true). Returns the path of the collection holding it.
 */
export declare function blockPath(doc: PolicyDocument, line: number, col: number, seq: boolean, parentKey?: {
    line: number;
    col: number;
}): string[];

import type { PolicyDocument } from '../document';
export interface CompletionContext {
    /** `key`: a key of the mapping at `path`; `value`: the value at `path` (ends in a key or `[]`). */
    readonly kind: 'key' | 'value';
    readonly path: string[];
    readonly flow: boolean;
    /** The quote the user opened, kept when inserting. */
    readonly quote?: '"' | "'";
    /** What was typed before the cursor (quote removed). */
    readonly typed: string;
    /** The document range an item replaces. */
    readonly replaceStart: number;
    readonly replaceEnd: number;
    /** For keys: keys the mapping already has. For values: keys (and value text) of the mapping holding the field. */
    readonly siblings: ReadonlyMap<string, string>;
    /** After `- `: the keys on the lines below, in case the item is a mapping whose first key is being typed. */
    readonly itemKeys?: ReadonlyMap<string, string>;
    /** For list items: the other items of the same list, not offered again. */
    readonly present?: ReadonlySet<string>;
    /** Block keys: the column new lines of a multi-line insert are indented to. */
    readonly column: number;
    /** A key typed where a colon already follows: replace the name only. */
    readonly hasColon: boolean;
    /** The cursor follows a fresh `- ` (a new list item). */
    readonly newItem: boolean;
}
export declare function completionContext(doc: PolicyDocument, offset: number): CompletionContext | undefined;

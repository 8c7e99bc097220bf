import type { LineIndex } from '../text/lineIndex';
export interface LineElement {
    readonly kind: 'dash' | 'key' | 'scalar';
    /** Column (0-based) and document offset of the element's first character. */
    readonly col: number;
    readonly offset: number;
    /** For keys: the key's name (quotes removed), its end offset and the colon's offset. */
    readonly key?: string;
    readonly keyEnd?: number;
    readonly colon?: number;
    /** For keys: the first character after the colon and its spaces; whether a value follows on the line. */
    readonly valueStart?: number;
    readonly hasValue?: boolean;
}
export interface LineShape {
    readonly line: number;
    readonly start: number;
    /** Offset of the line's end, before its line break. */
    readonly end: number;
    /** True for blank and comment-only lines. */
    readonly blank: boolean;
    readonly elements: readonly LineElement[];
}
export declare function lineShape(text: string, lines: LineIndex, line: number): LineShape;
export declare function skipSpaces(text: string, i: number, end: number): number;
/** The offset of the quote closing the one at `open`, or -1 when the line ends first. */
export declare function closingQuote(text: string, open: number, end: number): number;
export declare function unquote(raw: string): string;
/** The key that sits exactly at column `col` on this line, if any. */
export declare function keyAtColumn(shape: LineShape, col: number): LineElement | undefined;
/**
 * The keys of the block mapping whose keys sit at column `col` and which includes line `line`,
 * with the text of each key's value on its own line. Scans up and down until the mapping ends,
 * never more than a few hundred lines.
 */
export declare function blockMapKeys(text: string, lines: LineIndex, line: number, col: number, skipLine?: number): Map<string, string>;

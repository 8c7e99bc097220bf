import type { LineIndex } from '../text/lineIndex';
export interface FlowFrame {
    readonly open: '[' | '{';
    readonly offset: number;
    /** Where the entry the cursor is in starts (after the bracket or the last comma). */
    entryStart: number;
    /** In a flow mapping: the key of the current entry once its colon was seen. */
    key?: string;
    valueStart?: number;
}
export interface FlowScan {
    /** Open brackets at the cursor, outermost first; empty in block context. */
    readonly frames: readonly FlowFrame[];
    /** A quote that is open at the cursor: its character and offset. */
    readonly openQuote?: {
        readonly char: '"' | "'";
        readonly offset: number;
    };
}
/** Scans from the start of the statement holding `offset` (a flow collection may span lines). */
export declare function scanFlow(text: string, lines: LineIndex, offset: number): FlowScan;
/** The keys of the flow mapping opened at `open`, with their values' text. */
export declare function flowMapKeys(text: string, open: number): Map<string, string>;
/** The items of the flow list opened at `open` (quotes removed), except the one holding `skip`. */
export declare function flowListItems(text: string, open: number, skip: number): Set<string>;

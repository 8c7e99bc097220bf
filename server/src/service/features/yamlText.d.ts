export declare function needsQuotes(value: string, flow: boolean): boolean;
export declare function quoteAs(value: string, quote: '"' | "'"): string;
/** The text to write for `value`; `quote` is the quote the user already typed, if any. */
export declare function scalarText(value: string, flow: boolean, quote?: '"' | "'"): string;

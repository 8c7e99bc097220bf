/** Line number -> the codes silenced on it (an empty set silences every code). */
export declare function suppressedLines(text: string): Map<number, Set<string>>;

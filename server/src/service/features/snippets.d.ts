export interface RuleSnippet {
    readonly label: string;
    readonly detail: string;
    readonly body: readonly string[];
}
export declare const RULE_SNIPPETS: readonly RuleSnippet[];
/** The snippet text with every line after the first indented to `column`. */
export declare function indentSnippet(body: readonly string[], column: number): string;

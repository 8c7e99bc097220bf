import type { PolicyDocument } from '../document';
import type { MapNode, Node, ParsedPolicy, RuleItem } from '../parse/model';
export interface NodeHit {
    /** For a key: the path of its field; for a value: the path of the value. */
    readonly path: readonly string[];
    readonly node: Node;
    readonly isKey: boolean;
    /** Add to the node's offsets to get document offsets. */
    readonly base: number;
    /** The mappings holding the node, outermost first (the last one holds the key or value). */
    readonly maps: readonly MapNode[];
    readonly rule?: RuleItem;
}
export interface RuleHit {
    readonly rule: RuleItem;
    /** Offset of the rule's `- ` (or of its first character when there is none). */
    readonly start: number;
}
/** The `- ` of a rule item: rule items parsed on their own start at their line, others at their node. */
export declare function ruleStart(parsed: ParsedPolicy, rule: RuleItem): number;
/** The rule item whose text holds `offset`, if any. */
export declare function ruleAt(parsed: ParsedPolicy, offset: number): RuleHit | undefined;
export declare function nodeAt(doc: PolicyDocument, offset: number): NodeHit | undefined;

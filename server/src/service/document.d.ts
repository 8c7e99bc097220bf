import { RuleParseCache } from './parse/ruleCache';
import type { Node, ParsedPolicy } from './parse/model';
import { LineIndex } from './text/lineIndex';
import type { Finding } from './decode/finding';
import type { AnalysisSlot } from './engine/analysis';
export declare class DocumentCaches {
    readonly ruleParses: RuleParseCache;
    /** Per-rule findings by Kubernetes minor version, keyed by the rule's parsed node. */
    readonly ruleFindings: WeakMap<Node, Map<number, readonly Finding[]>>;
    /** The latest analysis of how rules cover each other, for the next version to start from. */
    readonly analysis: AnalysisSlot;
}
export interface PolicyDocument {
    readonly uri: string;
    readonly version: number;
    readonly text: string;
    readonly lines: LineIndex;
    readonly parsed: ParsedPolicy;
    readonly caches: DocumentCaches;
}
export declare function createPolicyDocument(uri: string, version: number, text: string, previous?: PolicyDocument): PolicyDocument;

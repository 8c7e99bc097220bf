import type { PolicyDocument } from '../document';
import type { RequestAttributes, RequestInput } from '../engine/request';
export interface TraceEntry {
    /** 0-based index of a rule that did not match. */
    readonly rule: number;
    /** 1-based line of that rule. */
    readonly line: number;
    /** The first selector that did not match. */
    readonly field: string;
    readonly reason: string;
}
export interface Explanation {
    /** 0-based index of the matching rule, null when no rule matches. */
    readonly rule: number | null;
    /** 1-based line of the matching rule, null when no rule matches. */
    readonly line: number | null;
    readonly level: string;
    readonly omitStages: string[];
    readonly omitManagedFields: boolean;
    readonly trace: TraceEntry[];
}
/** A request as a line (`alice DELETE /api/v1/...`) or as attributes. */
export type ExplainRequest = string | RequestInput;
export declare function toAttributes(request: ExplainRequest): RequestAttributes;
export declare function explain(doc: PolicyDocument, request: RequestAttributes): Explanation;
/** The same answer in words, one fact per line. */
export declare function formatExplanation(request: RequestAttributes, e: Explanation): string;

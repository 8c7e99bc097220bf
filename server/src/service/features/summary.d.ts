import type { Node } from '../parse/model';
/** The sentence shown on hover. */
export declare function describeRule(rule: Node, policyStages?: readonly string[]): string;
/** The line shown in the outline, after the rule's number. */
export declare function shortSummary(rule: Node): string;

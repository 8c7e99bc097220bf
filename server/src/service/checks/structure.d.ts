import type { DocumentCheck, RuleCheck } from './check';
export declare const checkRuleStructure: RuleCheck;
export declare const checkPolicyStructure: DocumentCheck;

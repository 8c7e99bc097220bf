import type { DocumentCheck, RuleCheck } from './check';
export declare const checkRuleStages: RuleCheck;
export declare const checkPolicyStages: DocumentCheck;

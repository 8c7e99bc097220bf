import type { RuleCheck } from './check';
export declare const checkMissingLevel: RuleCheck;

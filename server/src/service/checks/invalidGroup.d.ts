import type { RuleCheck } from './check';
export declare const checkInvalidGroup: RuleCheck;

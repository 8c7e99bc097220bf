import type { RuleCheck } from './check';
export declare const checkInvalidLevel: RuleCheck;

import type { RuleCheck } from './check';
export declare const checkInvalidNonResourceUrl: RuleCheck;

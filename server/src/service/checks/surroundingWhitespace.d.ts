import type { RuleCheck } from './check';
export declare const checkSurroundingWhitespace: RuleCheck;

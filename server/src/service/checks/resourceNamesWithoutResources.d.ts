import type { RuleCheck } from './check';
export declare const checkResourceNamesWithoutResources: RuleCheck;

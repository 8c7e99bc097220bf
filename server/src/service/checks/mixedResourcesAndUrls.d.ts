import type { RuleCheck } from './check';
export declare const checkMixedResourcesAndUrls: RuleCheck;

import type { DocumentCheck, RuleCheck } from './check';
export type { DocumentCheck, RuleCheck } from './check';
export { syntaxFinding } from './yamlSyntax';
export declare const RULE_CHECKS: readonly RuleCheck[];
export declare const DOCUMENT_CHECKS: readonly DocumentCheck[];

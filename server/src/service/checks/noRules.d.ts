import type { DocumentCheck } from './check';
export declare const checkNoRules: DocumentCheck;

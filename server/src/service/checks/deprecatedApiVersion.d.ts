import type { DocumentCheck } from './check';
export declare const checkDeprecatedApiVersion: DocumentCheck;

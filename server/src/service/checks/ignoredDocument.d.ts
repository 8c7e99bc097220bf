import type { DocumentCheck } from './check';
export declare const checkIgnoredDocument: DocumentCheck;

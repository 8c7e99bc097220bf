import type { DocumentCheck } from './check';
export declare const checkInvalidKind: DocumentCheck;

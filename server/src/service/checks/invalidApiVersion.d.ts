import type { DocumentCheck } from './check';
/** The versions kube-apiserver once served and removed (deprecated-api-version warns before that). */
export declare const REMOVED_VERSIONS: string[];
export declare const checkInvalidApiVersion: DocumentCheck;

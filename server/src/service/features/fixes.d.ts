import type { DiagnosticCode } from '../catalogue/codes';
import type { PolicyDocument } from '../document';
import type { OffsetEdit } from './edits';
export interface Problem {
    readonly code: string;
    readonly start: number;
    readonly end: number;
    readonly data: Readonly<Record<string, unknown>>;
}
export interface Fix {
    readonly title: string;
    readonly edits: readonly OffsetEdit[];
    readonly preferred?: boolean;
}
type Fixer = (doc: PolicyDocument, problem: Problem) => Fix[];
export declare const FIXERS: Partial<Record<DiagnosticCode, Fixer>>;
export declare function fixesFor(doc: PolicyDocument, problem: Problem): Fix[];
export {};

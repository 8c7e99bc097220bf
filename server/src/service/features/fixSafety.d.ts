import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
import type { OffsetEdit } from './edits';
export declare function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string;
export declare class FixSafety {
    private readonly doc;
    private readonly settings;
    private before;
    constructor(doc: PolicyDocument, settings: ServiceSettings);
    /** Whether applying `edits` adds no error (a YAML syntax error included) to the document. */
    allows(edits: readonly OffsetEdit[]): boolean;
}

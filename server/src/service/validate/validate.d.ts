import type { Diagnostic } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
import type { Finding } from '../decode/finding';
export declare const DIAGNOSTIC_SOURCE = "kube-audit-policy";
export interface ValidateOptions {
    /** Check the file even when it does not say it is an audit policy (a `files` glob or a CLI path named it). */
    readonly force?: boolean;
}
export declare function findings(doc: PolicyDocument, settings: ServiceSettings, options?: ValidateOptions): Finding[];
export declare function validate(doc: PolicyDocument, settings: ServiceSettings, options?: ValidateOptions): Diagnostic[];

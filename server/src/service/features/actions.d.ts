import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
export declare function doCodeActions(doc: PolicyDocument, range: Range, context: CodeActionContext, settings: ServiceSettings): CodeAction[];
/**
 * Every preferred fix of an error or warning whose edits do not overlap an earlier one (the rest
 * wait for the next run). Advice (information) changes what the policy records, such as adding a
 * catch-all rule, so it is never applied without the user choosing it.
 */
export declare function fixAll(doc: PolicyDocument, settings: ServiceSettings): CodeAction | undefined;

import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { ServiceSettings } from '../settings';
export declare function doComplete(doc: PolicyDocument, position: Position, settings: ServiceSettings): CompletionList;

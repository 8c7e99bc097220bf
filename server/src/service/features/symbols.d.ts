import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
export declare function documentSymbols(doc: PolicyDocument): DocumentSymbol[];

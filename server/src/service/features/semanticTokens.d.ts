import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
export declare const SEMANTIC_TOKEN_LEGEND: SemanticTokensLegend;
/** Tokens of the whole document, or of the lines `from..to` (offsets). */
export declare function semanticTokens(doc: PolicyDocument, from?: number, to?: number): SemanticTokens;

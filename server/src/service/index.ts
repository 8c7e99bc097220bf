// The language service: everything an editor or the command line can ask about an audit policy,
// with no LSP connection and no `vscode`. Parse once per version with `parse`, then call features.
export { createPolicyDocument } from './document';
export type { PolicyDocument } from './document';
export { validate, findings, DIAGNOSTIC_SOURCE } from './validate/validate';
export type { ValidateOptions } from './validate/validate';
export { DEFAULT_SETTINGS } from './settings';
export type { ServiceSettings, SeveritySetting } from './settings';
export { detectPolicy } from './decode/detect';
export { ALL_CODES, CODES, isDiagnosticCode } from './catalogue/codes';
export type { DiagnosticCode, Severity } from './catalogue/codes';
export { NEWEST_MINOR, parseKubernetesVersion, formatMinor } from './catalogue/versions';
export { doComplete } from './features/complete';
export * from './engine';
export { decodeRule } from './decode/decode';
export type { DecodedRule } from './decode/decode';
export { explain, formatExplanation, toAttributes } from './features/explain';
export type { ExplainRequest, Explanation, TraceEntry } from './features/explain';
export { doHover } from './features/hover';
export { documentSymbols, ruleRange } from './features/symbols';
export { doCodeActions, fixAll } from './features/actions';
export { semanticTokens, semanticTokenEdits, SEMANTIC_TOKEN_LEGEND } from './features/semanticTokens';
export { inlayHints } from './features/inlayHints';
export * from './embedded';
export * from './replay';
export { replayPolicy, rowsThatHold } from './features/replayPolicy';
export * from './policyTest';
export * from './diff';

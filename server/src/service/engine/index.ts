// The policy engine's public face: evaluate and explain requests, read request lines.
export { explain, formatExplanation, toAttributes } from './explain';
export type { ExplainRequest, Explanation, TraceEntry } from './explain';
export { attributesFrom, describeRequest, RequestError } from './request';
export type { RequestAttributes, RequestInput } from './request';
export { parseRequestLine, requestFromHttp, resolveRequestInfo } from './requestInfo';
export type { RequestInfo } from './requestInfo';
export { compilePolicy, evaluate, unionStages } from './evaluate';
export type { CompiledPolicy, Evaluation } from './evaluate';
export { compileRule } from './compile';
export type { CompiledRule } from './compile';
export { analysePolicy, unreachableRules } from './analysis';
export type { PolicyAnalysis, RuleVerdict } from './analysis';

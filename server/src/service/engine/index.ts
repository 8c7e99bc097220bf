// The policy engine's public face: evaluate requests, read request lines, compare rules.
export { attributesFrom, describeRequest, RequestError } from './request';
export type { RequestAttributes, RequestInput } from './request';
export { parseRequestLine, requestFromHttp, resolveRequestInfo } from './requestInfo';
export type { RequestInfo } from './requestInfo';
export { compilePolicy, evaluate, unionStages } from './evaluate';
export type { CompiledPolicy, Evaluation } from './evaluate';
export { analysePolicy, unreachableRules } from './analysis';
export type { PolicyAnalysis, RuleVerdict } from './analysis';

// Policy tests: test files, running them, packs of requirements, and pinning today's behaviour.
export { CASE_KEYS, FILE_KEYS, isTestFileName, parseTestFile, REQUEST_KEYS } from './testFile';
export type { Expectations, Span, TestCase, TestFile, TestProblem } from './testFile';
export { decidedBy, failureMessage, runCase, runCases } from './run';
export { runSuite } from './suite';
export type { RefusalCount, SuiteResult } from './suite';
export type { CaseResult } from './run';
export { PACK_NAMES, PACK_TEXTS, requirementPack } from './packs';
export { formatRequestLine, requestInput } from './requestLine';
export { TestGenerator } from './generate';
export { RequestLogReader } from './requestLog';
export type { InputKind, Utf8 } from './requestLog';
export { testFileCompletions, testFileHover } from './editorHelp';
export type { GeneratedTests, GenerateOptions } from './generate';

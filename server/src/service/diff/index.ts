// The semantic diff of two policies: public face.
export { diffPolicies } from './diff';
export type { Change, DiffOptions, Outcome, PolicyDiff } from './diff';
export { DiffTooLargeError } from './explore';
export { changeSummary, diffJson, formatDiffMarkdown, formatDiffText } from './format';
export { cellContains } from './membership';
export { explore } from './explore';
export type { Leaf } from './explore';
export type { Cell } from './cell';

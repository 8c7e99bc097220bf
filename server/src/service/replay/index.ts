// Replay an audit log against a policy: the pure part (bytes in, report out). Reading files,
// gzip and streams belong to the Node side (server/src/node/replayFiles.ts).
export { Replayer } from './replayer';
export type { EventRecord, ReplayerOptions } from './replayer';
export { buildReport, LOG_LIMIT_NOTE } from './report';
export type { PolicyInfo, ReplayReport, RuleRow } from './report';
export { attributesOfEvent, pathOf } from './attributes';
export { decodeLine } from './eventContainers';
export type { LineSink } from './eventContainers';
export { decodeEvent } from './eventFields';
export type { AuditEvent } from './eventFields';
export { formatText } from './render/text';
export { formatMarkdown, escapeMarkdown } from './render/markdown';
export { formatHtml, escapeHtml } from './render/html';
export type { HtmlOptions } from './render/html';
export { ruleSummary, size as formatSize, count as formatCount } from './render/numbers';
export { cut } from './topCounter';
export { isBlank, MAX_LINE_BYTES } from './eventLines';
export { yamlDocuments } from './yamlDocuments';
export { hardWrappedLines } from './hardWrappedLines';
export { indentOf, JsonArrayLines, opensArray } from './jsonArrayLines';
export { wrappedArrayStart } from './wrappedArray';
export { JsonFollower } from './jsonFollower';
export { oneLine } from './goCompact';
export { csvColumns, CsvRowLines } from './csvRowLines';

// One version of one open file, parsed once. Every feature takes this, never the raw text, and a
// new version inherits the previous version's caches so that unchanged rules cost nothing.
import { RuleParseCache } from './parse/ruleCache';
import { parsePolicy } from './parse/parse';
import { settleVerdict } from './parse/verdict';
import type { ReadingSlot } from './parse/verdict';
import type { Node, ParsedPolicy } from './parse/model';
import { LineIndex } from './text/lineIndex';
import { textChange } from './text/textChange';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Finding } from './decode/finding';
import type { AnalysisSlot } from './engine/analysis';
import type { RuleItem } from './parse/model';
import type { Severity } from './catalogue/codes';
import type { RuleDiagnostics } from './validate/byRule';

/** Below this size a fresh line index costs less than finding what changed. */
const INCREMENTAL_FROM = 64 * 1024;

/** A diagnostic made from a finding, reused while the finding object and its ranges stay. */
export interface CachedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly severity: Severity;
  readonly uri: string;
  /** The latest line layout its ranges were found right under (LineIndex.layout). */
  layout: object;
}

/** Findings worked out for one Kubernetes minor version. */
export interface VersionFindings {
  readonly minor: number;
  readonly findings: readonly Finding[];
}

export class DocumentCaches {
  readonly ruleParses = new RuleParseCache();
  /** Per-rule findings for one Kubernetes minor version, keyed by the rule's parsed node. */
  readonly ruleFindings = new WeakMap<Node, VersionFindings>();
  /** A rule item's findings in document offsets and paths (for one Kubernetes minor version). */
  readonly placedFindings = new WeakMap<RuleItem, VersionFindings>();
  /** The diagnostic of each finding, while the finding lives. */
  readonly diagnostics = new WeakMap<Finding, CachedDiagnostic>();
  /** Diagnostics made for earlier versions, by the line they start on (validate.ts earlierDiagnostic). */
  readonly diagnosticsByLine = new LineDiagnostics();
  /** Each rule's diagnostics by its number, with what they follow from (validate/byRule.ts). */
  readonly ruleDiagnostics: RuleDiagnostics[] = [];
  /** The latest analysis of how rules cover each other, for the next version to start from. */
  readonly analysis: AnalysisSlot = {};
  /** go-yaml's latest reading of the text, for the next version to read only what changed. */
  readonly reading: ReadingSlot = {};
}

/** Diagnostics by the line they start on, kept as they are made. An entry stays after its
 *  diagnostic is gone from the document (it is only ever compared, never published as it is), until
 *  the stale ones outnumber the rest and the map is made again from the latest diagnostics. */
export class LineDiagnostics {
  private byLine = new Map<number, Diagnostic[]>();
  private count = 0;

  on(line: number): readonly Diagnostic[] | undefined {
    return this.byLine.get(line);
  }

  add(diagnostic: Diagnostic): void {
    const line = diagnostic.range.start.line;
    const list = this.byLine.get(line);
    if (list) list.push(diagnostic);
    else this.byLine.set(line, [diagnostic]);
    this.count++;
  }

  /** After a version's diagnostics are made: starts again from them when most entries are stale. */
  keepUpWith(latest: readonly Diagnostic[]): void {
    if (this.count <= 2 * latest.length + 1024) return;
    this.byLine = new Map();
    this.count = 0;
    for (const diagnostic of latest) this.add(diagnostic);
  }
}

export interface PolicyDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly parsed: ParsedPolicy;
  readonly caches: DocumentCaches;
}

export interface DocumentOptions {
  /** Leave go-yaml's reading for verdictSettled() where it can wait (parse/verdict.ts). */
  readonly verdictLater?: boolean;
}

export function createPolicyDocument(
  uri: string,
  version: number,
  text: string,
  previous?: PolicyDocument,
  options: DocumentOptions = {},
): PolicyDocument {
  const caches = previous?.uri === uri ? previous.caches : new DocumentCaches();
  const sameFile = previous?.uri === uri;
  const lines =
    sameFile && previous.text.length > INCREMENTAL_FROM
      ? previous.lines.updated(text, textChange(previous.text, text))
      : new LineIndex(text);
  return {
    uri,
    version,
    text,
    lines,
    parsed: parsePolicy(
      text,
      caches.ruleParses,
      sameFile ? previous.parsed : undefined,
      caches.reading,
      options.verdictLater,
    ),
    caches,
  };
}

/** Whether go-yaml's reading of this version was left for later (DocumentOptions.verdictLater). */
export function verdictPending(doc: PolicyDocument): boolean {
  return doc.caches.reading.unread === doc.text;
}

/** Does the reading left for later; whether the document's parse stands (else the document must be
 *  made again: go-yaml refuses the text, or stops reading it early). */
export function verdictSettled(doc: PolicyDocument): boolean {
  return settleVerdict(doc.text, doc.caches.reading);
}

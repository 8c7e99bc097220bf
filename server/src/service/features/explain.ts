// "What will be recorded for this request, and why?": the evaluation of one request against a
// document, in the JSON shape the CLI prints and the `kubeAuditPolicy/explain` request returns,
// and in words.
import type { PolicyDocument } from '../document';
import { compilePolicy, evaluate } from '../engine/evaluate';
import { attributesFrom, describeRequest, RequestError } from '../engine/request';
import type { RequestAttributes, RequestInput } from '../engine/request';
import { parseRequestLine } from '../engine/requestInfo';

export interface TraceEntry {
  /** 0-based index of a rule that did not match. */
  readonly rule: number;
  /** 1-based line of that rule. */
  readonly line: number;
  /** The first selector that did not match. */
  readonly field: string;
  readonly reason: string;
}

export interface Explanation {
  /** 0-based index of the matching rule, null when no rule matches. */
  readonly rule: number | null;
  /** 1-based line of the matching rule, null when no rule matches. */
  readonly line: number | null;
  readonly level: string;
  readonly omitStages: string[];
  readonly omitManagedFields: boolean;
  readonly trace: TraceEntry[];
}

/** A request as a line (`alice DELETE /api/v1/...`) or as attributes. */
export type ExplainRequest = string | RequestInput;

export function toAttributes(request: ExplainRequest): RequestAttributes {
  if (typeof request === 'string') return parseRequestLine(request);
  if (!request || typeof request !== 'object')
    throw new RequestError('the request must be a string or an object with a verb');
  return attributesFrom(request);
}

export function explain(doc: PolicyDocument, request: RequestAttributes): Explanation {
  const result = evaluate(compilePolicy(doc.parsed), request);
  const lineOf = (index: number): number => {
    const rule = doc.parsed.rules[index];
    return doc.lines.positionAt(rule.base + rule.node.start).line + 1;
  };
  return {
    rule: result.rule ?? null,
    line: result.rule === undefined ? null : lineOf(result.rule),
    level: result.level,
    omitStages: [...result.omitStages],
    omitManagedFields: result.omitManagedFields,
    trace: result.skipped.map((s) => ({
      rule: s.rule,
      line: lineOf(s.rule),
      field: s.mismatch.field,
      reason: s.mismatch.reason,
    })),
  };
}

/** The same answer in words, one fact per line. */
export function formatExplanation(request: RequestAttributes, e: Explanation): string {
  const lines = [`Request: ${describeRequest(request)}`];
  for (const t of e.trace) lines.push(`  rule #${t.rule + 1} (line ${t.line}) does not match: ${t.reason}`);
  if (e.rule === null) {
    lines.push(`  no rule matches, so the request is not recorded (level None).`);
  } else {
    lines.push(`  rule #${e.rule + 1} (line ${e.line}) matches, and the first matching rule wins.`);
  }
  const stages = e.omitStages.length > 0 ? `omitted stages: ${e.omitStages.join(', ')}` : 'no stage omitted';
  lines.push(`Level: ${e.level}; ${stages}; managed fields ${e.omitManagedFields ? 'omitted' : 'kept'}.`);
  return `${lines.join('\n')}\n`;
}

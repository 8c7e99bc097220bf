// The `kubeAuditPolicy/explain` request: evaluates a request against an open document with the
// service's evaluator and answers with the CLI's JSON and the range of every rule it names. A
// request that cannot be read is answered with InvalidParams and the reason, so editors can show
// it as typed.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { explain, RequestError, ruleRange, toAttributes } from '../../service';
import type { Explanation, PolicyDocument } from '../../service';
import type { LspFeature } from '../context';
import { EXPLAIN_METHOD } from '../protocol';
import type { ExplainParams, ExplainResult } from '../protocol';
import { runSafe } from '../safe';

export const explainFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(EXPLAIN_METHOD, (params: ExplainParams, token): ExplainResult | ResponseError<void> => {
      const uri = params?.textDocument?.uri;
      const doc = typeof uri === 'string' ? context.getDocument(uri) : undefined;
      if (!doc) return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
      let request;
      try {
        request = toAttributes(params.request);
      } catch (error) {
        if (error instanceof RequestError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
        throw error;
      }
      return runSafe(context.connection, 'explain', token, () => withRanges(doc, explain(doc, request)));
    });
  },
};

function withRanges(doc: PolicyDocument, explanation: Explanation): ExplainResult {
  const rangeOf = (rule: number) => ruleRange(doc, rule) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    ...explanation,
    range: explanation.rule === null ? null : rangeOf(explanation.rule),
    trace: explanation.trace.map((entry) => ({ ...entry, range: rangeOf(entry.rule) })),
  };
}

// The `kubeAuditPolicy/explain` request: evaluates a request against an open document with the
// service's evaluator and answers with the CLI's JSON, the request as read and the range of every
// rule it names (in the host file for an embedded policy). A request that cannot be read is
// answered with InvalidParams and the reason, so editors can show it as typed.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  describeRequest,
  hostExplain,
  RequestError,
  ruleRange,
  toAttributes,
  translatorAt,
  translators,
} from '../../service';
import type { Explanation, RegionTranslator, RequestAttributes } from '../../service';
import type { LspFeature } from '../context';
import { EXPLAIN_METHOD } from '../protocol';
import type { ExplainParams, ExplainResult } from '../protocol';
import { runSafe } from '../safe';

export const explainFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(
      EXPLAIN_METHOD,
      (params: ExplainParams, token): ExplainResult | ResponseError<void> => {
        const uri = params?.textDocument?.uri;
        if (typeof uri !== 'string') {
          return new ResponseError(
            ErrorCodes.InvalidParams,
            'kube-audit-policy: explain: params.textDocument.uri must be a string',
          );
        }
        const host = context.getHost(uri);
        if (!host)
          return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${uri} is not an open document`);
        let request;
        try {
          request = toAttributes(params.request);
        } catch (error) {
          if (error instanceof RequestError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
          throw error;
        }
        const translator = (params.position && translatorAt(host, params.position)) || translators(host)[0];
        if (!translator) {
          return new ResponseError(
            ErrorCodes.InvalidParams,
            `kube-audit-policy: ${String(uri)} neither is nor holds an audit policy`,
          );
        }
        return runSafe(context.connection, 'explain', token, () =>
          withPlaces(translator, request, hostExplain(translator, request)),
        );
      },
    );
  },
};

/** Adds what an editor shows beside the CLI's answer: the request as read, and the rules' text. */
function withPlaces(policy: RegionTranslator, request: RequestAttributes, explanation: Explanation): ExplainResult {
  // Every index comes from this policy's rules, so a range always exists.
  const rangeOf = (rule: number) => policy.toHostRange(ruleRange(policy.policy.doc, rule)!);
  return {
    ...explanation,
    request: describeRequest(request),
    range: explanation.rule === null ? null : rangeOf(explanation.rule),
    trace: explanation.trace.map((entry) => ({ ...entry, range: rangeOf(entry.rule) })),
  };
}

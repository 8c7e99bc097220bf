// The `kubeAuditPolicy/explain` request: evaluates a request against an open document with the
// service's evaluator and answers with the CLI's JSON, the request as read and the range of every
// rule it names (in the host file for an embedded policy). A request that cannot be read is
// answered with InvalidParams and the reason, so editors can show it as typed. In a file that
// holds several policies, the policy is chosen as the command line's --embedded-at chooses it
// (policyChoice.ts): never silently the first.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { describeRequest, hostExplain, RequestError, ruleRange, toAttributes } from '../../service';
import type { Explanation, RegionTranslator, RequestAttributes } from '../../service';
import type { LspFeature } from '../context';
import { choosePolicy } from '../policyChoice';
import { EXPLAIN_METHOD } from '../protocol';
import type { ChoosePolicyData, ExplainParams, ExplainResult } from '../protocol';
import { runSafe } from '../safe';

export const explainFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(
      EXPLAIN_METHOD,
      (params: ExplainParams, token): ExplainResult | ResponseError<ChoosePolicyData | void> => {
        const uri = params?.textDocument?.uri;
        if (typeof uri !== 'string') {
          return new ResponseError(
            ErrorCodes.InvalidParams,
            'kube-audit-policy: explain: params.textDocument.uri must be a string',
          );
        }
        let request;
        try {
          request = toAttributes(params.request);
        } catch (error) {
          if (error instanceof RequestError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
          throw error;
        }
        // After the request is read: a client asks the user to pick a policy only for a request that can be explained.
        const translator = choosePolicy(context.getHost(uri), uri, params);
        if (translator instanceof ResponseError) return translator;
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
  const hostPath = policy.policy.region.hostPath;
  return {
    ...explanation,
    request: describeRequest(request),
    range: explanation.rule === null ? null : rangeOf(explanation.rule),
    trace: explanation.trace.map((entry) => ({ ...entry, range: rangeOf(entry.rule) })),
    ...(hostPath ? { embeddedAt: hostPath } : {}),
  };
}

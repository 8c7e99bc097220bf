// The `kubeAuditPolicy/explain` request: evaluates a request against an open document with the
// service's evaluator and answers with the CLI's JSON. A request that cannot be read is answered
// with InvalidParams and the reason, so editors can show it as typed.
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { hostExplain, RequestError, toAttributes, translatorAt, translators } from '../../service';
import type { LspFeature } from '../context';
import { EXPLAIN_METHOD } from '../protocol';
import type { ExplainParams, ExplainResult } from '../protocol';
import { runSafe } from '../safe';

export const explainFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(EXPLAIN_METHOD, (params: ExplainParams, token): ExplainResult | ResponseError<void> => {
      const uri = params?.textDocument?.uri;
      const host = typeof uri === 'string' ? context.getHost(uri) : undefined;
      if (!host) return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
      let request;
      try {
        request = toAttributes(params.request);
      } catch (error) {
        if (error instanceof RequestError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
        throw error;
      }
      const translator = (params.position && translatorAt(host, params.position)) || translators(host)[0];
      if (!translator) return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} neither is nor holds an audit policy`);
      return runSafe(context.connection, 'explain', token, () => hostExplain(translator, request));
    });
  },
};

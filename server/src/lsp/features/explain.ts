// The `kubeAuditPolicy/explain` request: evaluates a request against an open document with the
// service's evaluator and answers with the CLI's JSON. A request that cannot be read is answered
// with InvalidParams and the reason, so editors can show it as typed.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { explain, RequestError, toAttributes } from '../../service';
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
      return runSafe(context.connection, 'explain', token, () => explain(doc, request));
    });
  },
};

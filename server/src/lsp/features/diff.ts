// The `kubeAuditPolicy/diff` request: the semantic diff from an older text of a policy (the VS
// Code client sends the committed version) to the open document.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  compilePolicy,
  createPolicyDocument,
  diffJson,
  diffPolicies,
  DiffTooLargeError,
  formatDiffMarkdown,
} from '../../service';
import type { LspFeature } from '../context';
import { DIFF_METHOD } from '../protocol';
import type { DiffParams, DiffResult } from '../protocol';
import { runSafe } from '../safe';

export const diffFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(DIFF_METHOD, (params: DiffParams, token): DiffResult | ResponseError<void> => {
      const uri = params?.textDocument?.uri;
      const doc = typeof uri === 'string' ? context.getDocument(uri) : undefined;
      if (!doc)
        return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
      if (typeof params.oldText !== 'string')
        return new ResponseError(
          ErrorCodes.InvalidParams,
          "kube-audit-policy: oldText must be the older version's text",
        );
      return runSafe(context.connection, 'diff', token, () => {
        const old = createPolicyDocument(`${uri}#old`, 0, params.oldText);
        let diff;
        try {
          // Below 1.23 kube-apiserver drops omitManagedFields: the setting's version decides, as for the CLI.
          const kubernetesMinor = context.settings().service.kubernetesMinor;
          diff = diffPolicies(compilePolicy(old.parsed), compilePolicy(doc.parsed), { kubernetesMinor });
        } catch (error) {
          if (error instanceof DiffTooLargeError)
            return { markdown: `Cannot compare: ${error.message}.\n`, json: { error: error.message } };
          throw error;
        }
        return {
          markdown: formatDiffMarkdown(diff, params.oldName ?? 'before', params.newName ?? 'now'),
          json: diffJson(diff),
        };
      });
    });
  },
};

// The `kubeAuditPolicy/diff` request: the semantic diff from an older text of a file (the VS Code
// client sends the committed version) to the open document, policy with policy as the command
// line's `diff --old-embedded-at --new-embedded-at` compares them. In a file that holds several
// policies the open one is chosen as explain chooses it (policyChoice.ts), and the older version's
// is the one at the same path, else the only one it holds, else the one `oldEmbeddedAt` names.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  compilePolicy,
  createHostDocument,
  diffJson,
  diffPolicies,
  DiffTooLargeError,
  formatDiffMarkdown,
  hostFormat,
  policyLabel,
  RegionTranslator,
  selectPolicy,
} from '../../service';
import type { HostDocument } from '../../service';
import type { LspFeature, ServerContext } from '../context';
import { choosePolicy } from '../policyChoice';
import { DIFF_METHOD } from '../protocol';
import type { ChoosePolicyData, DiffParams, DiffResult } from '../protocol';
import { runSafe } from '../safe';

export const diffFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(
      DIFF_METHOD,
      (params: DiffParams, token): DiffResult | ResponseError<ChoosePolicyData | void> => {
        const uri = params?.textDocument?.uri;
        const host = typeof uri === 'string' ? context.getHost(uri) : undefined;
        if (!host)
          return new ResponseError(
            ErrorCodes.InvalidParams,
            `kube-audit-policy: ${String(uri)} is not an open document`,
          );
        if (typeof params.oldText !== 'string')
          return new ResponseError(
            ErrorCodes.InvalidParams,
            "kube-audit-policy: oldText must be the older version's text",
          );
        const now = choosePolicy(host, uri, params);
        if (now instanceof ResponseError) return now;
        return runSafe(context.connection, 'diff', token, () => {
          // Any text may come as the older version: it is read inside runSafe, as the open one was.
          const oldHost = olderHost(context, host, params.oldText);
          const before = olderPolicy(oldHost, params.oldName ?? 'before', params, now);
          return before instanceof ResponseError ? before : diffResult(context, before, now, params);
        });
      },
    );
  },
};

/** The older text read as the open file is read (the same host format: Markdown, a template...),
 *  and as a policy even when it does not say it is one, as the whole file was compared before. */
function olderHost(context: ServerContext, open: HostDocument, oldText: string): HostDocument {
  const format = hostFormat(open.uri, context.documents.get(open.uri)?.languageId);
  return createHostDocument(open.uri, 0, oldText, undefined, { forced: true, format });
}

function olderPolicy(
  old: HostDocument,
  oldName: string,
  params: DiffParams,
  now: RegionTranslator,
): RegionTranslator | ResponseError<ChoosePolicyData | void> {
  const names = { embeddedAt: 'oldEmbeddedAt' };
  if (params.oldEmbeddedAt !== undefined)
    return choosePolicy(old, oldName, { embeddedAt: params.oldEmbeddedAt }, names);
  const samePath = selectPolicy(old, { embeddedAt: now.policy.region.hostPath }).policy;
  return samePath ? new RegionTranslator(old, samePath) : choosePolicy(old, oldName, {}, names);
}

function diffResult(
  context: ServerContext,
  before: RegionTranslator,
  now: RegionTranslator,
  params: DiffParams,
): DiffResult {
  let diff;
  try {
    // Below 1.23 kube-apiserver drops omitManagedFields: the setting's version decides, as for the CLI.
    const kubernetesMinor = context.settings().service.kubernetesMinor;
    diff = diffPolicies(compilePolicy(before.policy.doc.parsed), compilePolicy(now.policy.doc.parsed), {
      kubernetesMinor,
    });
  } catch (error) {
    if (error instanceof DiffTooLargeError)
      return { markdown: `Cannot compare: ${error.message}.\n`, json: { error: error.message } };
    throw error;
  }
  const [oldPath, newPath] = [before, now].map((t) => t.policy.region.hostPath);
  return {
    // Each side named with its region, as the command line names it (`cm.yaml (data["policy.yaml"])`).
    markdown: formatDiffMarkdown(
      diff,
      policyLabel(params.oldName ?? 'before', before.policy),
      policyLabel(params.newName ?? 'now', now.policy),
    ),
    json: diffJson(diff),
    ...(oldPath ? { oldEmbeddedAt: oldPath } : {}),
    ...(newPath ? { embeddedAt: newPath } : {}),
  };
}

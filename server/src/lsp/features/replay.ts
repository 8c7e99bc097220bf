// The `kubeAuditPolicy/replay` request and what it leaves in the editor: a CodeLens above each rule
// ("12,345 events, 48 MB, 41%") and a hint on each rule no event matched. The logs are streamed
// off the request path (server/src/node/replayFiles.ts reads a chunk, then yields), with
// $/progress and cancellation checked between chunks, so the server keeps answering while a
// gigabyte goes by. The last report of each policy of a file is kept (a file that holds several
// keeps one per policy replayed) with the rules and the Kubernetes version it was made with, and
// shown while it holds (replayRows.ts); every place is the host file's for a policy embedded in one.
import { CodeLensRefreshRequest, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { replayRegion } from '../../service';
import type { RegionTranslator } from '../../service';
import { CancelledError, replayFiles, UnreadableLog } from '../../node/replayFiles';
import type { LspFeature, ServerContext } from '../context';
import { choosePolicy } from '../policyChoice';
import { REPLAY_METHOD } from '../protocol';
import type { ChoosePolicyData, ReplayParams, ReplayResult } from '../protocol';
import { regionKeys, replayHints, replayLenses } from './replayRows';
import type { Replayed } from './replayRows';

export const replayCapabilities = (): { codeLensProvider: { resolveProvider: boolean } } => ({
  codeLensProvider: { resolveProvider: false },
});

function logPath(log: unknown): string {
  if (typeof log !== 'string' || log === '')
    throw new ResponseError(ErrorCodes.InvalidParams, 'logs must be a list of file paths or file: URIs');
  return log.startsWith('file:') ? URI.parse(log).fsPath : log;
}

/** A server-created progress carries its own cancellation (the user's cancel button). */
type Progress = WorkDoneProgressReporter & { readonly token?: CancellationToken };

async function progressFor(connection: Connection, params: ReplayParams): Promise<Progress | undefined> {
  try {
    return params.workDoneToken !== undefined
      ? connection.window.attachWorkDoneProgress(params.workDoneToken)
      : await connection.window.createWorkDoneProgress();
  } catch {
    return undefined; // a client without window.workDoneProgress: no progress, same answer
  }
}

/** The file's name in the report (replayRegion adds the region of a policy the file holds). */
const fileName = (t: RegionTranslator): string => URI.parse(t.uri).path.split('/').pop() ?? t.uri;

export function createReplayFeature(): LspFeature {
  /** The last replay of each policy of each file: a file that holds several keeps one per region. */
  const reports = new Map<string, Map<string, Replayed>>();
  const kept = (uri: string): Replayed[] => [...(reports.get(uri)?.values() ?? [])];

  const replay = async (
    context: ServerContext,
    params: ReplayParams,
    token: CancellationToken,
  ): Promise<ReplayResult | ResponseError<ChoosePolicyData | void>> => {
    const hostOf = (uri: unknown) => (typeof uri === 'string' ? context.getHost(uri) : undefined);
    const uri = params?.textDocument?.uri;
    const policy = choosePolicy(hostOf(uri), uri, params ?? {});
    if (policy instanceof ResponseError) return policy;
    if (!Array.isArray(params.logs) || params.logs.length === 0)
      return new ResponseError(ErrorCodes.InvalidParams, 'kube-audit-policy: give one or more audit logs in "logs"');
    const other = params.against;
    const names = { embeddedAt: 'against.embeddedAt', position: 'against.position' };
    const against = other ? choosePolicy(hostOf(other.uri), other.uri, other, names) : undefined;
    if (against instanceof ResponseError) return against;
    let progress: Progress | undefined;
    try {
      const logs = params.logs.map(logPath);
      progress = await progressFor(context.connection, params);
      progress?.begin('Replaying the audit log', 0, logs.join(', '), true);
      const version = policy.host.version;
      // Events are decided as the kube-apiserver the user chose decides them (group "*", omitManagedFields).
      const kubernetesMinor = context.settings().service.kubernetesMinor;
      const replayed = replayRegion(policy, fileName(policy));
      const report = await replayFiles({
        policy: replayed,
        against: against ? replayRegion(against, fileName(against)) : undefined,
        logs,
        kubernetesMinor,
        isCancelled: () => token.isCancellationRequested || progress?.token?.isCancellationRequested === true,
        onProgress: (p) => {
          const share = p.totalBytes ? Math.min(100, Math.round((100 * p.readBytes) / p.totalBytes)) : undefined;
          progress?.report(
            share ?? 0,
            `${p.events.toLocaleString('en-US')} events, ${Math.round(p.readBytes / 1e6)} MB`,
          );
          // Let other requests in between chunks.
          return new Promise<void>((resolve) => setImmediate(resolve));
        },
      });
      const hostPath = policy.policy.region.hostPath;
      const result: ReplayResult = {
        ...report,
        uri: policy.uri,
        version,
        ...(hostPath ? { embeddedAt: hostPath } : {}),
      };
      const region = regionKeys(policy.host)[policy.host.policies.indexOf(policy.policy)];
      const regions = reports.get(policy.uri) ?? new Map<string, Replayed>();
      regions.set(region, { result, rules: replayed.compiled.rules, region, logs, kubernetesMinor });
      reports.set(policy.uri, regions);
      void context.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      context.republish(policy.uri);
      return result;
    } catch (error) {
      if (error instanceof CancelledError) return new ResponseError(LSPErrorCodes.RequestCancelled, 'replay cancelled');
      if (error instanceof ResponseError) return error;
      if (error instanceof UnreadableLog)
        return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${error.message}`);
      context.connection.console.error(
        `kube-audit-policy: replay failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return new ResponseError(
        LSPErrorCodes.RequestFailed,
        `kube-audit-policy: replay failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      progress?.done();
    }
  };

  return {
    register(context) {
      context.connection.onRequest(REPLAY_METHOD, (params: ReplayParams, token) => replay(context, params, token));
      const minor = (): number => context.settings().service.kubernetesMinor;
      context.addCodeLenses((uri) => {
        const host = reports.has(uri) ? context.getHost(uri) : undefined;
        return host ? kept(uri).flatMap((r) => replayLenses(uri, r, host, minor())) : [];
      });
      context.addDiagnostics((uri) => {
        const host = reports.has(uri) ? context.getHost(uri) : undefined;
        return host ? kept(uri).flatMap((r) => replayHints(r, host, minor())) : [];
      });
      context.documents.onDidClose((event) => reports.delete(event.document.uri));
    },
  };
}

export const replayFeature = createReplayFeature();

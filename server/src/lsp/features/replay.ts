// The `kubeAuditPolicy/replay` request and the CodeLens it leaves above each rule. The logs are
// streamed off the request path (server/src/node/replayFiles.ts reads a chunk, then yields), with
// $/progress and cancellation checked between chunks, so the server keeps answering while a
// gigabyte goes by. The last report per document feeds the lenses ("12,345 events, 48 MB, 41%").
import { CodeLensRefreshRequest, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { CancellationToken, CodeLens, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { replayPolicy, ruleSummary } from '../../service';
import type { PolicyDocument } from '../../service';
import { CancelledError, replayFiles, UnreadableLog } from '../../node/replayFiles';
import type { LspFeature, ServerContext } from '../context';
import { REPLAY_METHOD } from '../protocol';
import type { ReplayParams, ReplayResult } from '../protocol';

/** The command a lens runs: the VS Code extension opens the report view; other editors may ignore it. */
export const SHOW_REPLAY_COMMAND = 'kubeAuditPolicy.showReplayReport';

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

export function createReplayFeature(): LspFeature {
  const reports = new Map<string, ReplayResult>();

  const lenses = (doc: PolicyDocument): CodeLens[] => {
    const report = reports.get(doc.uri);
    if (!report) return [];
    return doc.parsed.rules.flatMap((rule, i) => {
      const row = report.rules[i];
      if (!row) return [];
      const position = doc.lines.positionAt(rule.base + rule.node.start);
      const title = row.events === 0 ? 'no event matched' : ruleSummary(row);
      return [
        {
          range: { start: position, end: position },
          command: { title, command: SHOW_REPLAY_COMMAND, arguments: [doc.uri] },
        },
      ];
    });
  };

  const replay = async (
    context: ServerContext,
    params: ReplayParams,
    token: CancellationToken,
  ): Promise<ReplayResult | ResponseError<void>> => {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? context.getDocument(uri) : undefined;
    if (!doc)
      return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
    if (!Array.isArray(params.logs) || params.logs.length === 0)
      return new ResponseError(ErrorCodes.InvalidParams, 'kube-audit-policy: give one or more audit logs in "logs"');
    const againstDoc = params.against ? context.getDocument(params.against.uri) : undefined;
    if (params.against && !againstDoc)
      return new ResponseError(
        ErrorCodes.InvalidParams,
        `kube-audit-policy: ${String(params.against.uri)} is not an open document`,
      );
    let progress: Progress | undefined;
    try {
      const logs = params.logs.map(logPath);
      progress = await progressFor(context.connection, params);
      progress?.begin('Replaying the audit log', 0, logs.join(', '), true);
      const version = doc.version;
      const report = await replayFiles({
        policy: replayPolicy(doc, URI.parse(doc.uri).path.split('/').pop() ?? doc.uri),
        against: againstDoc
          ? replayPolicy(againstDoc, URI.parse(againstDoc.uri).path.split('/').pop() ?? againstDoc.uri)
          : undefined,
        logs,
        // Events are decided as the kube-apiserver the user chose decides them (group "*", omitManagedFields).
        kubernetesMinor: context.settings().service.kubernetesMinor,
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
      const result: ReplayResult = { ...report, uri: doc.uri, version };
      reports.set(doc.uri, result);
      void context.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
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
      context.addCodeLenses((uri) => {
        const doc = context.getDocument(uri);
        return doc ? lenses(doc) : [];
      });
      context.documents.onDidClose((event) => reports.delete(event.document.uri));
    },
  };
}

export const replayFeature = createReplayFeature();

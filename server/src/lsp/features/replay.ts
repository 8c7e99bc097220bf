// The `kubeAuditPolicy/replay` request and what it leaves in the editor: a CodeLens above each rule
// ("12,345 events, 48 MB, 41%") and a hint on each rule no event matched. The logs are streamed
// off the request path (server/src/node/replayFiles.ts reads a chunk, then yields), with
// $/progress and cancellation checked between chunks, so the server keeps answering while a
// gigabyte goes by. The last report per document is kept with the rules it was made with: after an
// edit, a rule keeps its row only while the row still holds (rowsThatHold), and every place is the
// host file's for a policy embedded in one.
import {
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
} from 'vscode-languageserver';
import type {
  CancellationToken,
  CodeLens,
  Connection,
  Diagnostic,
  Position,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { decodeRule, replayPolicy, rowsThatHold, ruleSummary, translators } from '../../service';
import type { DecodedRule, HostDocument, RegionTranslator } from '../../service';
import { CancelledError, replayFiles, UnreadableLog } from '../../node/replayFiles';
import type { LspFeature, ServerContext } from '../context';
import { REPLAY_METHOD } from '../protocol';
import type { ReplayParams, ReplayResult } from '../protocol';

/** The command a lens runs: the VS Code extension opens the report view; other editors may ignore it. */
export const SHOW_REPLAY_COMMAND = 'kubeAuditPolicy.showReplayReport';
/** The VS Code extension's replay command: the lens of a replay gone out of date runs it again. */
const REPLAY_COMMAND = 'kubeAuditPolicy.replay';

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

/** A report and what it was made from: the rules as they were, which policy of the file, the logs. */
interface Replayed {
  readonly result: ReplayResult;
  readonly rules: readonly DecodedRule[];
  /** The region's path in the host file ('' for a file that is a policy). */
  readonly hostPath: string;
  readonly logs: readonly string[];
}

/** The policy a replay of the file is about: the first it is or holds (as the request's document). */
const replayedPolicy = (host: HostDocument | undefined): RegionTranslator | undefined => host && translators(host)[0];

/** Where the policy's positions are in the host file; none for a policy kept encoded there. */
const placeIn =
  (t: RegionTranslator) =>
  (position: Position): Position | undefined =>
    t.encoded ? undefined : t.toHostPosition(position);

/** The rows that still hold for the file as it is now, each with its rule's host position. */
interface ShownRows {
  readonly replayed: Replayed;
  readonly rows: ReadonlyArray<{ readonly rule: number; readonly at: Position }>;
  /** The first rule whose row no longer holds (the policy was edited since), if any. */
  readonly outOfDate?: Position;
}

function shownRows(replayed: Replayed | undefined, host: HostDocument | undefined): ShownRows | undefined {
  if (!replayed || !host) return undefined;
  const t = translators(host).find((x) => x.policy.region.hostPath === replayed.hostPath);
  if (!t || t.encoded) return undefined; // an encoded policy's rules have no place in the host
  const doc = t.policy.doc;
  const at = (i: number): Position => {
    const rule = doc.parsed.rules[i];
    return t.toHostPosition(doc.lines.positionAt(rule.base + rule.node.start));
  };
  const current = doc.parsed.rules.map((r) => decodeRule(r.node));
  const holding = rowsThatHold(replayed.rules, current);
  return {
    replayed,
    rows: Array.from({ length: holding }, (_, rule) => ({ rule, at: at(rule) })),
    outOfDate: holding < current.length ? at(holding) : undefined,
  };
}

export function createReplayFeature(): LspFeature {
  const reports = new Map<string, Replayed>();

  const lenses = (uri: string, host: HostDocument | undefined): CodeLens[] => {
    const shown = shownRows(reports.get(uri), host);
    if (!shown) return [];
    const { result, logs } = shown.replayed;
    const lensAt = (at: Position, title: string, command: string, args: unknown[]): CodeLens => ({
      range: { start: at, end: at },
      command: { title, command, arguments: args },
    });
    const counts = shown.rows.map(({ rule, at }) => {
      const row = result.rules[rule];
      return lensAt(at, row.events === 0 ? 'no event matched' : ruleSummary(row), SHOW_REPLAY_COMMAND, [uri]);
    });
    // Rules from here on may take other events than when the log was replayed: say so, once.
    const stale = shown.outOfDate
      ? [
          lensAt(
            shown.outOfDate,
            'edited since the replay: replay again',
            REPLAY_COMMAND,
            logs.length === 1 ? [...logs] : [],
          ),
        ]
      : [];
    return [...counts, ...stale];
  };

  /** A hint on each rule no event matched, while its row holds. */
  const hints = (uri: string, host: HostDocument | undefined): Diagnostic[] => {
    const shown = shownRows(reports.get(uri), host);
    if (!shown || !host) return [];
    const { result } = shown.replayed;
    const span = result.timeSpan ? ` (${result.timeSpan.first} to ${result.timeSpan.last})` : '';
    return shown.rows
      .filter(({ rule }) => result.rules[rule].events === 0)
      .map(({ rule, at }) => {
        // The rule's line from its first character: `- level: ...`.
        const start = host.lines.lineStart(at.line);
        const text = host.text.slice(start, host.lines.lineEnd(at.line));
        const first = text.length - text.trimStart().length;
        return {
          range: { start: { line: at.line, character: first }, end: { line: at.line, character: text.length } },
          severity: DiagnosticSeverity.Hint,
          source: 'kube-audit-policy replay',
          code: 'rule-never-matched',
          message: `No event of the replayed log matched rule #${rule + 1}: ${result.totals.events.toLocaleString('en-US')} events${span}.`,
        };
      });
  };

  const replay = async (
    context: ServerContext,
    params: ReplayParams,
    token: CancellationToken,
  ): Promise<ReplayResult | ResponseError<void>> => {
    const uri = params?.textDocument?.uri;
    const policy = typeof uri === 'string' ? replayedPolicy(context.getHost(uri)) : undefined;
    if (!policy)
      return new ResponseError(ErrorCodes.InvalidParams, `kube-audit-policy: ${String(uri)} is not an open document`);
    const doc = policy.policy.doc;
    if (!Array.isArray(params.logs) || params.logs.length === 0)
      return new ResponseError(ErrorCodes.InvalidParams, 'kube-audit-policy: give one or more audit logs in "logs"');
    const against = params.against ? replayedPolicy(context.getHost(params.against.uri)) : undefined;
    if (params.against && !against)
      return new ResponseError(
        ErrorCodes.InvalidParams,
        `kube-audit-policy: ${String(params.against.uri)} is not an open document`,
      );
    let progress: Progress | undefined;
    try {
      const logs = params.logs.map(logPath);
      progress = await progressFor(context.connection, params);
      progress?.begin('Replaying the audit log', 0, logs.join(', '), true);
      const version = policy.host.version;
      const name = (t: RegionTranslator): string => URI.parse(t.uri).path.split('/').pop() ?? t.uri;
      const replayed = replayPolicy(doc, name(policy), placeIn(policy));
      const report = await replayFiles({
        policy: replayed,
        against: against ? replayPolicy(against.policy.doc, name(against), placeIn(against)) : undefined,
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
      const result: ReplayResult = { ...report, uri: policy.uri, version };
      reports.set(policy.uri, {
        result,
        rules: replayed.compiled.rules,
        hostPath: policy.policy.region.hostPath,
        logs,
      });
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
      context.addCodeLenses((uri) => (reports.has(uri) ? lenses(uri, context.getHost(uri)) : []));
      context.addDiagnostics((uri) => (reports.has(uri) ? hints(uri, context.getHost(uri)) : []));
      context.documents.onDidClose((event) => reports.delete(event.document.uri));
    },
  };
}

export const replayFeature = createReplayFeature();

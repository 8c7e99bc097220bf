// "Kubernetes Audit Policy: Replay an audit log": picks a log (from the kubeAuditPolicy.auditLogs
// setting, or a file dialog), asks the server to replay it against the active policy with progress
// and a cancel button, then shows the report view. The server leaves the rest in the editor (a
// CodeLens above each rule, a hint on each rule no event matched) and keeps them true as the
// policy is edited.
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { REPLAY_METHOD } from '../../server/src/lsp/protocol';
import type { ReplayParams, ReplayResult } from '../../server/src/lsp/protocol';
import type { ClientAccessor } from './commands';
import { requireFileSystem } from './platform';
import { sendPickingPolicy } from './policyPick';
import type { Platform } from './platform';
import { ReplayReportView } from './replayView';

export const REPLAY_COMMAND = 'kubeAuditPolicy.replay';
export const SHOW_REPLAY_COMMAND = 'kubeAuditPolicy.showReplayReport';

async function pickLog(): Promise<vscode.Uri | undefined> {
  // In an untrusted workspace VS Code reads this restricted setting from the user's settings only.
  const configured = vscode.workspace
    .getConfiguration('kubeAuditPolicy')
    .get<string[]>('auditLogs', [])
    .filter((p) => typeof p === 'string' && p !== '');
  const found: vscode.Uri[] = [];
  for (const pattern of configured) {
    if (/^(\/|[A-Za-z]:[\\/]|~)/.test(pattern) && !/[*?[{]/.test(pattern)) found.push(vscode.Uri.file(pattern));
    else found.push(...(await vscode.workspace.findFiles(pattern, undefined, 200)));
  }
  const browse = 'Choose a file…';
  if (found.length > 0) {
    const picked = await vscode.window.showQuickPick([...found.map((u) => u.fsPath), browse], {
      title: 'Replay an audit log',
      placeHolder: 'An audit log (kubeAuditPolicy.auditLogs)',
    });
    if (picked === undefined) return undefined;
    if (picked !== browse) return vscode.Uri.file(picked);
  }
  const chosen = await vscode.window.showOpenDialog({
    title: 'Replay an audit log',
    canSelectMany: false,
    openLabel: 'Replay',
    filters: { 'Audit logs': ['log', 'json', 'jsonl', 'gz', '*'] },
  });
  return chosen?.[0];
}

/** The results of each replayed policy: a file that holds several has one per policy. */
const resultKey = (uri: string, embeddedAt: unknown): string =>
  `${vscode.Uri.parse(uri).toString()}#${typeof embeddedAt === 'string' ? embeddedAt : ''}`;

export function registerReplayCommands(
  context: vscode.ExtensionContext,
  client: ClientAccessor,
  platform: Platform,
): void {
  const view = new ReplayReportView(context);
  const results = new Map<string, ReplayResult>();
  let runs = 0;

  /** Sends the request with a progress notification and a cancel button; the error when it fails. */
  const request = (
    languageClient: BaseLanguageClient,
    params: Omit<ReplayParams, 'workDoneToken'>,
    log: vscode.Uri,
  ): Promise<{ result?: ReplayResult; error?: unknown }> => {
    const workDoneToken = `kubeAuditPolicy/replay/${++runs}`;
    return Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Replaying ${vscode.workspace.asRelativePath(log)}`,
          cancellable: true,
        },
        async (progress, token) => {
          let done = 0;
          const listening = languageClient.onProgress(WorkDoneProgress.type, workDoneToken, (p) => {
            if (p.kind === 'end') return;
            const increment = p.percentage !== undefined ? p.percentage - done : undefined;
            if (p.percentage !== undefined) done = p.percentage;
            progress.report({ message: p.message, increment });
          });
          try {
            const sent: ReplayParams = { ...params, workDoneToken };
            return { result: await languageClient.sendRequest<ReplayResult>(REPLAY_METHOD, sent, token) };
          } catch (error) {
            return token.isCancellationRequested ? {} : { error };
          } finally {
            listening.dispose();
          }
        },
      ),
    );
  };

  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(
      REPLAY_COMMAND,
      async (logArg?: unknown, embeddedAtArg?: unknown): Promise<ReplayResult | undefined> => {
        const why = 'it streams audit log files from disk, which a browser tab cannot read';
        if (!requireFileSystem(platform, 'Replay an audit log', why)) return undefined;
        const editor = vscode.window.activeTextEditor;
        const languageClient = client();
        if (!editor || !languageClient) {
          void vscode.window.showErrorMessage('Replay an audit log: open an audit policy file first.');
          return undefined;
        }
        const log =
          typeof logArg === 'string'
            ? vscode.Uri.file(logArg)
            : logArg instanceof vscode.Uri
              ? logArg
              : await pickLog();
        if (!log) return undefined;
        if (!languageClient.isRunning()) await languageClient.start();
        const converter = languageClient.code2ProtocolConverter;
        // The policy: the one a lens names, else the one under the cursor (in a file that holds several).
        const base = { textDocument: { uri: converter.asUri(editor.document.uri) }, logs: [log.fsPath] };
        let result: ReplayResult | undefined;
        try {
          // In a file that holds several policies and the cursor in none, the user picks one.
          result = await sendPickingPolicy(
            async (params) => {
              const outcome = await request(languageClient, params, log);
              if (outcome.error !== undefined) throw outcome.error;
              return outcome.result;
            },
            typeof embeddedAtArg === 'string'
              ? { ...base, embeddedAt: embeddedAtArg }
              : { ...base, position: converter.asPosition(editor.selection.active) },
            'Replay an audit log',
          );
        } catch (error) {
          void vscode.window.showErrorMessage(
            `Replay an audit log: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        if (!result) return undefined;
        results.set(resultKey(editor.document.uri.toString(), result.embeddedAt), result);
        view.show(editor.document.uri, result);
        return result;
      },
    ),
    vscode.commands.registerCommand(SHOW_REPLAY_COMMAND, (uri?: string, embeddedAt?: unknown) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri.toString();
      // Without a region named: the file's first replay (a file that is a policy has only one).
      const first = (prefix: string) => [...results].find(([key]) => key.startsWith(prefix))?.[1];
      const result = target && (results.get(resultKey(target, embeddedAt)) ?? first(resultKey(target, '')));
      if (result && target) view.show(vscode.Uri.parse(target), result);
    }),
  );
}

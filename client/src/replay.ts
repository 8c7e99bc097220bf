// "Kubernetes Audit Policy: Replay an audit log": picks a log (from the kubeAuditPolicy.auditLogs
// setting, or a file dialog), asks the server to replay it against the active policy with progress
// and a cancel button, then shows the report view. The server leaves the rest in the editor (a
// CodeLens above each rule, a hint on each rule no event matched) and keeps them true as the
// policy is edited.
import * as vscode from 'vscode';
import { WorkDoneProgress } from 'vscode-languageclient';
import { REPLAY_METHOD } from '../../server/src/lsp/protocol';
import type { ReplayParams, ReplayResult } from '../../server/src/lsp/protocol';
import type { ClientAccessor } from './commands';
import { requireFileSystem } from './platform';
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

export function registerReplayCommands(
  context: vscode.ExtensionContext,
  client: ClientAccessor,
  platform: Platform,
): void {
  const view = new ReplayReportView(context);
  const results = new Map<string, ReplayResult>();
  let runs = 0;
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(REPLAY_COMMAND, async (logArg?: unknown): Promise<ReplayResult | undefined> => {
      const why = 'it streams audit log files from disk, which a browser tab cannot read';
      if (!requireFileSystem(platform, 'Replay an audit log', why)) return undefined;
      const editor = vscode.window.activeTextEditor;
      const languageClient = client();
      if (!editor || !languageClient) {
        void vscode.window.showErrorMessage('Replay an audit log: open an audit policy file first.');
        return undefined;
      }
      const log =
        typeof logArg === 'string' ? vscode.Uri.file(logArg) : logArg instanceof vscode.Uri ? logArg : await pickLog();
      if (!log) return undefined;
      if (!languageClient.isRunning()) await languageClient.start();
      const workDoneToken = `kubeAuditPolicy/replay/${++runs}`;
      const params: ReplayParams = {
        textDocument: { uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri) },
        logs: [log.fsPath],
        workDoneToken,
      };
      const result = await vscode.window.withProgress(
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
            return await languageClient.sendRequest<ReplayResult>(REPLAY_METHOD, params, token);
          } catch (error) {
            if (!token.isCancellationRequested)
              void vscode.window.showErrorMessage(
                `Replay an audit log: ${error instanceof Error ? error.message : String(error)}`,
              );
            return undefined;
          } finally {
            listening.dispose();
          }
        },
      );
      if (!result) return undefined;
      results.set(editor.document.uri.toString(), result);
      view.show(editor.document.uri, result);
      return result;
    }),
    vscode.commands.registerCommand(SHOW_REPLAY_COMMAND, (uri?: string) => {
      const key = uri ? vscode.Uri.parse(uri).toString() : vscode.window.activeTextEditor?.document.uri.toString();
      const result = key ? results.get(key) : undefined;
      if (result && key) view.show(vscode.Uri.parse(key), result);
    }),
  );
}

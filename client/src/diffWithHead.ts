// "Kubernetes Audit Policy: Compare with the committed version (HEAD)": reads the active policy's
// HEAD version through VS Code's own Git extension, asks the server what changes between the two
// (kubeAuditPolicy/diff), and shows the report as a Markdown preview. Returns the JSON report. In
// a file that holds several policies, the one under the cursor is compared with the same policy
// of the committed version; the user picks one when the cursor is in none.
import * as vscode from 'vscode';
import { DIFF_METHOD } from '../../server/src/lsp/protocol';
import type { DiffParams, DiffResult } from '../../server/src/lsp/protocol';
import type { ClientAccessor } from './commands';
import { requireFileSystem } from './platform';
import { sendPickingPolicy } from './policyPick';
import type { Platform } from './platform';

export const DIFF_WITH_HEAD_COMMAND = 'kubeAuditPolicy.diffWithHead';

/** The parts of the vscode.git extension's API (extensions/git/src/api/git.d.ts) used here. */
interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  getRepository(uri: vscode.Uri): { show(ref: string, path: string): Promise<string> } | null;
}

/** Git finds the workspace's repositories after it activates: a command run right after start-up
 *  waits for that (bounded), instead of saying the file is in no repository. */
function initialized(git: GitApi, timeoutMs = 10_000): Promise<void> {
  if (git.state === 'initialized') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(finish, timeoutMs);
    const listening = git.onDidChangeState((state) => state === 'initialized' && finish());
    function finish(): void {
      clearTimeout(timer);
      listening.dispose();
      resolve();
    }
  });
}

async function headText(uri: vscode.Uri): Promise<string> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
  if (!extension) throw new Error('the Git extension (vscode.git) is not available');
  const git = (extension.isActive ? extension.exports : await extension.activate()).getAPI(1);
  await initialized(git);
  const repository = git.getRepository(uri);
  if (!repository) throw new Error(`${vscode.workspace.asRelativePath(uri)} is not in a Git repository`);
  try {
    return await repository.show('HEAD', uri.fsPath);
  } catch (error) {
    throw new Error(
      `${vscode.workspace.asRelativePath(uri)} has no committed version (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      { cause: error },
    );
  }
}

export function registerDiffWithHeadCommand(
  context: vscode.ExtensionContext,
  client: ClientAccessor,
  platform: Platform,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(DIFF_WITH_HEAD_COMMAND, async (): Promise<object | undefined> => {
      const why = "it reads the committed version through VS Code's Git extension, which runs only on desktop";
      if (!requireFileSystem(platform, 'Compare with HEAD', why)) return undefined;
      const editor = vscode.window.activeTextEditor;
      const languageClient = client();
      if (!editor || !languageClient) {
        void vscode.window.showErrorMessage('Compare with HEAD: open an audit policy file first.');
        return undefined;
      }
      try {
        const oldText = await headText(editor.document.uri);
        if (!languageClient.isRunning()) await languageClient.start();
        const name = vscode.workspace.asRelativePath(editor.document.uri);
        const converter = languageClient.code2ProtocolConverter;
        const params: DiffParams = {
          textDocument: { uri: converter.asUri(editor.document.uri) },
          oldText,
          oldName: `HEAD:${name}`,
          newName: name,
          // In a file that holds several policies: the one under the cursor, else the user picks one.
          position: converter.asPosition(editor.selection.active),
        };
        const result = await sendPickingPolicy(
          (sent: DiffParams) => languageClient.sendRequest<DiffResult>(DIFF_METHOD, sent),
          params,
          'Compare with HEAD',
        );
        if (!result) return undefined;
        const report = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
        await vscode.commands.executeCommand('markdown.showPreview', report.uri);
        return result.json;
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Compare with HEAD: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
    }),
  );
}

// "Kubernetes Audit Policy: Explain a request": asks the server which rule of the active policy
// decides a request, says so, selects that rule, and returns the answer (so that other extensions
// and tests can run `kubeAuditPolicy.explain` with a request line and read the result).
import * as vscode from 'vscode';
import { EXPLAIN_METHOD } from '../../server/src/lsp/protocol';
import type { ExplainParams, ExplainResult } from '../../server/src/lsp/protocol';
import type { ClientAccessor } from './commands';

export const EXPLAIN_COMMAND = 'kubeAuditPolicy.explain';

export function registerExplainCommand(context: vscode.ExtensionContext, client: ClientAccessor): void {
  let lastRequest = '';
  context.subscriptions.push(
    vscode.commands.registerCommand(EXPLAIN_COMMAND, async (arg?: unknown): Promise<ExplainResult | undefined> => {
      const editor = vscode.window.activeTextEditor;
      const languageClient = client();
      if (!editor || !languageClient) {
        void vscode.window.showErrorMessage('Explain a request: open an audit policy file first.');
        return undefined;
      }
      const request =
        typeof arg === 'string'
          ? arg
          : await vscode.window.showInputBox({
              title: 'Explain a request',
              prompt: 'The request as kube-apiserver receives it: [USER] [groups=G1,G2] METHOD /path',
              placeHolder: 'alice DELETE /api/v1/namespaces/prod/pods/webapp-pod',
              value: lastRequest,
              ignoreFocusOut: true,
            });
      if (!request) return undefined;
      lastRequest = request;
      if (!languageClient.isRunning()) await languageClient.start();
      const params: ExplainParams = {
        textDocument: { uri: languageClient.code2ProtocolConverter.asUri(editor.document.uri) },
        request,
      };
      let result: ExplainResult;
      try {
        result = await languageClient.sendRequest<ExplainResult>(EXPLAIN_METHOD, params);
      } catch (error) {
        void vscode.window.showErrorMessage(`Explain a request: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      await reveal(editor, result);
      void vscode.window.showInformationMessage(summary(result));
      return result;
    }),
  );
}

async function reveal(editor: vscode.TextEditor, result: ExplainResult): Promise<void> {
  if (result.line === null) return;
  const shown = await vscode.window.showTextDocument(editor.document, {
    viewColumn: editor.viewColumn,
    preserveFocus: false,
  });
  const line = shown.document.lineAt(Math.min(result.line - 1, shown.document.lineCount - 1));
  shown.selection = new vscode.Selection(
    line.range.end,
    line.range.start.translate(0, line.firstNonWhitespaceCharacterIndex),
  );
  shown.revealRange(line.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function summary(result: ExplainResult): string {
  const stages = result.omitStages.length > 0 ? `, omitting ${result.omitStages.join(', ')}` : '';
  if (result.rule === null) return `No rule matches: the request is not recorded (level None). ${result.trace.length} rules checked.`;
  return `Rule #${result.rule + 1} (line ${result.line}) decides: level ${result.level}${stages}. ${result.trace.length} earlier rule${result.trace.length === 1 ? '' : 's'} did not match.`;
}

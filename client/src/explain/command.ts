// "Kubernetes Audit Policy: Explain a request": asks for a request (recent ones are offered
// again), asks the server which rule of the policy decides it, selects that rule and shows the
// whole answer in the explain view. Returns the answer, so that other extensions and tests can
// run `kubeAuditPolicy.explain` with a request line and read the result.
import * as vscode from 'vscode';
import { EXPLAIN_METHOD } from '../../../server/src/lsp/protocol';
import type { ExplainParams, ExplainResult } from '../../../server/src/lsp/protocol';
import type { ClientAccessor } from '../commands';
import { showRule } from '../showRule';
import { RequestHistory } from './history';
import { askForRequest } from './requestInput';
import { ExplainView } from './view';

export const EXPLAIN_COMMAND = 'kubeAuditPolicy.explain';

export function registerExplainCommand(context: vscode.ExtensionContext, client: ClientAccessor): void {
  const history = new RequestHistory(context.workspaceState);
  const view = new ExplainView();
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(EXPLAIN_COMMAND, async (arg?: unknown): Promise<ExplainResult | undefined> => {
      const policy = policyToExplain(view);
      const languageClient = client();
      if (!policy || !languageClient) {
        void vscode.window.showErrorMessage('Explain a request: open an audit policy file first.');
        return undefined;
      }
      const typed = typeof arg === 'string' ? arg.trim() : await askForRequest(history.recent());
      if (!typed) return undefined;
      if (!languageClient.isRunning()) await languageClient.start();
      const params: ExplainParams = {
        textDocument: { uri: languageClient.code2ProtocolConverter.asUri(policy.uri) },
        request: typed,
      };
      let result: ExplainResult;
      try {
        result = await languageClient.sendRequest<ExplainResult>(EXPLAIN_METHOD, params);
      } catch (error) {
        void vscode.window.showErrorMessage(
          `Explain a request: ${error instanceof Error ? error.message : String(error)}`,
        );
        return undefined;
      }
      // Only requests the server could read come back in the input.
      await history.remember(typed);
      if (result.range) await showRule(policy.uri, result.range);
      view.show({ policy: policy.uri, typed, result });
      return result;
    }),
  );
}

/** The YAML file in the active editor; with the explain view focused, the policy it explains. */
function policyToExplain(view: ExplainView): vscode.TextDocument | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'yaml') return active;
  const shown = view.policy?.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown);
}

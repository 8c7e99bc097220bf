// "Kubernetes Audit Policy: Explain a request": asks for a request (recent ones are offered
// again), asks the server which rule of the policy decides it, selects that rule and shows the
// whole answer in the explain view. Returns the answer, so that other extensions and tests can
// run `kubeAuditPolicy.explain` with a request line (and the path of one of the policies a file
// holds, as lint prints it) and read the result. In a file that holds several policies, the one
// under the cursor is explained; with the cursor in none of them, the user picks one.
import * as vscode from 'vscode';
import { EXPLAIN_METHOD } from '../../../server/src/lsp/protocol';
import type { ExplainParams, ExplainResult } from '../../../server/src/lsp/protocol';
import type { ClientAccessor } from '../commands';
import { SERVED_LANGUAGES } from '../languages';
import { sendPickingPolicy } from '../policyPick';
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
    vscode.commands.registerCommand(
      EXPLAIN_COMMAND,
      async (arg?: unknown, embeddedAtArg?: unknown): Promise<ExplainResult | undefined> => {
        const policy = policyToExplain(view);
        const languageClient = client();
        if (!policy || !languageClient) {
          void vscode.window.showErrorMessage('Explain a request: open an audit policy file first.');
          return undefined;
        }
        const typed = typeof arg === 'string' ? arg.trim() : await askForRequest(history.recent());
        if (!typed) return undefined;
        if (!languageClient.isRunning()) await languageClient.start();
        const converter = languageClient.code2ProtocolConverter;
        const embeddedAt = typeof embeddedAtArg === 'string' ? embeddedAtArg : policy.embeddedAt;
        const params: ExplainParams = {
          textDocument: { uri: converter.asUri(policy.document.uri) },
          request: typed,
          // The policy named (by the caller, or the one the view shows), else the one under the cursor.
          ...(embeddedAt !== undefined
            ? { embeddedAt }
            : policy.cursor && { position: converter.asPosition(policy.cursor) }),
        };
        let result: ExplainResult | undefined;
        try {
          // In a file that holds several policies and the cursor in none, the user picks one.
          result = await sendPickingPolicy(
            (sent: ExplainParams) => languageClient.sendRequest<ExplainResult>(EXPLAIN_METHOD, sent),
            params,
            'Explain a request',
          );
        } catch (error) {
          void vscode.window.showErrorMessage(
            `Explain a request: ${error instanceof Error ? error.message : String(error)}`,
          );
          return undefined;
        }
        if (!result) return undefined;
        // Only requests the server could read come back in the input.
        await history.remember(typed);
        if (result.range) await showRule(policy.document.uri, result.range);
        view.show({ policy: policy.document.uri, typed, result });
        return result;
      },
    ),
  );
}

interface PolicyToExplain {
  readonly document: vscode.TextDocument;
  /** In the active editor: the cursor, which chooses among the policies a file holds. */
  readonly cursor?: vscode.Position;
  /** From the explain view: the policy it explains, in a file that holds several. */
  readonly embeddedAt?: string;
}

/** The file in the active editor; with the explain view focused, the policy it explains. */
function policyToExplain(view: ExplainView): PolicyToExplain | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && SERVED_LANGUAGES.includes(editor.document.languageId))
    return { document: editor.document, cursor: editor.selection.active };
  const shown = view.policy?.toString();
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown);
  return document && { document, ...(view.embeddedAt !== undefined ? { embeddedAt: view.embeddedAt } : {}) };
}

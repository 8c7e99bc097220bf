// The explain view: one webview panel beside the policy, reused for every explanation. It runs
// no script (scripts disabled, CSP without script-src); its rule links are command URIs allowed
// for the show-rule command only.
import * as vscode from 'vscode';
import type { ExplainResult } from '../../../server/src/lsp/protocol';
import { SHOW_RULE_COMMAND } from '../showRule';
import { explainHtml } from './html';

const EXPLAIN_VIEW_TYPE = 'kubeAuditPolicy.explain';

export interface ShownExplanation {
  readonly policy: vscode.Uri;
  readonly typed: string;
  readonly result: ExplainResult;
}

export class ExplainView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: ShownExplanation | undefined;

  /** The policy of the explanation on screen, if the view is open. */
  get policy(): vscode.Uri | undefined {
    return this.panel && this.shown?.policy;
  }

  /** In a file that holds several policies, the path of the one on screen. */
  get embeddedAt(): string | undefined {
    return this.panel && this.shown?.result.embeddedAt;
  }

  show(explanation: ShownExplanation): void {
    this.shown = explanation;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        EXPLAIN_VIEW_TYPE,
        'Explain',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: [SHOW_RULE_COMMAND], localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => (this.panel = undefined));
    } else {
      this.panel.reveal(undefined, true);
    }
    this.panel.title = `Explain: ${explanation.typed}`;
    const policy = explanation.policy.toString();
    this.panel.webview.html = explainHtml(
      {
        policyName: policyName(explanation),
        typed: explanation.typed,
        result: explanation.result,
        ruleHref: (range) => `command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([policy, range]))}`,
      },
      nonce(),
    );
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** The file's name, and the policy's path in it for a policy the file holds (as lint names it). */
function policyName(explanation: ShownExplanation): string {
  const file = explanation.policy.path.split('/').pop() || explanation.policy.toString();
  const embeddedAt = explanation.result.embeddedAt;
  return embeddedAt ? `${file} (${embeddedAt})` : file;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

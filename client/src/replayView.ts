// The report view: the service's HTML report in a webview with no script at all. Rules link into
// the policy through one allowed command URI; the content security policy allows only the page's
// own style (by nonce). Every value from the log is escaped and cut short by the renderer.
import * as vscode from 'vscode';
import type { ReplayResult } from '../../server/src/lsp/protocol';
import { formatHtml } from '../../server/src/service/replay/render/html';
import { SHOW_RULE_COMMAND } from './showRule';

function nonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ReplayReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  show(policy: vscode.Uri, result: ReplayResult): void {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'kubeAuditPolicy.replayReport',
        'Audit log replay',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          enableScripts: false,
          enableCommandUris: [SHOW_RULE_COMMAND],
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => (this.panel = undefined), undefined, this.context.subscriptions);
    }
    const target = policy.toString();
    // The policy as the report names it: the file, and the region for a policy the file holds.
    this.panel.title = `Replay: ${result.policy.name}`;
    this.panel.webview.html = formatHtml(result, {
      nonce: nonce(),
      styleSource: this.panel.webview.cspSource,
      ruleHref: (_rule, line) => {
        // The rule's first line (1-based in the report), as the explain view's links show a rule.
        const at = { line: Math.max(0, (line ?? 1) - 1), character: 0 };
        return `command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([target, { start: at, end: at }]))}`;
      },
    });
    this.panel.reveal(undefined, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

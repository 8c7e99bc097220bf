// Where the extension runs: on Node (desktop VS Code, code-server, Codespaces) or in a browser's
// Web Worker (vscode.dev, github.dev), where there is no file system and no process to start.
// Commands that need either ask `requireFileSystem` first, which says so plainly on the web.
import * as vscode from 'vscode';

export interface Platform {
  readonly kind: 'node' | 'web';
}

export const NODE_PLATFORM: Platform = { kind: 'node' };
export const WEB_PLATFORM: Platform = { kind: 'web' };

/** True on Node. On the web, tells the user that `feature` is not available there, and why. */
export function requireFileSystem(platform: Platform, feature: string, why: string): boolean {
  if (platform.kind === 'node') return true;
  void vscode.window.showInformationMessage(
    `${feature} is not available in VS Code for the Web (vscode.dev, github.dev): ${why}. ` +
      'Open the folder in desktop VS Code, or use the kube-audit-policy command line.',
  );
  return false;
}

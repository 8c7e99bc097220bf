// The requests explained recently in this workspace, newest first, offered again in the input.
// Kept in workspaceState: requests name a cluster's users and namespaces, which belong to the
// workspace's policies rather than to every window.
import type * as vscode from 'vscode';

const KEY = 'kubeAuditPolicy.explain.recentRequests';
const MAX = 20;

export class RequestHistory {
  constructor(private readonly state: vscode.Memento) {}

  recent(): string[] {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) ? stored.filter((r): r is string => typeof r === 'string').slice(0, MAX) : [];
  }

  /** Puts the request first; an earlier copy of it moves up rather than repeating. */
  async remember(request: string): Promise<void> {
    const text = request.trim();
    if (!text) return;
    await this.state.update(KEY, [text, ...this.recent().filter((r) => r !== text)].slice(0, MAX));
  }
}

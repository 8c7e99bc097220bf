// The extension's commands. Each command lives in its own file and is listed here.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerExplainCommand } from './explain';
import { registerReplayCommands } from './replay';
import { registerDiffWithHeadCommand } from './diffWithHead';

export type ClientAccessor = () => LanguageClient | undefined;

export function registerCommands(_context: vscode.ExtensionContext, _client: ClientAccessor): void {
  // Commands are added here.
  registerExplainCommand(_context, _client);
  registerReplayCommands(_context, _client);
  registerDiffWithHeadCommand(_context, _client);
}

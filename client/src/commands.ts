// The extension's commands. Each command lives in its own module and is listed here; a command
// that needs files on disk asks requireFileSystem (platform.ts) first.
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerExplainCommand } from './explain/command';
import type { Platform } from './platform';
import { registerReplayCommands } from './replay';
import { registerShowRuleCommand } from './showRule';
import { registerSelectVersionCommand } from './status/selectVersion';
import { registerDiffWithHeadCommand } from './diffWithHead';

export type ClientAccessor = () => BaseLanguageClient | undefined;

export function registerCommands(context: vscode.ExtensionContext, client: ClientAccessor, platform: Platform): void {
  registerExplainCommand(context, client);
  registerReplayCommands(context, client, platform);
  registerShowRuleCommand(context);
  registerSelectVersionCommand(context);
  registerDiffWithHeadCommand(context, client, platform);
}

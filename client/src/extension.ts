// The VS Code side: start the language server over IPC for YAML documents and hand it our
// settings. Everything clever happens in the server; this file only connects the two.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps one parsed model per open policy; a small young generation keeps its memory
  // near the size of that model instead of growing V8's semi-spaces to their 16 MB maximum.
  const execArgv = ['--max-semi-space-size=1'];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML document: the server itself decides which ones are audit policies, so other YAML
    // gets nothing and Red Hat's YAML extension keeps serving it alongside.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
      // Markdown docs hold policies in fenced yaml blocks; the server answers only inside those.
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'vscode-remote', language: 'markdown' },
    ],
    synchronize: { configurationSection: 'kubeAuditPolicy' },
  };
  client = new LanguageClient('kubeAuditPolicy', 'Kubernetes Audit Policy', serverOptions, clientOptions);
  registerCommands(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

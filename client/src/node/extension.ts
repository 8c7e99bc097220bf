// The extension's `main` entry, on Node: the language server runs as a Node process over IPC.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { ServerOptions } from 'vscode-languageclient/node';
import { NODE_PLATFORM } from '../platform';
import { CLIENT_ID, CLIENT_NAME, clientOptions, startExtension, stopExtension } from '../start';
import type { ExtensionApi } from '../start';

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  // The server keeps one parsed model per open policy; a small young generation keeps its memory
  // near the size of that model instead of growing V8's semi-spaces to their 16 MB maximum.
  const execArgv = ['--max-semi-space-size=1'];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...execArgv, '--nolazy', '--inspect=6019'] },
    },
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions());
  return startExtension(context, client, NODE_PLATFORM);
}

export const deactivate = stopExtension;

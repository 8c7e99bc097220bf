// The extension's `browser` entry, for VS Code for the Web (vscode.dev, github.dev) and the
// web-worker extension host: the language server runs in a Web Worker (dist/web/server.js).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { MessageTransports } from 'vscode-languageclient/browser';
import { WEB_PLATFORM } from '../platform';
import { CLIENT_ID, CLIENT_NAME, clientOptions, startExtension, stopExtension } from '../start';
import type { ExtensionApi } from '../start';

export async function activate(context: vscode.ExtensionContext): Promise<ExtensionApi> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, () => connect(script), clientOptions());
  return startExtension(context, client, WEB_PLATFORM);
}

export const deactivate = stopExtension;

/** The transports are made here rather than by the client from a Worker: the web extension
 *  host hands out its own worker objects, which fail the client's `instanceof Worker` test. */
async function connect(script: vscode.Uri): Promise<MessageTransports> {
  const worker = await startWorker(script);
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/** Served over http(s) (vscode.dev, github.dev) the worker loads from its URL. An extension that
 *  lives on a remote (code-server: `vscode-remote://`) may not start a worker from its own URL,
 *  so there the script is read through the workspace file system and started from a blob. */
async function startWorker(script: vscode.Uri): Promise<Worker> {
  if (script.scheme === 'http' || script.scheme === 'https') return new Worker(script.toString(true));
  const source = await vscode.workspace.fs.readFile(script);
  // Not revoked: the worker fetches it after the constructor returns, and a blob per server start
  // (once per session, again only after a crash) costs less than a race with that fetch.
  return new Worker(URL.createObjectURL(new Blob([source as Uint8Array<ArrayBuffer>], { type: 'text/javascript' })));
}

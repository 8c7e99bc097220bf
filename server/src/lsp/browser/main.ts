// Entry point of the language server in a Web Worker (vscode.dev, github.dev, the web-worker
// extension host): the client posts LSP messages to this worker. Everything else is the same
// server as on Node; only this file and node/main.ts know a transport.
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  ProposedFeatures,
  createConnection,
} from 'vscode-languageserver/browser';
import { startServer } from '../server';

declare const self: DedicatedWorkerGlobalScope;
/** The package.json version, put in by esbuild at build time (esbuild.mjs `define`). */
declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development';

startServer(
  createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)),
  VERSION,
);

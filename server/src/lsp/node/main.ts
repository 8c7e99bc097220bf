// Entry point of `kube-audit-policy-language-server`. The transport comes from the command line
// (--stdio, --node-ipc, --socket=N, --pipe=NAME), as vscode-languageserver reads it.
import './tunedV8'; // first: before the modules below are loaded
import { IPCMessageReader, ProposedFeatures, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { replayCapabilities, replayFeature } from '../features/replay';
import { startServer } from '../server';
import { messageEncoder } from './messageEncoder';
import { ProcessMessageWriter, trackWrites } from './writes';

/** The package.json version, put in by esbuild at build time (esbuild.mjs `define`). */
declare const PACKAGE_VERSION: string;
const VERSION = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development';

if (process.argv.includes('--version')) {
  process.stdout.write(`kube-audit-policy-language-server ${VERSION}\n`);
  process.exit(0);
}
const hasTransport = process.argv.some((a) => /^--(stdio|node-ipc|socket|pipe|clientProcessId)/.test(a));
if (!hasTransport) {
  process.stderr.write('usage: kube-audit-policy-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME\n');
  process.exit(2);
}
// Replay reads audit logs from disk: a Node-only feature, which the Web Worker server does not have.
const { connection, written } = connect();
startServer(connection, VERSION, [{ feature: replayFeature, capabilities: replayCapabilities }], written);

/** The connection the command line asks for, and when what it has written has gone out (writes.ts).
 *  Over stdio, publications are encoded from each diagnostic's kept bytes (messageEncoder.ts); over
 *  node IPC, writes are followed to process.send's callback; sockets and pipes are
 *  vscode-languageserver's own, not followed. */
function connect(): { connection: Connection; written?: () => Promise<void> } {
  if (process.argv.includes('--node-ipc')) {
    const { writer, written } = trackWrites(new ProcessMessageWriter(process));
    return { connection: createConnection(ProposedFeatures.all, new IPCMessageReader(process), writer), written };
  }
  if (!process.argv.includes('--stdio')) return { connection: createConnection(ProposedFeatures.all) };
  const { writer, written } = trackWrites(
    new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder() }),
  );
  // Given the stdin stream, vscode-languageserver still ends the process when the client closes it;
  // the writer is taken as it is (vscode-jsonrpc wraps only what is a stream), though the types
  // offer streams or reader and writer, not one of each.
  const output = writer as unknown as NodeJS.WritableStream;
  const connection = createConnection(ProposedFeatures.all, process.stdin, output);
  // stdout carries the protocol: anything logged goes to the client's output instead (as
  // vscode-languageserver does for the stdio it sets up itself).
  const log = (...args: unknown[]): void => connection.console.log(args.map(String).join(' '));
  Object.assign(console, { log, info: log, debug: log, warn: log, error: log });
  return { connection, written };
}

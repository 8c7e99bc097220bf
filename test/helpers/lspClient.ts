// A real LSP client for protocol tests: starts the built server (dist/server.js --stdio) and
// talks JSON-RPC over its stdin/stdout, exactly as an editor does.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { StreamMessageReader, StreamMessageWriter, createProtocolConnection } from 'vscode-languageserver/node';
import type {
  ClientCapabilities,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  WorkspaceFolder,
} from 'vscode-languageserver/node';

export const SERVER_PATH = path.resolve(__dirname, '../../../dist/server.js');

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** Resolves with the next publishDiagnostics for `uri` (and `version`, when given). */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  /** Answers for workspace/configuration requests. */
  configuration: Record<string, unknown>;
  /** What the server answered to `initialize`. */
  initializeResult?: InitializeResult;
  stop(): Promise<void>;
}

export interface ClientOptions {
  readonly capabilities?: ClientCapabilities;
  readonly configuration?: Record<string, unknown>;
  readonly initializationOptions?: unknown;
  readonly workspaceFolders?: WorkspaceFolder[];
}

export async function startClient(options: ClientOptions = {}): Promise<TestClient> {
  const child = spawn(
    process.execPath,
    [...(process.env.KAP_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), SERVER_PATH, '--stdio'],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const waiters: Array<{ uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  const client: TestClient = {
    connection,
    process: child,
    configuration: options.configuration ?? {},
    diagnostics(uri, version) {
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
    async stop() {
      const exited = new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
      );
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => child.kill(), 2000);
      await exited;
      clearTimeout(timer);
      connection.dispose();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const i = waiters.findIndex(
      (w) => w.uri === params.uri && (w.version === undefined || w.version === params.version),
    );
    if (i !== -1) waiters.splice(i, 1)[0].resolve(params);
  });
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) =>
    params.items.map((item) => (item.section === 'kubeAuditPolicy' ? client.configuration : null)),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: options.workspaceFolders ?? null,
    capabilities: options.capabilities ?? {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
    },
    initializationOptions: options.initializationOptions,
  });
  connection.sendNotification('initialized', {});
  return client;
}

export function open(client: TestClient, uri: string, text: string, version = 1): void {
  void client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'yaml', version, text },
  });
}

// The LSP layer: capabilities, the parsed-document cache, settings, and diagnostics (pushed with
// a short debounce, or pulled when the client supports it). Features register their own handlers.
import {
  CodeLensRefreshRequest,
  DiagnosticRefreshRequest,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import type {
  CancellationToken,
  ClientCapabilities,
  CodeLens,
  Connection,
  Diagnostic,
  InitializeParams,
  InitializeResult,
  ServerCapabilities,
  WorkspaceFolder,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import {
  createHostDocument,
  detectPolicy,
  hostDiagnostics,
  hostFormat,
  hostVerdictPending,
  settledHost,
} from '../service';
import type { HostDocument } from '../service';
import type { LspFeature, ServerContext } from './context';
import { FEATURES, featureCapabilities } from './features';
import { filesMatcher } from './glob';
import type { FileMatcher } from './glob';
import { openDocuments } from './documents';
import { PullReports } from './pullReports';
import { runSafe } from './safe';
import { DEFAULT_SERVER_SETTINGS, fetchSettings } from './settings';
import type { ServerSettings } from './settings';

/** Long enough to let a burst of queued changes collapse into one check, short enough to add
 *  nothing a user notices: a check of a 5,000-rule policy after an edit takes a few tens of ms. */
const PUSH_DELAY_MS = 1;

/** A feature only one platform can serve (replay reads log files: Node only), with its capabilities. */
export interface PlatformFeature {
  readonly feature: LspFeature;
  capabilities(): Partial<ServerCapabilities>;
}

/** @param written resolves once what the connection has written so far has gone out (the Node
 *  transports: node/writes.ts); without it, work left for later waits only for the next task. */
export function startServer(
  connection: Connection,
  version: string,
  platformFeatures: readonly PlatformFeature[] = [],
  written: () => Promise<void> = () => Promise.resolve(),
): void {
  const documents = openDocuments();
  const parsed = new Map<string, HostDocument>();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const pullReports = new PullReports();
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let supportsConfiguration = false;
  let pullDiagnostics = false;
  let supportsFolders = false;
  let clientCapabilities: ClientCapabilities = {};
  let initializationOptions: unknown;
  /** The workspace folders' paths: one server serves every root of the editor's workspace. */
  let folders: string[] = [];
  /** The `files` globs for the current settings and folders; rebuilt when either changes. */
  let forced: { settings: ServerSettings; folders: string[]; matches: FileMatcher } | undefined;
  const isForced = (uri: string): boolean => {
    if (settings.files.length === 0) return false;
    if (forced?.settings !== settings || forced.folders !== folders) {
      forced = { settings, folders, matches: filesMatcher(settings.files, folders) };
    }
    return forced.matches(uriPath(uri));
  };
  /** Diagnostics wait for the settings being fetched, so a document opened right after a
   *  settings change is checked with the new settings. */
  let settingsLoaded: Promise<void> = Promise.resolve();
  const diagnosticSources: Array<(uri: string) => readonly Diagnostic[]> = [];
  const codeLensProviders: Array<(uri: string, token: CancellationToken) => readonly CodeLens[]> = [];

  const context: ServerContext = {
    connection,
    documents,
    settings: () => settings,
    clientCapabilities: () => clientCapabilities,
    settingsLoaded: () => settingsLoaded,
    getHost: (uri) => hostOf(uri, false),
    isForced,
    isPolicy(uri) {
      const host = context.getHost(uri);
      if (!host || host.kind === 'none') return false;
      if (host.kind === 'host' || host.forced) return true;
      // Only the first document counts: kube-apiserver reads no other, so a Policy after a ConfigMap
      // gets its ignored-document warning and nothing else (no Policy hover or completion anywhere).
      return detectPolicy(host.policies[0].doc.parsed) === 'policy';
    },
    addDiagnostics: (source) => diagnosticSources.push(source),
    addCodeLenses: (provider) => codeLensProviders.push(provider),
    republish(uri) {
      if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      else if (documents.get(uri)) schedule(uri);
    },
    async publishDue(uri) {
      const due = pending.get(uri);
      if (due === undefined) return;
      await settingsLoaded;
      if (pending.get(uri) !== due) return; // published meanwhile, or a newer change scheduled
      clearTimeout(due);
      pending.delete(uri);
      publish(uri);
    },
  };

  /** The host at the document's current version. Only the diagnostics may be answered before
   *  go-yaml's reading of a policy just opened (`beforeVerdict`): every other answer waits for it,
   *  and settleSoon does it once the diagnostics are out. */
  const hostOf = (uri: string, beforeVerdict: boolean): HostDocument | undefined => {
    const text = documents.get(uri);
    if (!text) return undefined;
    const options = { forced: context.isForced(uri), format: hostFormat(uri, text.languageId) };
    const previous = parsed.get(uri);
    const current =
      previous && previous.version === text.version && previous.forced === options.forced
        ? previous
        : createHostDocument(uri, text.version, text.getText(), previous, { ...options, verdictLater: true });
    const host = beforeVerdict ? current : settledHost(current, options);
    parsed.set(uri, host);
    return host;
  };

  /** go-yaml's reading of a policy whose diagnostics were made before it (the open of a large file:
   *  the reading costs as much as the rest of the parse) is done once they are out; where it
   *  disagrees with what was answered (the file is refused, or read only in part), the diagnostics
   *  go out again. */
  const settleSoon = (uri: string): void => {
    const host = parsed.get(uri);
    if (!host || !hostVerdictPending(host)) return;
    const settle = (): void => {
      if (parsed.get(uri) !== host) return; // a newer version, or settled by a request meanwhile
      const settled = runSafe(connection, 'diagnostics', undefined, () => hostOf(uri, false));
      if (settled !== host) context.republish(uri);
    };
    // Not before the diagnostics have gone out: a pulled report is written after its handler
    // returns, so what has been written is asked for in the next task.
    setTimeout(() => void written().then(() => setTimeout(settle, 0)), 0);
  };

  const diagnose = (uri: string): Diagnostic[] => {
    const host = hostOf(uri, true);
    return host
      ? [
          ...hostDiagnostics(host, settings.service, { force: host.forced }),
          ...diagnosticSources.flatMap((source) => source(uri)),
        ]
      : [];
  };

  const push = async (uri: string): Promise<void> => {
    await settingsLoaded;
    if (!pending.has(uri)) publish(uri); // else a newer change is already scheduled
  };

  const publish = (uri: string): void => {
    const doc = documents.get(uri);
    if (!doc || pullDiagnostics) return;
    const version = doc.version;
    const result = runSafe(connection, 'diagnostics', undefined, () => diagnose(uri));
    if (Array.isArray(result)) void connection.sendDiagnostics({ uri, version, diagnostics: result });
    settleSoon(uri);
  };

  /** Stale work is dropped, not queued: only the newest version of a document is checked. */
  const schedule = (uri: string): void => {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        void push(uri);
      }, PUSH_DELAY_MS),
    );
  };

  const refreshAll = async (): Promise<void> => {
    settingsLoaded = fetchSettings(connection, supportsConfiguration, initializationOptions).then((s) => {
      settings = s;
    });
    await settingsLoaded;
    if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
    else documents.all().forEach((d) => schedule(d.uri));
    // Lenses follow the settings too: a replay made for another Kubernetes version is out of date.
    if (clientCapabilities.workspace?.codeLens?.refreshSupport)
      void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientCapabilities = caps;
    supportsConfiguration = caps.workspace?.configuration === true;
    pullDiagnostics =
      caps.textDocument?.diagnostic !== undefined && caps.workspace?.diagnostics?.refreshSupport === true;
    initializationOptions =
      (params.initializationOptions as Record<string, unknown> | undefined)?.kubeAuditPolicy ??
      params.initializationOptions;
    folders = initialFolders(params);
    supportsFolders = caps.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pullDiagnostics
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        ...featureCapabilities(params.capabilities),
        ...Object.assign({}, ...platformFeatures.map((p) => p.capabilities())),
      },
      serverInfo: { name: 'kube-audit-policy-language-server', version },
    };
  });

  connection.onInitialized(() => {
    if (supportsFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriPath(f.uri))];
        void refreshAll();
      });
    }
    void refreshAll();
  });
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.kubeAuditPolicy;
    if (section !== undefined) initializationOptions = section;
    void refreshAll();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    if (typeof params?.textDocument?.uri !== 'string') {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        'kube-audit-policy: diagnostics: params.textDocument.uri must be a string',
      );
    }
    await settingsLoaded;
    const result = runSafe(connection, 'diagnostics', token, () => diagnose(params.textDocument.uri));
    settleSoon(params.textDocument.uri);
    if (!Array.isArray(result)) throw result;
    // A document that is not open has nothing to compare with later (and no close to forget it).
    if (!documents.get(params.textDocument.uri)) return { kind: DocumentDiagnosticReportKind.Full, items: result };
    return pullReports.report(params.textDocument.uri, result, params.previousResultId);
  });

  documents.onDidChangeContent((change) => schedule(change.document.uri));
  documents.onDidClose((event) => {
    pullReports.forget(event.document.uri);
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    parsed.delete(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  for (const feature of [...FEATURES, ...platformFeatures.map((p) => p.feature)]) feature.register(context);
  connection.onCodeLens((params, token) =>
    runSafe(connection, 'code lenses', token, () =>
      codeLensProviders.flatMap((provider) => provider(params.textDocument.uri, token)),
    ),
  );
  documents.listen(connection);
  connection.listen();
}

/** The folders of `initialize`: workspaceFolders, or the older rootUri and rootPath. */
function initialFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders) return params.workspaceFolders.map((f: WorkspaceFolder) => uriPath(f.uri));
  if (params.rootUri) return [uriPath(params.rootUri)];
  return params.rootPath ? [params.rootPath] : [];
}

function uriPath(uri: string): string {
  try {
    return URI.parse(uri).path;
  } catch {
    return uri;
  }
}

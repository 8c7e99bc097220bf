// The LSP layer: capabilities, the parsed-document cache, settings, and diagnostics (pushed with
// a short debounce, or pulled when the client supports it). Features register their own handlers.
import { DiagnosticRefreshRequest, DocumentDiagnosticReportKind, TextDocumentSyncKind, TextDocuments } from 'vscode-languageserver/node';
import type { Connection, Diagnostic, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createHostDocument, hostDiagnostics, hostFormat, policyAt } from '../service';
import type { HostDocument } from '../service';
import type { ServerContext } from './context';
import { FEATURES, featureCapabilities } from './features';
import { matchesAnyGlob } from './glob';
import { runSafe } from './safe';
import { DEFAULT_SERVER_SETTINGS, fetchSettings } from './settings';
import type { ServerSettings } from './settings';

/** Long enough to let a burst of queued changes collapse into one check, short enough to add
 *  nothing a user notices: a check of a 5,000-rule policy after an edit takes a few tens of ms. */
const PUSH_DELAY_MS = 1;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const parsed = new Map<string, HostDocument>();
  const pending = new Map<string, NodeJS.Timeout>();
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let supportsConfiguration = false;
  let pullDiagnostics = false;
  let initializationOptions: unknown;
  /** Diagnostics wait for the settings being fetched, so a document opened right after a
   *  settings change is checked with the new settings. */
  let settingsLoaded: Promise<void> = Promise.resolve();
  const diagnosticSources: Array<(uri: string) => readonly Diagnostic[]> = [];

  const context: ServerContext = {
    connection,
    documents,
    settings: () => settings,
    getHost(uri) {
      const text = documents.get(uri);
      if (!text) return undefined;
      const forced = context.isForced(uri);
      const previous = parsed.get(uri);
      if (previous && previous.version === text.version && previous.forced === forced) return previous;
      const host = createHostDocument(uri, text.version, text.getText(), previous, { forced, format: hostFormat(uri, text.languageId) });
      parsed.set(uri, host);
      return host;
    },
    getDocument(uri, position) {
      const host = context.getHost(uri);
      if (!host) return undefined;
      const under = position && host.kind === 'host' ? policyAt(host, host.lines.offsetAt(position)) : undefined;
      return (under ?? host.policies[0])?.doc;
    },
    isForced: (uri) => settings.files.length > 0 && matchesAnyGlob(uriPath(uri), settings.files),
    isPolicy(uri) {
      const host = context.getHost(uri);
      return !!host && host.kind !== 'none';
    },
    addDiagnostics: (source) => diagnosticSources.push(source),
    republish(uri) {
      if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
      else if (documents.get(uri)) schedule(uri);
    },
  };

  const diagnose = (uri: string): Diagnostic[] => {
    const host = context.getHost(uri);
    return host ? [...hostDiagnostics(host, settings.service, { force: host.forced }), ...diagnosticSources.flatMap((source) => source(uri))] : [];
  };

  const push = async (uri: string): Promise<void> => {
    await settingsLoaded;
    const doc = documents.get(uri);
    if (!doc || pullDiagnostics || pending.has(uri)) return; // a newer change is already scheduled
    const version = doc.version;
    const result = runSafe(connection, 'diagnostics', undefined, () => diagnose(uri));
    if (Array.isArray(result)) void connection.sendDiagnostics({ uri, version, diagnostics: result });
  };

  /** Stale work is dropped, not queued: only the newest version of a document is checked. */
  const schedule = (uri: string): void => {
    clearTimeout(pending.get(uri));
    pending.set(uri, setTimeout(() => {
      pending.delete(uri);
      void push(uri);
    }, PUSH_DELAY_MS));
  };

  const refreshAll = async (): Promise<void> => {
    settingsLoaded = fetchSettings(connection, supportsConfiguration, initializationOptions).then((s) => {
      settings = s;
    });
    await settingsLoaded;
    if (pullDiagnostics) void connection.sendRequest(DiagnosticRefreshRequest.type).catch(() => undefined);
    else documents.all().forEach((d) => schedule(d.uri));
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    supportsConfiguration = caps.workspace?.configuration === true;
    pullDiagnostics = caps.textDocument?.diagnostic !== undefined && caps.workspace?.diagnostics?.refreshSupport === true;
    initializationOptions = (params.initializationOptions as Record<string, unknown> | undefined)?.kubeAuditPolicy ?? params.initializationOptions;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        ...featureCapabilities(params.capabilities),
      },
      serverInfo: { name: 'kube-audit-policy-language-server' },
    };
  });

  connection.onInitialized(() => void refreshAll());
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.kubeAuditPolicy;
    if (section !== undefined) initializationOptions = section;
    void refreshAll();
  });

  connection.languages.diagnostics.on(async (params, token) => {
    await settingsLoaded;
    const result = runSafe(connection, 'diagnostics', token, () => diagnose(params.textDocument.uri));
    if (!Array.isArray(result)) throw result;
    return { kind: DocumentDiagnosticReportKind.Full, items: result };
  });

  documents.onDidChangeContent((change) => schedule(change.document.uri));
  documents.onDidClose((event) => {
    clearTimeout(pending.get(event.document.uri));
    pending.delete(event.document.uri);
    parsed.delete(event.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  for (const feature of FEATURES) feature.register(context);
  documents.listen(connection);
  connection.listen();
}

function uriPath(uri: string): string {
  try {
    return URI.parse(uri).path;
  } catch {
    return uri;
  }
}

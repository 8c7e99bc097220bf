// What every LSP feature handler needs: the parsed document for a uri (parsed once per version),
// the current settings, and whether a document is checked at all.
import type {
  CancellationToken,
  ClientCapabilities,
  CodeLens,
  Connection,
  Diagnostic,
  TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HostDocument } from '../service';
import type { ServerSettings } from './settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The file at its current version with the policies it is or holds, parsed once per version;
   *  undefined for unknown documents. */
  getHost(uri: string): HostDocument | undefined;
  settings(): ServerSettings;
  /** What the client said it can do in `initialize`. */
  clientCapabilities(): ClientCapabilities;
  /** Resolves once the settings being fetched (after a change) are in: a request that reports
   *  settings waits for it, as diagnostics do. */
  settingsLoaded(): Promise<void>;
  /** True when the document is checked even without `apiVersion: audit.k8s.io/...` (a files glob names it). */
  isForced(uri: string): boolean;
  /** True when the document is, or holds, an audit policy the server should serve at all. */
  isPolicy(uri: string): boolean;
  /** Adds diagnostics of a feature's own to every document's (policy tests, requirement packs). */
  addDiagnostics(source: (uri: string) => readonly Diagnostic[]): void;
  /** Adds a feature's CodeLenses to every document's (replay counts on policies, run buttons on
   *  test files): LSP has one codeLens handler, so the server asks every provider. */
  addCodeLenses(provider: (uri: string, token: CancellationToken) => readonly CodeLens[]): void;
  /** Checks a document again and publishes its diagnostics (another file it depends on changed). */
  republish(uri: string): void;
  /** Publishes a document's diagnostics at once if they are due (a change or the open scheduled
   *  them): a request whose answer can wait lets them go first. */
  publishDue(uri: string): Promise<void>;
}

/** A feature adds its capabilities and its handlers; only this layer knows LSP. */
export interface LspFeature {
  register(context: ServerContext): void;
}

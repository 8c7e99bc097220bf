// What every LSP feature handler needs: the parsed document for a uri (parsed once per version),
// the current settings, and whether a document is checked at all.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PolicyDocument } from '../service';
import type { ServerSettings } from './settings';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  /** The parsed document for this uri at its current version; undefined for unknown documents. */
  getDocument(uri: string): PolicyDocument | undefined;
  settings(): ServerSettings;
  /** Resolves once the settings being fetched (after a change) are in: a request that reports
   *  settings waits for it, as diagnostics do. */
  settingsLoaded(): Promise<void>;
  /** True when the document is checked even without `apiVersion: audit.k8s.io/...` (a files glob names it). */
  isForced(uri: string): boolean;
  /** True when the document is an audit policy the server should serve at all. */
  isPolicy(uri: string): boolean;
}

/** A feature adds its capabilities and its handlers; only this layer knows LSP. */
export interface LspFeature {
  register(context: ServerContext): void;
}

// The editing features the server offers, each in its own file. Add a feature here and its
// capabilities in featureCapabilities.
import type { ClientCapabilities, ServerCapabilities } from 'vscode-languageserver/node';
import type { LspFeature } from '../context';

export const FEATURES: readonly LspFeature[] = [];

export function featureCapabilities(_client: ClientCapabilities): Partial<ServerCapabilities> {
  return {};
}

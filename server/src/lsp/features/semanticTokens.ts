// textDocument/semanticTokens (full and range) -> the language service's semanticTokens.
import type { ServerCapabilities } from 'vscode-languageserver/node';
import { SEMANTIC_TOKEN_LEGEND, semanticTokens } from '../../service';
import type { LspFeature } from '../context';
import { runSafe } from '../safe';

export const semanticTokensFeature: LspFeature = {
  register(context) {
    const { connection } = context;
    connection.languages.semanticTokens.on((params, token) => {
      const uri = params.textDocument.uri;
      return runSafe(connection, 'semantic tokens', token, () => {
        const doc = context.getDocument(uri);
        return doc && context.isPolicy(uri) ? semanticTokens(doc) : { data: [] };
      });
    });
    connection.languages.semanticTokens.onRange((params, token) => {
      const uri = params.textDocument.uri;
      return runSafe(connection, 'semantic tokens', token, () => {
        const doc = context.getDocument(uri);
        return doc && context.isPolicy(uri) ? semanticTokens(doc, doc.lines.offsetAt(params.range.start), doc.lines.offsetAt(params.range.end)) : { data: [] };
      });
    });
  },
};

export function semanticTokensCapabilities(): Partial<ServerCapabilities> {
  return { semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true } };
}

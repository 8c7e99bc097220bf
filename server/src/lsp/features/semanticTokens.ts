// textDocument/semanticTokens (full and range) -> the language service's semanticTokens.
import type { ServerCapabilities } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_LEGEND, hostSemanticTokens } from '../../service';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const semanticTokensFeature: LspFeature = {
  register(context) {
    const { connection } = context;
    connection.languages.semanticTokens.on((params, token) =>
      forPolicy(context, 'semantic tokens', params, token, { data: [] }, (host) => hostSemanticTokens(host)),
    );
    connection.languages.semanticTokens.onRange((params, token) =>
      forPolicy(
        context,
        'semantic tokens',
        params,
        token,
        { data: [] },
        (host) => hostSemanticTokens(host, params.range),
        ['range'],
      ),
    );
  },
};

export function semanticTokensCapabilities(): Partial<ServerCapabilities> {
  return { semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true } };
}

// textDocument/semanticTokens (full, delta and range) -> the language service's semanticTokens.
// A full answer carries a resultId; a delta against it sends only what changed. VS Code asks again
// after every change, and the whole of a 5,000-rule policy's tokens is 0.9 MB of JSON, made,
// sent and read on each keystroke; a delta is the few numbers of the rule that changed.
// Colours wait for the diagnostics due (forPolicyAfterDiagnostics). A document that holds no policy
// gets null, not empty tokens: VS Code shows the first provider's answer that has tokens for the
// whole file, and an empty one from us would hide another server's colours (getSemanticTokens.ts).
import type { SemanticTokens, SemanticTokensDelta, ServerCapabilities } from 'vscode-languageserver';
import { SEMANTIC_TOKEN_LEGEND, hostSemanticTokens, semanticTokenEdits } from '../../service';
import type { LspFeature } from '../context';
import { forPolicyAfterDiagnostics } from '../policyRequest';

export const semanticTokensFeature: LspFeature = {
  register(context) {
    const { connection } = context;
    /** The tokens last sent in full or as a delta for each document, under their resultId. */
    const sent = new Map<string, { readonly resultId: string; readonly data: Uint32Array }>();
    let results = 0;
    context.documents.onDidClose((event) => sent.delete(event.document.uri));

    /** Numbers an answer and keeps its tokens, for the next delta. */
    const remember = (uri: string, data: Uint32Array): string => {
      const resultId = String(++results);
      sent.set(uri, { resultId, data });
      return resultId;
    };
    const full = (uri: string, data: Uint32Array): SemanticTokens => ({
      resultId: remember(uri, data),
      data: Array.from(data),
    });

    const delta = (uri: string, data: Uint32Array, previousResultId: unknown): SemanticTokens | SemanticTokensDelta => {
      const before = sent.get(uri);
      // Not the answer the client holds (a restart, or one lost): the whole tokens again.
      if (!before || before.resultId !== previousResultId) return full(uri, data);
      return { resultId: remember(uri, data), edits: semanticTokenEdits(before.data, data) };
    };

    connection.languages.semanticTokens.on((params, token) =>
      forPolicyAfterDiagnostics<SemanticTokens | null>(context, 'semantic tokens', params, token, null, (host) =>
        full(params.textDocument.uri, hostSemanticTokens(host)),
      ),
    );
    connection.languages.semanticTokens.onDelta((params, token) =>
      forPolicyAfterDiagnostics<SemanticTokens | SemanticTokensDelta | null>(
        context,
        'semantic tokens',
        params,
        token,
        null,
        (host) => delta(params.textDocument.uri, hostSemanticTokens(host), params.previousResultId),
      ),
    );
    connection.languages.semanticTokens.onRange((params, token) =>
      forPolicyAfterDiagnostics(
        context,
        'semantic tokens',
        params,
        token,
        null,
        (host) => ({ data: Array.from(hostSemanticTokens(host, params.range)) }),
        ['range'],
      ),
    );
  },
};

export function semanticTokensCapabilities(): Partial<ServerCapabilities> {
  return { semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: { delta: true }, range: true } };
}

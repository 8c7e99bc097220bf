// textDocument/inlayHint -> the rule numbers (`#1`, `#2`, ...) before each rule.
import type { ServerCapabilities } from 'vscode-languageserver';
import { hostInlayHints } from '../../service';
import type { LspFeature } from '../context';
import { forPolicyAfterDiagnostics } from '../policyRequest';

export const ruleNumbersFeature: LspFeature = {
  register(context) {
    context.connection.languages.inlayHint.on(async (params, token) => {
      const result = await forPolicyAfterDiagnostics(context, 'inlay hints', params, token, [], (host) =>
        hostInlayHints(host, params.range),
      );
      return Array.isArray(result) ? result : [];
    });
  },
};

export function ruleNumbersCapabilities(): Partial<ServerCapabilities> {
  return { inlayHintProvider: { resolveProvider: false } };
}

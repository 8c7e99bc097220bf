// Numbers the rules in the editor (`#1`, `#2`, ... as inlay hints before each rule), because
// the first matching rule wins and explanations and diagnostics speak of rules by number.
import type { InlayHint, InlayHintParams, ServerCapabilities } from 'vscode-languageserver';
import type { LspFeature } from '../context';
import { forPolicy } from '../policyRequest';

export const ruleNumbersFeature: LspFeature = {
  register(context) {
    context.connection.languages.inlayHint.on((params: InlayHintParams, token) => {
      const result = forPolicy(context, 'inlay hints', params, token, [], (doc): InlayHint[] => {
        const from = doc.lines.offsetAt(params.range.start);
        const to = doc.lines.offsetAt(params.range.end);
        const hints: InlayHint[] = [];
        for (const rule of doc.parsed.rules) {
          const at = rule.base + rule.node.start;
          if (at < from || at > to) continue;
          hints.push({ position: doc.lines.positionAt(at), label: `#${rule.index + 1}`, paddingRight: true, tooltip: `rules[${rule.index}]: rules are tried in order and the first match wins` });
        }
        return hints;
      });
      return Array.isArray(result) ? result : [];
    });
  },
};

export function ruleNumbersCapabilities(): Partial<ServerCapabilities> {
  return { inlayHintProvider: { resolveProvider: false } };
}

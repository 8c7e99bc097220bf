// The explain view's page: the verdict, then every rule consulted in order with the reason it did
// not match, each rule a link into the policy. Pure (no `vscode`), so it is unit-tested. The page
// runs no script; links are command URIs. Every value from the policy or the request is escaped.
import type { ExplainResult } from '../../../server/src/lsp/protocol';

export interface ExplainPage {
  /** The policy's file name, for the heading. */
  readonly policyName: string;
  /** The request as the user typed it. */
  readonly typed: string;
  readonly result: ExplainResult;
  /** The href that shows a rule in the policy; `range` is the rule's text. */
  readonly ruleHref: (range: ExplainResult['trace'][number]['range']) => string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function explainHtml(page: ExplainPage, nonce: string): string {
  const { result } = page;
  const rows = result.trace.map((t) =>
    row(
      'skipped',
      ruleLink(page, t.rule, t.range),
      t.line,
      'does not match',
      `<code>${escapeHtml(t.field)}</code>: ${escapeHtml(t.reason)}`,
    ),
  );
  if (result.rule !== null && result.range !== null && result.line !== null) {
    rows.push(
      row(
        'match',
        ruleLink(page, result.rule, result.range),
        result.line,
        'matches',
        'The first rule that matches decides; later rules are not consulted.',
      ),
    );
  }
  const csp = `default-src 'none'; style-src 'nonce-${escapeHtml(nonce)}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Explain: ${escapeHtml(page.typed)}</title>
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<h1>${verdict(page)}</h1>
<dl>
<dt>Request</dt><dd><code>${escapeHtml(page.typed)}</code></dd>
<dt>Read as</dt><dd>${escapeHtml(result.request)}</dd>
<dt>Policy</dt><dd>${escapeHtml(page.policyName)}</dd>
<dt>Level</dt><dd><strong>${escapeHtml(result.level)}</strong></dd>
<dt>Omitted stages</dt><dd>${result.omitStages.length ? result.omitStages.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ') : 'none'}</dd>
<dt>Managed fields</dt><dd>${result.omitManagedFields ? 'omitted' : 'kept'}</dd>
</dl>
<h2>Rules in order</h2>
${
  rows.length
    ? `<table>
<thead><tr><th>Rule</th><th>Line</th><th>Result</th><th>Why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`
    : '<p>The policy has no rules.</p>'
}
${result.rule === null && rows.length ? '<p class="none">No rule matches, so kube-apiserver does not record the request (level None).</p>' : ''}
</body>
</html>
`;
}

function verdict(page: ExplainPage): string {
  const { result } = page;
  if (result.rule === null) return 'Not recorded: no rule matches';
  return `Rule #${result.rule + 1} decides: level ${escapeHtml(result.level)}`;
}

function ruleLink(page: ExplainPage, rule: number, range: ExplainResult['trace'][number]['range']): string {
  return `<a href="${escapeHtml(page.ruleHref(range))}" title="Show rule #${rule + 1} in the policy">Rule #${rule + 1}</a>`;
}

function row(kind: 'skipped' | 'match', link: string, line: number, outcome: string, why: string): string {
  return `<tr class="${kind}"><td>${link}</td><td>${line}</td><td>${outcome}</td><td>${why}</td></tr>`;
}

// Theme colours come from VS Code's CSS variables, so the view follows light, dark and high contrast.
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.5em 1.5em; line-height: 1.5; }
h1 { font-size: 1.4em; font-weight: 600; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 1.5em; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 0.25em; border-radius: 3px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1.5em; margin: 0; }
dt { color: var(--vscode-descriptionForeground); }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.75em 0.35em 0; border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-panel-border)); }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
a { color: var(--vscode-textLink-foreground); }
a:hover, a:focus { color: var(--vscode-textLink-activeForeground); }
tr.match td { font-weight: 600; }
tr.match td:nth-child(3) { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
tr.skipped td:nth-child(3) { color: var(--vscode-descriptionForeground); }
p.none { font-weight: 600; }
`;

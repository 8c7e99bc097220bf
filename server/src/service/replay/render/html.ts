// The replay report as one self-contained HTML page: a bar chart (inline SVG) and tables, no script
// at all, and a content security policy that allows nothing but its own style. Every value from
// the log or the user is escaped (a user agent of `<script>` shows as text) and already cut short.
import type { Count } from '../topCounter';
import type { ReplayReport, RuleRow } from '../report';
import { count, percent, signedSize, size } from './numbers';

export interface HtmlOptions {
  /** Where a rule links to: an anchor in a file, a `command:` URI in the editor. */
  readonly ruleHref?: (rule: number, line: number | null) => string;
  /** The nonce of the one style element, named in the content security policy. */
  readonly nonce: string;
  /** Extra sources the CSP allows for style (the editor's webview source), if any. */
  readonly styleSource?: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #1f2328; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #e6edf3; background: #0d1117; } a { color: #58a6ff; } }
body.vscode-dark, body.vscode-high-contrast { color: var(--vscode-foreground); background: var(--vscode-editor-background); }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #8886; padding: 0.25em 0.6em; text-align: left; vertical-align: top; max-width: 40em; overflow-wrap: anywhere; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg text { font-size: 12px; fill: currentColor; }
.bar { fill: #326ce5; } .bar.none { fill: #999; }
.note { opacity: 0.8; font-style: italic; }`;

const list = (values: Count[]): string => values.map((v) => `${e(v.value)} (${count(v.events)})`).join('<br>');

function ruleLabel(r: RuleRow, options: HtmlOptions): string {
  if (r.rule === -1) return 'no rule (None)';
  const label = `#${r.rule + 1}${r.line !== null ? ` (line ${r.line})` : ''}`;
  return options.ruleHref ? `<a href="${e(options.ruleHref(r.rule, r.line))}">${label}</a>` : label;
}

function chart(rows: RuleRow[]): string {
  const shown = rows
    .filter((r) => r.events > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 20);
  if (shown.length === 0) return '';
  const width = 640;
  const labelWidth = 150;
  const barHeight = 20;
  const max = Math.max(...shown.map((r) => r.bytes), 1);
  const bars = shown.map((r, i) => {
    const y = i * (barHeight + 4);
    const w = Math.max(1, Math.round(((width - labelWidth - 150) * r.bytes) / max));
    const label = r.rule === -1 ? 'no rule' : `rule #${r.rule + 1} ${r.level}`;
    return (
      `<text x="0" y="${y + 15}">${e(label)}</text><rect class="bar${r.rule === -1 ? ' none' : ''}" x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}"></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${size(r.bytes)} (${percent(r.share)})</text>`
    );
  });
  return `<svg role="img" aria-label="bytes per rule" width="${width}" height="${shown.length * (barHeight + 4)}">${bars.join('')}</svg>`;
}

function rulesTable(rows: RuleRow[], options: HtmlOptions, against: boolean): string {
  const head = `<tr><th>rule</th><th>level</th><th>events</th><th>bytes</th><th>share</th><th>written</th><th>recorded higher</th><th>top users</th><th>top verbs</th><th>top resources</th><th>top user agents</th>${against ? '<th>other policy</th>' : ''}</tr>`;
  const body = rows.map(
    (r) =>
      `<tr${r.rule === -1 ? '' : ` id="rule-${r.rule + 1}"`}><td>${ruleLabel(r, options)}</td><td>${e(r.level)}</td><td class="n">${count(r.events)}</td><td class="n">${size(r.bytes)}</td><td class="n">${percent(r.share)}</td>` +
      `<td class="n">${count(r.written)} / ${size(r.writtenBytes)}${r.writtenBytesLowerBound ? '+' : ''}</td><td class="n">${count(r.higherRecorded.events)}</td>` +
      `<td>${list(r.users)}</td><td>${list(r.verbs)}</td><td>${list(r.resources)}</td><td>${list(r.userAgents)}</td>` +
      (against
        ? `<td class="n">${size(r.against?.bytes ?? 0)} (${signedSize(r.against?.delta ?? 0)}${r.against?.lowerBound ? ', at least' : ''})</td>`
        : '') +
      '</tr>',
  );
  return `<table>${head}${body.join('')}</table>`;
}

function countsTable(title: string, values: Count[]): string {
  if (values.length === 0) return '';
  return `<h2>${e(title)}</h2><table><tr><th>request</th><th>events</th><th>bytes</th></tr>${values.map((v) => `<tr><td>${e(v.value)}</td><td class="n">${count(v.events)}</td><td class="n">${size(v.bytes)}</td></tr>`).join('')}</table>`;
}

export function formatHtml(report: ReplayReport, options: HtmlOptions): string {
  const t = report.totals;
  const against = !!report.against;
  const csp = `default-src 'none'; style-src 'nonce-${options.nonce}'${options.styleSource ? ` ${options.styleSource}` : ''}; img-src data:`;
  const summary = [
    `${count(t.events)} events, ${size(t.bytes)} in ${report.files.length} file${report.files.length === 1 ? '' : 's'}${report.timeSpan ? `, ${e(report.timeSpan.first)} to ${e(report.timeSpan.last)}` : ''}.`,
    `Written by this policy: ${count(t.written)} events, ${size(t.writtenBytes)}${t.writtenBytesLowerBound ? ' or more' : ''}.`,
    t.against
      ? `Written by ${e(report.against?.name ?? '')}: ${count(t.against.written)} events, ${size(t.against.writtenBytes)}${t.against.lowerBound ? ' or more' : ''} (${signedSize(t.against.delta)}).`
      : '',
    t.higherRecorded.events > 0
      ? `Recorded at a higher level than this policy gives: ${count(t.higherRecorded.events)} events, ${size(t.higherRecorded.bytes)}.`
      : '',
    t.badLines > 0 ? `Lines that are not events: ${count(t.badLines)}.` : '',
  ]
    .filter(Boolean)
    .map((s) => `<p>${s}</p>`)
    .join('');
  const never =
    report.neverMatched.length > 0
      ? `<h2>Rules no event matched</h2><p>${report.neverMatched.map((i) => ruleLabel(report.rules[i], options)).join(', ')}</p>`
      : '';
  const bad =
    report.badLines.length > 0
      ? `<h2>Lines that are not events</h2><table><tr><th>file</th><th>line</th><th>reason</th></tr>${report.badLines.map((b) => `<tr><td>${e(b.file)}</td><td class="n">${b.line}</td><td>${e(b.reason)}</td></tr>`).join('')}</table>`
      : '';
  const files = `<h2>Files</h2><table><tr><th>file</th><th>lines</th><th>events</th><th>bytes</th><th>not events</th></tr>${report.files.map((f) => `<tr><td>${e(f.name)}</td><td class="n">${count(f.lines)}</td><td class="n">${count(f.events)}</td><td class="n">${size(f.bytes)}</td><td class="n">${count(f.badLines)}</td></tr>`).join('')}</table>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit log replay: ${e(report.policy.name)}</title>
<style nonce="${e(options.nonce)}">${STYLE}</style></head>
<body>
<h1>Audit log replay: ${e(report.policy.name)}</h1>
${summary}
<h2>Bytes per rule</h2>
${chart([...report.rules, report.noRule])}
<h2>Per rule</h2>
${rulesTable([...report.rules, report.noRule], options, against)}
${never}
${countsTable(`No longer written under ${report.against?.name ?? ''} (what will we lose)`, report.lost ?? [])}
${countsTable(`Newly written under ${report.against?.name ?? ''}`, report.gained ?? [])}
${files}
${bad}
<p class="note">${e(report.notes.join(' '))}</p>
</body></html>
`;
}

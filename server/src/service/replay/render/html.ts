// The replay report as one self-contained HTML page: a bar chart (inline SVG) and tables, no script
// at all, and a content security policy that allows nothing but its own style. Every value from
// the log or the user is escaped (a user agent of `<script>` shows as text) and already cut short.
import type { Count } from '../topCounter';
import type { ReplayReport, RuleRow } from '../report';
import { count, percent, shown, signedSize, size } from './numbers';

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

const list = (values: Count[]): string => values.map((v) => `${e(shown(v.value))} (${count(v.events)})`).join('<br>');

function ruleLabel(r: RuleRow, options: HtmlOptions): string {
  if (r.rule === -1) return 'no rule (None)';
  const label = `#${r.rule + 1}${r.line !== null ? ` (line ${r.line})` : ''}`;
  return options.ruleHref ? `<a href="${e(options.ruleHref(r.rule, r.line))}">${label}</a>` : label;
}

/** A table: header cells, then rows of cells (already HTML); numeric cells are marked by `n:`. */
function table(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  rowIds: ReadonlyArray<string | undefined> = [],
): string {
  const cell = (c: string): string => (c.startsWith('n:') ? `<td class="n">${c.slice(2)}</td>` : `<td>${c}</td>`);
  const body = rows.map((r, i) => `<tr${rowIds[i] ? ` id="${rowIds[i]}"` : ''}>${r.map(cell).join('')}</tr>`);
  return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${body.join('')}</table>`;
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
    const bar = `class="bar${r.rule === -1 ? ' none' : ''}" x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}"`;
    return (
      `<text x="0" y="${y + 15}">${e(label)}</text><rect ${bar}></rect>` +
      `<text x="${labelWidth + w + 6}" y="${y + 15}">${size(r.bytes)} (${percent(r.share)})</text>`
    );
  });
  const height = shown.length * (barHeight + 4);
  return `<svg role="img" aria-label="bytes per rule" width="${width}" height="${height}">${bars.join('')}</svg>`;
}

const RULE_HEAD = ['rule', 'level', 'events', 'bytes', 'share', 'written', 'recorded higher'];
const TOP_HEAD = ['top users', 'top verbs', 'top resources', 'top user agents'];

function rulesTable(rows: RuleRow[], options: HtmlOptions, against: boolean): string {
  const cells = rows.map((r) => [
    ruleLabel(r, options),
    e(r.level),
    `n:${count(r.events)}`,
    `n:${size(r.bytes)}`,
    `n:${percent(r.share)}`,
    `n:${count(r.written)} / ${size(r.writtenBytes)}${r.writtenBytesLowerBound ? '+' : ''}`,
    `n:${count(r.higherRecorded.events)}`,
    list(r.users),
    list(r.verbs),
    list(r.resources),
    list(r.userAgents),
    ...(against ? [`n:${againstCell(r)}`] : []),
  ]);
  const ids = rows.map((r) => (r.rule === -1 ? undefined : `rule-${r.rule + 1}`));
  return table([...RULE_HEAD, ...TOP_HEAD, ...(against ? ['other policy'] : [])], cells, ids);
}

function againstCell(r: RuleRow): string {
  const bound = r.against?.lowerBound ? ', at least' : '';
  return `${size(r.against?.bytes ?? 0)} (${signedSize(r.against?.delta ?? 0)}${bound})`;
}

function countsTable(title: string, values: Count[]): string {
  if (values.length === 0) return '';
  const rows = values.map((v) => [e(v.value), `n:${count(v.events)}`, `n:${size(v.bytes)}`]);
  return `<h2>${e(title)}</h2>${table(['request', 'events', 'bytes'], rows)}`;
}

function summary(report: ReplayReport): string {
  const t = report.totals;
  const files = `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  const span = report.timeSpan ? `, ${e(report.timeSpan.first)} to ${e(report.timeSpan.last)}` : '';
  const orMore = (lowerBound: boolean): string => (lowerBound ? ' or more' : '');
  const lines = [`${count(t.events)} events, ${size(t.bytes)} in ${files}${span}.`];
  lines.push(
    `Written by this policy: ${count(t.written)} events, ${size(t.writtenBytes)}${orMore(t.writtenBytesLowerBound)}.`,
  );
  if (t.against) {
    const other = e(report.against?.name ?? '');
    const bytes = `${size(t.against.writtenBytes)}${orMore(t.against.lowerBound)} (${signedSize(t.against.delta)})`;
    lines.push(`Written by ${other}: ${count(t.against.written)} events, ${bytes}.`);
  }
  if (t.higherRecorded.events > 0) {
    const higher = `${count(t.higherRecorded.events)} events, ${size(t.higherRecorded.bytes)}`;
    lines.push(`Recorded at a higher level than this policy gives: ${higher}.`);
  }
  if (t.badLines > 0) lines.push(`Lines that are not events: ${count(t.badLines)}.`);
  return lines.map((l) => `<p>${l}</p>`).join('');
}

export function formatHtml(report: ReplayReport, options: HtmlOptions): string {
  const against = !!report.against;
  const styleSources = `'nonce-${options.nonce}'${options.styleSource ? ` ${options.styleSource}` : ''}`;
  const csp = `default-src 'none'; style-src ${styleSources}; img-src data:`;
  const never =
    report.neverMatched.length > 0
      ? `<h2>Rules no event matched</h2><p>${report.neverMatched.map((i) => ruleLabel(report.rules[i], options)).join(', ')}</p>`
      : '';
  const badRows = report.badLines.map((b) => [e(b.file), `n:${b.line}`, e(b.reason)]);
  const bad =
    badRows.length > 0 ? `<h2>Lines that are not events</h2>${table(['file', 'line', 'reason'], badRows)}` : '';
  const fileRows = report.files.map((f) => [
    e(f.name),
    `n:${count(f.lines)}`,
    `n:${count(f.events)}`,
    `n:${size(f.bytes)}`,
    `n:${count(f.badLines)}`,
  ]);
  const files = `<h2>Files</h2>${table(['file', 'lines', 'events', 'bytes', 'not events'], fileRows)}`;
  const other = report.against?.name ?? '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Audit log replay: ${e(report.policy.name)}</title>
<style nonce="${e(options.nonce)}">${STYLE}</style></head>
<body>
<h1>Audit log replay: ${e(report.policy.name)}</h1>
${summary(report)}
<h2>Bytes per rule</h2>
${chart([...report.rules, report.noRule])}
<h2>Per rule</h2>
${rulesTable([...report.rules, report.noRule], options, against)}
${never}
${countsTable(`No longer written under ${other} (what will we lose)`, report.lost ?? [])}
${countsTable(`Newly written under ${other}`, report.gained ?? [])}
${files}
${bad}
<p class="note">${e(report.notes.join(' '))}</p>
</body></html>
`;
}

// The replay report as Markdown, for a pull-request comment. Values from the log are escaped: a
// user name cannot open a link, an HTML tag or a table cell.
import type { Count } from '../topCounter';
import type { ReplayReport, RuleRow } from '../report';
import { count, counted, percent, shown, signedSize, size } from './numbers';

/** Escapes Markdown and HTML syntax (GitHub renders inline HTML in comments). */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/[\\`*_[\]|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\r\n]+/g, ' ');
}

const list = (values: Count[]): string =>
  values.map((v) => `${escapeMarkdown(shown(v.value))} (${count(v.events)})`).join(', ');

function ruleCell(r: RuleRow): string {
  return r.rule === -1 ? 'no rule' : `#${r.rule + 1}${r.line !== null ? ` (line ${r.line})` : ''}`;
}

export function formatMarkdown(report: ReplayReport): string {
  const t = report.totals;
  const against = !!report.against;
  const lines: string[] = [];
  lines.push(`### Audit log replay: ${escapeMarkdown(report.policy.name)}`, '');
  lines.push(
    `${counted(t.events, 'event')}, ${size(t.bytes)}${report.timeSpan ? `, ${escapeMarkdown(report.timeSpan.first)} to ${escapeMarkdown(report.timeSpan.last)}` : ''}. ` +
      `Written by this policy: ${counted(t.written, 'event')}, ${size(t.writtenBytes)}${t.writtenBytesLowerBound ? ' or more' : ''}.` +
      (t.against
        ? ` Under ${escapeMarkdown(report.against?.name ?? '')}: ${counted(t.against.written, 'event')}, ${size(t.against.writtenBytes)} (${signedSize(t.against.delta)}${t.against.lowerBound ? ', at least' : ''}).`
        : ''),
  );
  lines.push('');
  lines.push(
    `| rule | level | events | bytes | share | written | top users | top resources |${against ? ' other policy |' : ''}`,
  );
  lines.push(`| --- | --- | ---: | ---: | ---: | ---: | --- | --- |${against ? ' ---: |' : ''}`);
  for (const r of [...report.rules, report.noRule]) {
    if (r.events === 0) continue;
    lines.push(
      `| ${ruleCell(r)} | ${escapeMarkdown(r.level)} | ${count(r.events)} | ${size(r.bytes)} | ${percent(r.share)} | ${size(r.writtenBytes)} | ${list(r.users)} | ${list(r.resources)} |` +
        (against ? ` ${signedSize(r.against?.delta ?? 0)} |` : ''),
    );
  }
  if (report.neverMatched.length > 0)
    lines.push('', `Rules no event matched: ${report.neverMatched.map((i) => `#${i + 1}`).join(', ')}.`);
  if (t.higherRecorded.events > 0)
    lines.push(
      '',
      `Recorded at a higher level than this policy gives: ${counted(t.higherRecorded.events, 'event')}, ${size(t.higherRecorded.bytes)}.`,
    );
  if (report.lost && report.lost.length > 0) {
    lines.push(
      '',
      '#### No longer written under the other policy',
      '',
      '| request | events | bytes |',
      '| --- | ---: | ---: |',
    );
    for (const k of report.lost) lines.push(`| ${escapeMarkdown(k.value)} | ${count(k.events)} | ${size(k.bytes)} |`);
  }
  if (t.badLines > 0)
    lines.push(
      '',
      `${count(t.badLines)} lines are not events${report.badLines[0] ? ` (first: ${escapeMarkdown(report.badLines[0].file)}:${report.badLines[0].line})` : ''}.`,
    );
  lines.push('', `_${escapeMarkdown(report.notes.join(' '))}_`, '');
  return lines.join('\n');
}

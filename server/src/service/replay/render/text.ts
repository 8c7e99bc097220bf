// The replay report as plain text for a terminal.
import type { Count } from '../topCounter';
import type { ReplayReport, RuleRow } from '../report';
import { count, counted, ruleSummary, shown, signedSize, size } from './numbers';

const tops = (label: string, values: Count[]): string =>
  values.length === 0
    ? ''
    : `    ${label}: ${values.map((v) => `${shown(v.value)} (${count(v.events)})`).join(', ')}\n`;

const orMore = (lowerBound: boolean): string => (lowerBound ? ' or more' : '');

function ruleLines(r: RuleRow, name: string): string {
  const written =
    r.level === 'None'
      ? ''
      : `; written ${count(r.written)} (${size(r.writtenBytes)}${orMore(r.writtenBytesLowerBound)})`;
  const delta = r.against ? `${signedSize(r.against.delta)}${r.against.lowerBound ? ', at least' : ''}` : '';
  const against = r.against ? `; under the other policy ${size(r.against.bytes)} (${delta})` : '';
  const higher = r.higherRecorded.events > 0 ? `; ${count(r.higherRecorded.events)} recorded at a higher level` : '';
  const tables = [
    tops('users', r.users),
    tops('verbs', r.verbs),
    tops('resources', r.resources),
    tops('user agents', r.userAgents),
  ];
  return `  ${name}: ${ruleSummary(r)}${written}${higher}${against}\n${tables.join('')}`;
}

export const ruleName = (r: RuleRow): string =>
  r.rule === -1 ? 'no rule (None)' : `rule #${r.rule + 1}${r.line !== null ? ` (line ${r.line})` : ''} ${r.level}`;

export function formatText(report: ReplayReport): string {
  const t = report.totals;
  const files = `${report.files.length} file${report.files.length === 1 ? '' : 's'}`;
  let out = `Replayed ${counted(t.events, 'event')} (${size(t.bytes)}) from ${files}`;
  out += ` against ${report.policy.name} (${counted(report.policy.rules, 'rule')})`;
  out += report.timeSpan ? `, ${report.timeSpan.first} to ${report.timeSpan.last}.\n` : '.\n';
  out += `Written by this policy: ${counted(t.written, 'event')}, ${size(t.writtenBytes)}${orMore(t.writtenBytesLowerBound)}.\n`;
  if (t.against) {
    const bytes = `${size(t.against.writtenBytes)}${orMore(t.against.lowerBound)} (${signedSize(t.against.delta)})`;
    out += `Written by ${report.against?.name}: ${counted(t.against.written, 'event')}, ${bytes}.\n`;
  }
  if (t.higherRecorded.events > 0) {
    const higher = `${counted(t.higherRecorded.events, 'event')}, ${size(t.higherRecorded.bytes)}`;
    out += `Recorded at a higher level than this policy gives: ${higher}.\n`;
  }
  if (t.badLines > 0) out += `Lines that are not events: ${count(t.badLines)}.\n`;
  // No event, no rule to list: a heading over nothing reads as a report cut short.
  if (t.events > 0) out += '\nPer rule:\n';
  for (const r of report.rules) if (r.events > 0) out += ruleLines(r, ruleName(r));
  if (report.noRule.events > 0) out += ruleLines(report.noRule, ruleName(report.noRule));
  if (report.neverMatched.length > 0)
    out += `\nRules no event matched: ${report.neverMatched.map((i) => `#${i + 1}`).join(', ')}.\n`;
  if (report.lost && report.lost.length > 0) {
    out += `\nNo longer written under ${report.against?.name} (what will we lose):\n`;
    for (const k of report.lost)
      out += `  ${k.value}: ${count(k.events)} event${k.events === 1 ? '' : 's'}, ${size(k.bytes)}\n`;
  }
  if (report.gained && report.gained.length > 0) {
    out += `\nNewly written under ${report.against?.name}:\n`;
    for (const k of report.gained)
      out += `  ${k.value}: ${count(k.events)} events, ${size(k.bytes)}${t.against?.lowerBound ? ' or more' : ''}\n`;
  }
  if (report.badLines.length > 0) {
    out += '\nLines that are not events:\n';
    for (const b of report.badLines) out += `  ${b.file}:${b.line}: ${b.reason}\n`;
    if (t.badLines > report.badLines.length) out += `  ... and ${count(t.badLines - report.badLines.length)} more\n`;
  }
  out += `\nNote: ${report.notes.join(' ')}\n`;
  return out;
}

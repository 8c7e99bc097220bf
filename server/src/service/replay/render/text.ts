// The replay report as plain text for a terminal.
import type { Count } from '../topCounter';
import type { ReplayReport, RuleRow } from '../report';
import { count, ruleSummary, signedSize, size } from './numbers';

const tops = (label: string, values: Count[]): string =>
  values.length === 0 ? '' : `    ${label}: ${values.map((v) => `${v.value} (${count(v.events)})`).join(', ')}\n`;

function ruleLines(r: RuleRow, name: string): string {
  const written =
    r.level === 'None'
      ? ''
      : `; written ${count(r.written)} (${size(r.writtenBytes)}${r.writtenBytesLowerBound ? ' or more' : ''})`;
  const against = r.against
    ? `; under the other policy ${size(r.against.bytes)} (${signedSize(r.against.delta)}${r.against.lowerBound ? ', at least' : ''})`
    : '';
  const higher = r.higherRecorded.events > 0 ? `; ${count(r.higherRecorded.events)} recorded at a higher level` : '';
  return `  ${name}: ${ruleSummary(r)}${written}${higher}${against}\n${tops('users', r.users)}${tops('verbs', r.verbs)}${tops('resources', r.resources)}${tops('user agents', r.userAgents)}`;
}

export const ruleName = (r: RuleRow): string =>
  r.rule === -1 ? 'no rule (None)' : `rule #${r.rule + 1}${r.line !== null ? ` (line ${r.line})` : ''} ${r.level}`;

export function formatText(report: ReplayReport): string {
  const t = report.totals;
  let out = `Replayed ${count(t.events)} events (${size(t.bytes)}) from ${report.files.length} file${report.files.length === 1 ? '' : 's'} against ${report.policy.name} (${report.policy.rules} rules)`;
  out += report.timeSpan ? `, ${report.timeSpan.first} to ${report.timeSpan.last}.\n` : '.\n';
  out += `Written by this policy: ${count(t.written)} events, ${size(t.writtenBytes)}${t.writtenBytesLowerBound ? ' or more' : ''}.\n`;
  if (t.against)
    out += `Written by ${report.against?.name}: ${count(t.against.written)} events, ${size(t.against.writtenBytes)}${t.against.lowerBound ? ' or more' : ''} (${signedSize(t.against.delta)}).\n`;
  if (t.higherRecorded.events > 0)
    out += `Recorded at a higher level than this policy gives: ${count(t.higherRecorded.events)} events, ${size(t.higherRecorded.bytes)}.\n`;
  if (t.badLines > 0) out += `Lines that are not events: ${count(t.badLines)}.\n`;
  out += '\nPer rule:\n';
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

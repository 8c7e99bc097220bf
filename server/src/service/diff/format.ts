// The diff for people (text, Markdown for a pull-request comment) and for programs (JSON).
import type { Change, Outcome, PolicyDiff } from './diff';

const rule = (o: Outcome): string => (o.rule === null ? 'no rule' : `rule #${o.rule + 1}`);

function state(o: Outcome): string {
  const stages = o.omitStages.length > 0 ? `, omitting ${o.omitStages.join(', ')}` : '';
  return `${o.level} (${rule(o)}${stages}${o.omitManagedFields ? ', managed fields omitted' : ''})`;
}

export function changeSummary(c: Change): string {
  return `${state(c.old)} -> ${state(c.new)}`;
}

export function formatDiffText(diff: PolicyDiff, oldName: string, newName: string): string {
  if (diff.changes.length === 0) return `No change: ${oldName} and ${newName} record every request the same way.\n`;
  const lines = [
    `${diff.changes.length} class${diff.changes.length === 1 ? '' : 'es'} of requests change${diff.changes.length === 1 ? 's' : ''} from ${oldName} to ${newName}:`,
    '',
  ];
  let n = 0;
  for (const [summary, changes] of byTransition(diff.changes)) {
    lines.push(`${summary}:`);
    for (const c of changes) {
      lines.push(`  ${++n}. ${c.description}`);
      lines.push(`     e.g. ${c.example}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Changes grouped by what happens to them, in order of first appearance. */
export function byTransition(changes: readonly Change[]): Map<string, Change[]> {
  const out = new Map<string, Change[]>();
  for (const c of changes) {
    const key = changeSummary(c);
    const group = out.get(key);
    if (group) group.push(c);
    else out.set(key, [c]);
  }
  return out;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatDiffMarkdown(diff: PolicyDiff, oldName: string, newName: string): string {
  if (diff.changes.length === 0)
    return `**No change**: \`${oldName}\` and \`${newName}\` record every request the same way.\n`;
  const lines = [
    `### Audit policy: ${diff.changes.length} class${diff.changes.length === 1 ? '' : 'es'} of requests change${diff.changes.length === 1 ? 's' : ''}`,
    '',
    `From \`${oldName}\` to \`${newName}\`.`,
    '',
    '| requests | before | after | example |',
    '| --- | --- | --- | --- |',
  ];
  for (const c of diff.changes)
    lines.push(`| ${cell(c.description)} | ${cell(state(c.old))} | ${cell(state(c.new))} | \`${cell(c.example)}\` |`);
  return `${lines.join('\n')}\n`;
}

export function diffJson(diff: PolicyDiff): object {
  const side = (o: Outcome) => ({
    rule: o.rule,
    level: o.level,
    omitStages: o.omitStages,
    omitManagedFields: o.omitManagedFields,
  });
  return {
    changes: diff.changes.map((c) => ({
      description: c.description,
      example: c.example,
      changed: c.changed,
      old: side(c.old),
      new: side(c.new),
    })),
  };
}

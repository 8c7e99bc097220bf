// Fixes for the advice and never-matches diagnostics of the rule engine: a Metadata rule for
// secrets above a rule that logs their bodies, RequestReceived omitted policy-wide, and the
// group that really serves a resource.
import { groupsServing } from '../catalogue/apiResources';
import { NEWEST_MINOR } from '../catalogue/versions';
import type { PolicyDocument } from '../document';
import { findPair, isMap, isSeq } from '../parse/model';
import type { MapNode } from '../parse/model';
import { FieldsView } from '../decode/fields';
import { columnOf, insertLinesAfter, lineOf, pairEnd, replaceScalar, startsLine } from './edits';
import type { OffsetEdit } from './edits';
import type { Fix, FindingToFix } from './fixes';
import { groupLabel } from './markdown';
import { nodeAt, ruleAt } from './nodeAt';

/** `Put a level: Metadata rule for them above this one`, or lower this rule's level when it lists nothing else. */
export function sensitiveBodies(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const hit = ruleAt(doc.parsed, p.start);
  const names = Array.isArray(p.data.resources)
    ? p.data.resources.filter((n): n is string => typeof n === 'string')
    : [];
  if (!hit || hit.rule.node.kind !== 'map' || hit.rule.node.flow || names.length === 0) return [];
  const { node, base } = hit.rule;
  const rule = new FieldsView(node);
  const onlySensitive = rule
    .groupResources()
    .every(
      ({ view }) =>
        view !== null &&
        view.strings('resources').length > 0 &&
        view.strings('resources').every((r) => names.includes(r.value)),
    );
  const fixes: Fix[] = [];
  const level = rule.value('level');
  if (level?.kind === 'scalar' && typeof level.value === 'string') {
    fixes.push({
      title: "Change this rule's level to Metadata",
      edits: [replaceScalar(doc, base + level.start, base + level.end, 'Metadata')],
      preferred: onlySensitive,
    });
  }
  if (startsLine(doc, hit.start) && node.pairs.length > 0) {
    const dash = ' '.repeat(columnOf(doc, hit.start));
    const key = ' '.repeat(columnOf(doc, base + node.pairs[0].key.start));
    const byGroup = new Map<string, string[]>();
    for (const name of names) {
      const group = groupsServing(name.split('/')[0], NEWEST_MINOR)[0]?.name ?? '';
      byGroup.set(group, [...(byGroup.get(group) ?? []), name]);
    }
    const lines = [`${dash}- level: Metadata`, `${key}resources:`];
    for (const [group, resources] of byGroup)
      lines.push(
        `${key}- group: ${JSON.stringify(group)}`,
        `${key}  resources: [${resources.map((r) => JSON.stringify(r)).join(', ')}]`,
      );
    const at = doc.lines.lineStart(lineOf(doc, hit.start));
    fixes.push({
      title: `Add a Metadata rule for ${names.join(', ')} above this one`,
      edits: [{ start: at, end: at, newText: `${lines.join('\n')}\n` }],
      preferred: !onlySensitive,
    });
  }
  return fixes;
}

/** Adds RequestReceived to the policy-wide omitStages, in whatever form that list has. */
export function omitRequestReceived(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const root = doc.parsed.root;
  const stage = typeof p.data.stage === 'string' ? p.data.stage : 'RequestReceived';
  if (!isMap(root) || root.flow) return [];
  const title = `Omit ${stage} for every request (policy omitStages)`;
  const fix = (edit: OffsetEdit): Fix[] => [{ title, edits: [edit], preferred: true }];
  const pair = findPair(root, 'omitStages');
  const value = pair?.value;
  if (!pair) {
    const rules = findPair(root, 'rules');
    if (!rules || !startsLine(doc, rules.key.start)) return [];
    const at = doc.lines.lineStart(lineOf(doc, rules.key.start));
    return fix({
      start: at,
      end: at,
      newText: `${' '.repeat(columnOf(doc, rules.key.start))}omitStages: ["${stage}"]\n`,
    });
  }
  if (!value || (value.kind === 'scalar' && value.value === null))
    return fix({ start: pair.key.end + 1, end: pairEnd(pair), newText: ` ["${stage}"]` });
  if (!isSeq(value)) return [];
  const last = value.items[value.items.length - 1];
  if (value.flow)
    return fix(
      last
        ? { start: last.end, end: last.end, newText: `, "${stage}"` }
        : { start: value.start + 1, end: value.start + 1, newText: `"${stage}"` },
    );
  if (!last) return [];
  let dash = last.start - 1;
  while (dash > 0 && doc.text[dash] === ' ') dash--;
  return fix(insertLinesAfter(doc, last.end, `${' '.repeat(columnOf(doc, dash))}- ${stage}`));
}

/** An entry that lists only this resource takes the group that serves it. */
export function resourceNotInGroup(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const hit = nodeAt(doc, p.start);
  const group = typeof p.data.group === 'string' ? p.data.group : undefined;
  const entry: MapNode | undefined = hit?.maps[hit.maps.length - 1];
  if (!hit || group === undefined || !entry) return [];
  const resources = findPair(entry, 'resources')?.value;
  if (!isSeq(resources) || resources.items.length !== 1) return [];
  const name = doc.text.slice(p.start, p.end);
  const title = `Use the group ${groupLabel(group)}, which serves ${name}`;
  const current = findPair(entry, 'group');
  if (current?.value && current.value.kind === 'scalar' && current.value.end > current.value.start) {
    return [
      {
        title,
        edits: [replaceScalar(doc, hit.base + current.value.start, hit.base + current.value.end, group)],
        preferred: true,
      },
    ];
  }
  if (current) return [];
  const key = findPair(entry, 'resources')!.key;
  const at = hit.base + key.start;
  const text = entry.flow
    ? `group: ${JSON.stringify(group)}, `
    : `group: ${JSON.stringify(group)}\n${' '.repeat(columnOf(doc, at))}`;
  return [{ title, edits: [{ start: at, end: at, newText: text }], preferred: true }];
}

// A star-slash-star pattern means every resource: `*`. `pods/l*` can only become `pods/*`, which
// matches more, so that one is offered but not preferred.
export function literalWildcard(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const node = nodeAt(doc, p.start)?.node;
  if (node?.kind !== 'scalar' || typeof node.value !== 'string') return [];
  const [resource, sub] = node.value.split('/', 2);
  if (sub === undefined || (resource.includes('*') && resource !== '*')) return [];
  const to = resource === '*' ? '*' : `${resource}/*`;
  const what = to === '*' ? 'every resource and subresource' : `${resource} and all its subresources`;
  return [
    {
      title: `Use ${JSON.stringify(to)}: ${what}`,
      edits: [replaceScalar(doc, p.start, p.end, to)],
      preferred: resource === '*',
    },
  ];
}

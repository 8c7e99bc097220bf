// The fix for a rule that mixes nonResourceURLs with resources or namespaces, which
// kube-apiserver refuses: keep the resource part in place and add a second rule for the URLs,
// with the same level, users, groups, verbs and stages.
import type { PolicyDocument } from '../document';
import type { Fix, FindingToFix } from './fixes';
import { columnOf, insertLinesAfter, pairText, removePair } from './edits';
import { ruleAt } from './nodeAt';

const RESOURCE_ONLY = new Set(['resources', 'namespaces']);

export function splitMixedRule(doc: PolicyDocument, finding: FindingToFix): Fix[] {
  const hit = ruleAt(doc.parsed, finding.start);
  if (!hit || hit.rule.node.kind !== 'map' || hit.rule.node.flow) return [];
  const { node, base } = hit.rule;
  const index = node.pairs.findIndex((p) => p.key.value === 'nonResourceURLs');
  const remove = index === -1 ? undefined : removePair(doc, node, index, base);
  if (!remove) return [];
  const col = columnOf(doc, base + node.pairs[0].key.start);
  const dashCol = columnOf(doc, hit.start);
  const kept = node.pairs.filter((p) => !RESOURCE_ONLY.has(String(p.key.value)));
  const second = kept
    .map((p) => pairText(doc, p, base, columnOf(doc, base + p.key.start), col))
    .join(`\n${' '.repeat(col)}`);
  const lead = `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, col - dashCol - 1))}`;
  return [
    {
      title: 'Split into a rule for resources and a rule for nonResourceURLs',
      edits: [remove, insertLinesAfter(doc, base + node.end, lead + second)],
      preferred: true,
    },
  ];
}

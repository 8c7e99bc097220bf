// Hover: every key (meaning, type, default, version), every level, stage and verb, a group, a
// resource, a well-known user, group or URL, and on a rule's `- ` what the whole rule does.
import { MarkupKind } from 'vscode-languageserver-types';
import type { Hover, Position } from 'vscode-languageserver-types';
import { findGroup, groupsServing, groupStatus, servedHistory } from '../catalogue/apiResources';
import { LEVELS, NON_RESOURCE_VERBS, RESOURCE_VERBS, STAGES } from '../catalogue/values';
import type { ValueSpec } from '../catalogue/values';
import { WELL_KNOWN_GROUPS, WELL_KNOWN_NAMESPACES, WELL_KNOWN_URLS, WELL_KNOWN_USERS } from '../catalogue/wellKnown';
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import { suggestField } from '../catalogue/misnamed';
import type { PolicyDocument } from '../document';
import { findPair } from '../parse/model';
import type { MapNode } from '../parse/model';
import type { ServiceSettings } from '../settings';
import { decodePolicySettings, decodeRule } from '../decode/decode';
import {
  fieldMarkdown,
  groupLabel,
  groupMarkdown,
  resourceMarkdown,
  valueMarkdown,
  wildcardMarkdown,
} from './markdown';
import { nodeAt, ruleAt } from './nodeAt';
import type { NodeHit } from './nodeAt';
import { placeOf } from './path';
import { describeRule } from './summary';

export function doHover(doc: PolicyDocument, position: Position, settings: ServiceSettings): Hover | null {
  const offset = doc.lines.offsetAt(position);
  const rule = ruleAt(doc.parsed, offset);
  if (rule && offset <= rule.start + 1 && doc.text[rule.start] === '-') {
    return markdown(
      doc,
      rule.start,
      rule.start + 1,
      `**Rule #${rule.rule.index + 1}**\n\n${describeRule(rule.rule.node, policyStages(doc))}.`,
    );
  }
  const hit = nodeAt(doc, offset);
  if (!hit) return null;
  const text = hit.isKey ? keyText(hit) : valueText(doc, hit, settings.kubernetesMinor);
  return text ? markdown(doc, hit.base + hit.node.start, hit.base + hit.node.end, text) : null;
}

function markdown(doc: PolicyDocument, start: number, end: number, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: doc.lines.rangeOf(start, end) };
}

function keyText(hit: NodeHit): string | undefined {
  const place = placeOf(hit.path);
  if (place?.kind === 'value') return fieldMarkdown(place.field);
  const holder = placeOf(hit.path.slice(0, -1));
  if (holder?.kind !== 'map' || holder.context === 'metadata') return undefined;
  const name = hit.path[hit.path.length - 1];
  const suggestion = suggestField(holder.context, name);
  const advice = suggestion
    ? suggestion.moveTo
      ? ` \`${suggestion.name}\` belongs in a ${MAP_NAMES[suggestion.moveTo]}.`
      : ` Did you mean \`${suggestion.name}\`?`
    : '';
  return `**${name}** (unknown field)\n\nA ${MAP_NAMES[holder.context]} has no field \`${name}\`; kube-apiserver drops it.${advice}`;
}

const MAP_NAMES: Record<FieldContext, string> = {
  policy: 'policy',
  rule: 'rule',
  groupResources: 'resources entry',
  metadata: 'metadata',
};

function valueText(doc: PolicyDocument, hit: NodeHit, minor: number): string | undefined {
  if (hit.node.kind !== 'scalar' || typeof hit.node.value !== 'string') return undefined;
  const value = hit.node.value;
  const place = placeOf(hit.path);
  if (!place || place.kind === 'map' || place.kind === 'other') return undefined;
  const field = place.field;
  if (place.kind === 'value') {
    if (field.type === 'level') {
      const spec = LEVELS.find((l) => l.value === value);
      const summary = hit.rule ? `\n\nThis rule: ${describeRule(hit.rule.node, policyStages(doc))}.` : '';
      return spec ? valueMarkdown('audit level', spec) + summary : undefined;
    }
    if (field.name === 'group' && field.context === 'groupResources') return groupText(value, minor);
    return fieldMarkdown(field);
  }
  return itemText(hit, field, value, minor) ?? plainItemText(field, value);
}

const ITEM_MEANINGS: Record<string, string> = {
  user: 'The rule applies to requests by this authenticated user (exact, case-sensitive).',
  userGroup: 'The rule applies to requests by members of this group.',
  verb: 'No request carries this verb, so it never matches.',
  namespace: 'The rule applies to requests in this namespace.',
  nonResourceURL: 'The rule applies to requests for this path; a final `*` makes it a prefix.',
  stage: 'Not a stage: kube-apiserver refuses it.',
  resource: "A resource of the entry's group: not a built-in one, so a custom resource or a typo.",
  resourceName:
    'The rule applies only to the object with this name; requests without a name (list, create, watch of a collection) never match.',
};

function plainItemText(field: FieldSpec, value: string): string | undefined {
  const meaning = field.item ? ITEM_MEANINGS[field.item] : undefined;
  if (!meaning) return undefined;
  // The value as the checker compares it: white space around it is part of it.
  const spaced = value.trim() !== value ? ' With the white space around it, it never matches.' : '';
  return `**${value === '' || spaced ? JSON.stringify(value) : value}** (${field.name} item)\n\n${meaning}${spaced}`;
}

function itemText(hit: NodeHit, field: FieldSpec, value: string, minor: number): string | undefined {
  const known = (what: string, list: readonly ValueSpec[]): string | undefined => {
    const spec = list.find((v) => v.value === value);
    return spec ? valueMarkdown(what, spec) : undefined;
  };
  switch (field.item) {
    case 'stage':
      return known('stage', STAGES);
    case 'verb': {
      const nonResource = hit.rule !== undefined && decodeRule(hit.rule.node).nonResourceURLs.length > 0;
      return nonResource
        ? (known('non-resource verb', NON_RESOURCE_VERBS) ?? known('verb', RESOURCE_VERBS))
        : (known('verb', RESOURCE_VERBS) ?? known('non-resource verb', NON_RESOURCE_VERBS));
    }
    case 'user':
      return known('user', WELL_KNOWN_USERS);
    case 'userGroup':
      return known('user group', WELL_KNOWN_GROUPS);
    case 'nonResourceURL':
      return known('non-resource URL', WELL_KNOWN_URLS);
    case 'namespace':
      return known('namespace', WELL_KNOWN_NAMESPACES);
    case 'resource':
      return resourceText(entryGroup(hit.maps[hit.maps.length - 1]), value, minor);
    default:
      return undefined;
  }
}

function entryGroup(entry: MapNode | undefined): string {
  const group = entry ? findPair(entry, 'group')?.value : undefined;
  return group?.kind === 'scalar' && typeof group.value === 'string' ? group.value : '';
}

function groupText(name: string, minor: number): string {
  if (name === '*') return wildcardGroup();
  const group = findGroup(name, minor);
  if (group) return groupMarkdown(group);
  if (groupStatus(name, minor) === 'not-served')
    return `**${groupLabel(name)}** (API group)\n\nNot served by Kubernetes 1.${minor} (${servedHistory(name, undefined, minor)}).`;
  return `**${groupLabel(name)}** (API group)\n\nNot a built-in group of Kubernetes 1.${minor}: a custom resource or aggregated API group, or a typo.`;
}

function wildcardGroup(): string {
  return '**\\*** (every API group)\n\nMatches every group. Accepted from Kubernetes 1.36; older kube-apiservers refuse it.';
}

function resourceText(groupName: string, value: string, minor: number): string | undefined {
  if (value === '*' || value.startsWith('*/') || value.endsWith('/*')) return wildcardMarkdown(value, groupName);
  const [name, sub] = value.split('/', 2);
  const groups = groupName === '*' ? [] : [findGroup(groupName, minor)].filter((g) => g !== undefined);
  for (const group of groups) {
    const resource = group.resources.find((r) => r.name === name);
    if (resource) return resourceMarkdown(group, resource, sub);
  }
  const elsewhere = groupsServing(name, minor);
  if (elsewhere.length === 0) return undefined;
  const first = elsewhere[0].resources.find((r) => r.name === name);
  const note =
    groupName === '*'
      ? ''
      : `\n\nNot served by the group ${groupLabel(groupName)}; served by ${elsewhere.map((g) => groupLabel(g.name)).join(', ')}.`;
  return first ? resourceMarkdown(elsewhere[0], first, sub) + note : undefined;
}

/** The policy-wide omitStages as kube-apiserver decodes them. */
function policyStages(doc: PolicyDocument): readonly string[] {
  return decodePolicySettings(doc.parsed.root).omitStages;
}

// The documentation shown for each word of a policy, in Markdown: the same text in completion
// items and in hover, all of it taken from the catalogue.
import type { ApiGroup, ApiResource } from '../catalogue/apiResources';
import type { FieldContext, FieldSpec, ValueType } from '../catalogue/fields';
import type { ValueSpec } from '../catalogue/values';
import { LEVEL_NAMES, STAGE_NAMES } from '../catalogue/values';
import { formatMinor, OLDEST_MINOR } from '../catalogue/versions';

const TYPE_NAMES: Record<ValueType, string> = {
  string: 'string',
  stringList: 'list of strings',
  boolean: 'boolean',
  level: `Level: ${LEVEL_NAMES.join(' | ')}`,
  stageList: `list of Stage: ${STAGE_NAMES.join(' | ')}`,
  ruleList: 'list of PolicyRule',
  groupResourcesList: 'list of GroupResources (group, resources, resourceNames)',
  object: 'ObjectMeta (ignored by the audit system)',
};

const PLACES: Record<FieldContext, string> = {
  policy: 'Policy',
  rule: 'PolicyRule',
  groupResources: 'GroupResources',
  metadata: 'ObjectMeta',
};

export function fieldMarkdown(field: FieldSpec): string {
  const since = field.sinceMinor
    ? `Kubernetes ${formatMinor(field.sinceMinor)}`
    : `Kubernetes ${formatMinor(OLDEST_MINOR)} (audit.k8s.io/v1)`;
  return [
    `**${field.name}** (${PLACES[field.context]}${field.required ? ', required' : ''})`,
    '',
    field.doc,
    '',
    `- Type: ${TYPE_NAMES[field.type]}`,
    `- Default: ${field.default}`,
    `- Since: ${since}`,
  ].join('\n');
}

/** A level, stage or verb: its kind in a heading and its meaning. */
export function valueMarkdown(what: string, spec: ValueSpec): string {
  return `**${spec.value}** (${what})\n\n${spec.doc}`;
}

export function groupLabel(name: string): string {
  return name === '' ? '"" (core)' : name;
}

export function groupMarkdown(group: ApiGroup): string {
  const names = group.resources.map((r) => `\`${r.name}\``);
  const shown = names.length > 12 ? [...names.slice(0, 12), '...'] : names;
  const lines = [
    `**${groupLabel(group.name)}** (API group)`,
    '',
    group.doc,
    '',
    `Resources: ${shown.join(', ') || 'none known'}`,
  ];
  if (group.served === 'unknown')
    lines.push('', "Kubernetes' published data brackets this version without saying whether it serves this group.");
  return lines.join('\n');
}

export function resourceMarkdown(group: ApiGroup, resource: ApiResource, subresource?: string): string {
  const name = subresource ? `${resource.name}/${subresource}` : resource.name;
  const what = subresource ? `the \`${subresource}\` subresource of ${resource.kind}` : resource.kind;
  const lines = [
    `**${name}** (${what}, API group ${groupLabel(group.name)})`,
    '',
    resource.namespaced
      ? 'Namespaced: requests carry the namespace, so `namespaces` applies.'
      : 'Cluster-scoped: requests have the namespace `""`.',
  ];
  // Own keys only: the subresource is the policy's (`pods/constructor` is none of ours).
  const verbs = subresource
    ? Object.hasOwn(resource.subresourceVerbs, subresource)
      ? resource.subresourceVerbs[subresource]
      : undefined
    : resource.verbs;
  if (verbs && verbs.length > 0)
    lines.push(
      '',
      `Verbs served: ${verbs.map((v) => `\`${v}\``).join(', ')}${resource.versions.length > 0 ? ` (API versions ${resource.versions.join(', ')})` : ''}`,
    );
  if (resource.served === 'unknown')
    lines.push('', "Kubernetes' published data brackets this version without saying whether it serves this resource.");
  if (!subresource && resource.subresources.length > 0)
    lines.push(
      '',
      `Subresources: ${resource.subresources.map((s) => `\`${resource.name}/${s}\``).join(', ')} (\`${resource.name}\` alone does not match them; \`${resource.name}/*\` matches all of them and \`${resource.name}\`)`,
    );
  return lines.join('\n');
}

export function wildcardMarkdown(form: string, group: string): string {
  const where = group === '*' ? 'every group' : `the group ${groupLabel(group)}`;
  if (form === '*') return `**\\***: every resource and every subresource of ${where}.`;
  if (form.startsWith('*/')) return `**${form}**: the \`${form.slice(2)}\` subresource of every resource of ${where}.`;
  return `**${form}**: \`${form.slice(0, -2)}\` and all its subresources.`;
}

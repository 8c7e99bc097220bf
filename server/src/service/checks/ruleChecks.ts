// The checks kube-apiserver's ValidatePolicy makes on each rule
// (k8s.io/apiserver pkg/apis/audit/validation/validation.go), with the same conditions and
// message texts, plus the names that can never match because of surrounding white space.
// Offsets are relative to the rule item; `{rule}` in a message becomes `rules[i]`.
import { LEVEL_NAMES, STAGE_NAMES } from '../catalogue/values';
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import { closest } from '../text/suggest';
import type { Node } from '../parse/model';
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteList, quoteShort } from '../decode/nodeText';

const REFUSE = 'kube-apiserver will refuse to start:';

export function checkRule(node: Node, minor: number): Finding[] {
  if (node.kind === 'scalar' && node.value === null) return [missingLevel(node.start, node.end)];
  if (node.kind !== 'map') return []; // reported as wrong-type by the structure check
  const rule = new FieldsView(node);
  return [
    ...checkLevel(rule),
    ...checkNonResourceURLs(rule),
    ...checkGroupResources(rule, minor),
    ...checkStages(rule, 'omitStages', ''),
    ...checkMixed(rule),
    ...checkWhitespace(rule),
  ];
}

function missingLevel(start: number, end: number): Finding {
  return {
    code: 'missing-level',
    start,
    end,
    path: 'level',
    message: `${REFUSE} {rule}.level: Required value. Every rule needs a level: None, Metadata, Request or RequestResponse.`,
  };
}

function checkLevel(rule: FieldsView): Finding[] {
  const pair = rule.pair('level');
  const value = pair?.value;
  if (!pair || !value || (value.kind === 'scalar' && (value.value === null || value.value === ''))) {
    const first = rule.map.pairs[0]?.key ?? rule.map;
    return [missingLevel(first.start, first.end)];
  }
  if (value.kind !== 'scalar' || typeof value.value !== 'string' || LEVEL_NAMES.includes(value.value)) return [];
  const suggestion = closest(value.value.trim(), LEVEL_NAMES, 4);
  return [
    {
      code: 'invalid-level',
      start: value.start,
      end: value.end,
      path: 'level',
      message: `${REFUSE} {rule}.level: Unsupported value: ${quoteShort(value.value)}: supported values: ${LEVEL_NAMES.map((l) => `"${l}"`).join(', ')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      data: suggestion ? { suggestion } : {},
    },
  ];
}

/** validation.go checks 4 and 5; the single URL `*` skips both. */
function checkNonResourceURLs(rule: FieldsView): Finding[] {
  const out: Finding[] = [];
  for (const { node, value, index } of rule.strings('nonResourceURLs')) {
    if (value === '*') continue;
    const problems: string[] = [];
    if (!value.startsWith('/')) problems.push("non-resource URL rules must begin with a '/' character");
    const star = value.indexOf('*');
    if (value.length > 0 && star !== -1 && star !== value.length - 1) problems.push("non-resource URL wildcards '*' must be the final character of the rule");
    if (problems.length === 0) continue;
    out.push({
      code: 'invalid-non-resource-url',
      start: node.start,
      end: node.end,
      path: `nonResourceURLs[${index}]`,
      message: `${REFUSE} ${problems.map((p) => `{rule}.nonResourceURLs[${index}]: Invalid value: ${quoteShort(value)}: ${p}`).join('; ')}.`,
      data: !value.startsWith('/') && value.trim().length > 0 ? { suggestion: `/${value.trim().replace(/^\/*/, '')}` } : {},
    });
  }
  return out;
}

// DNS-1123 subdomain (apimachinery pkg/util/validation IsDNS1123Subdomain).
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function checkGroupResources(rule: FieldsView, minor: number): Finding[] {
  const out: Finding[] = [];
  for (const { view, index } of rule.groupResources()) {
    if (!view) continue;
    const group = view.value('group');
    if (group && group.kind === 'scalar' && typeof group.value === 'string') {
      const problem = groupProblem(group.value, minor);
      if (problem) {
        const fixed = group.value.split('/')[0].trim().toLowerCase();
        out.push({
          code: 'invalid-group',
          start: group.start,
          end: group.end,
          path: `resources[${index}].group`,
          message: `${REFUSE} {rule}.resources.group: Invalid value: ${quoteShort(group.value)}: ${problem}`,
          data: fixed !== group.value && (fixed === '' || DNS1123_SUBDOMAIN.test(fixed)) ? { suggestion: fixed } : {},
        });
      }
    }
    if (view.hasItems('resourceNames') && !view.hasItems('resources')) {
      const key = view.pair('resourceNames')!.key;
      const names = view.strings('resourceNames').map((s) => s.value);
      out.push({
        code: 'resource-names-without-resources',
        start: key.start,
        end: key.end,
        path: `resources[${index}].resourceNames`,
        message: `${REFUSE} {rule}.resources.resourceNames: Invalid value: ${quoteList(names)}: using resourceNames requires at least one resource.`,
      });
    }
  }
  return out;
}

function groupProblem(group: string, minor: number): string | undefined {
  if (group === '') return undefined;
  if (group === '*') {
    return minor >= VERSION_FACTS.wildcardGroupMinor
      ? undefined
      : `${DNS1123_MESSAGE}. The group "*" is accepted from Kubernetes ${formatMinor(VERSION_FACTS.wildcardGroupMinor)}; this policy targets ${formatMinor(minor)}.`;
  }
  const problems: string[] = [];
  if (group.length > 253) problems.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(group)) problems.push(DNS1123_MESSAGE);
  if (problems.length === 0) return undefined;
  const hint = group.includes('/') ? ' A group is named without its version: `apps`, not `apps/v1`.' : '';
  return `${problems.join(', ')}.${hint}`;
}

export function checkStages(fields: FieldsView, name: string, pathPrefix: string): Finding[] {
  const out: Finding[] = [];
  for (const { node, value, index } of fields.strings(name)) {
    if (STAGE_NAMES.includes(value)) continue;
    const suggestion = closest(value.trim(), STAGE_NAMES, 4);
    const path = `${pathPrefix}${name}[${index}]`;
    out.push({
      code: 'invalid-stage',
      start: node.start,
      end: node.end,
      path,
      message: `${REFUSE} ${pathPrefix ? '{rule}.' : ''}${name}[${index}]: Invalid value: ${quoteShort(value)}: allowed stages are ${STAGE_NAMES.join(',')}.${suggestion ? ` Did you mean \`${suggestion}\`?` : ''}`,
      data: suggestion ? { suggestion } : {},
    });
  }
  return out;
}

/** validation.go check 9: `namespaces: [""]` counts as non-empty. */
function checkMixed(rule: FieldsView): Finding[] {
  if (!rule.hasItems('nonResourceURLs') || !(rule.hasItems('resources') || rule.hasItems('namespaces'))) return [];
  const key = rule.pair('nonResourceURLs')!.key;
  const urls = rule.strings('nonResourceURLs').map((s) => s.value);
  return [
    {
      code: 'mixed-resources-and-urls',
      start: key.start,
      end: key.end,
      path: 'nonResourceURLs',
      message: `${REFUSE} {rule}.nonResourceURLs: Invalid value: ${quoteList(urls)}: rules cannot apply to both regular resources and non-resource URLs. Split it into two rules.`,
    },
  ];
}

const NAME_LISTS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const;

/** Names are compared exactly, so `"webapp-pod "` never equals the pod's name. */
function checkWhitespace(rule: FieldsView): Finding[] {
  const out: Finding[] = [];
  const report = (node: Node, value: string, path: string): void => {
    if (value.trim() === value || value.trim() === '') return;
    out.push({
      code: 'surrounding-whitespace',
      start: node.start,
      end: node.end,
      path,
      message: `${quoteShort(value)} has ${/^\s/.test(value) ? 'leading' : 'trailing'} white space; kube-apiserver compares names exactly, so it can never match. Did you mean ${quoteShort(value.trim())}?`,
      data: { suggestion: value.trim() },
    });
  };
  for (const list of NAME_LISTS) {
    for (const { node, value, index } of rule.strings(list)) {
      // A URL that does not start with '/' is already an error; trailing space on a valid one is not.
      if (list === 'nonResourceURLs' && !value.startsWith('/')) continue;
      report(node, value, `${list}[${index}]`);
    }
  }
  for (const { view, index } of rule.groupResources()) {
    if (!view) continue;
    for (const list of ['resources', 'resourceNames'] as const) {
      for (const item of view.strings(list)) report(item.node, item.value, `resources[${index}].${list}[${item.index}]`);
    }
  }
  return out;
}

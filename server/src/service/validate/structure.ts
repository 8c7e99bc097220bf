// The decoder's view of the file: which keys kube-apiserver knows at each place (unknown ones are
// dropped by its lenient second pass: pkg/audit/policy/reader.go), which value types it can decode
// (anything else fails decoding and kube-apiserver refuses to start), and which of two equal keys
// it keeps (the last: go-yaml v2 non-strict).
import { findField } from '../catalogue/fields';
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import { metaField, OBJECT_META } from '../catalogue/metadata';
import { suggestField } from '../catalogue/misnamed';
import { formatMinor } from '../catalogue/versions';
import type { MapNode, Node, Pair, ScalarNode } from '../parse/model';
import { describeNode, isStringLike } from './nodeText';
import { checkObjectMetaField } from './objectMeta';
import { joinPath } from './finding';
import type { Finding } from './finding';

export interface StructureOptions {
  readonly minor: number;
  /** Rule items are checked one by one elsewhere, so their results can be cached. */
  readonly skipRules?: boolean;
}

const CONTEXT_NAMES: Record<FieldContext, string> = {
  policy: 'the policy',
  rule: 'a rule',
  groupResources: 'a resources entry',
  metadata: 'metadata',
};

export function checkStructure(node: Node, context: FieldContext, path: string, options: StructureOptions): Finding[] {
  const out: Finding[] = [];
  checkMapping(node, context, path, options, out);
  return out;
}

export function keyName(key: ScalarNode): string {
  return key.value === null ? 'null' : String(key.value);
}

function checkMapping(node: Node, context: FieldContext, path: string, options: StructureOptions, out: Finding[]): void {
  if (node.kind !== 'map') {
    out.push(wrongType(node, path, `${CONTEXT_NAMES[context]} must be a mapping of fields, not ${describeNode(node)}`));
    return;
  }
  node.pairs.forEach((pair, index) => {
    const name = keyName(pair.key);
    const fieldPath = joinPath(path, name);
    if (pair.key.tag === '!complex-key') {
      out.push(wrongType(pair.key, path, 'a key must be a plain field name'));
      return;
    }
    if (isOverridden(node, index, name)) {
      out.push(duplicate(node, pair, name, fieldPath));
      return;
    }
    if (context === 'metadata') {
      if (!metaField(OBJECT_META, name, options.minor)) out.push(unknownField(pair.key, name, fieldPath, context));
      else if (pair.value) out.push(...checkObjectMetaField(name, pair.value, fieldPath, options.minor));
      return;
    }
    const field = findField(context, name);
    if (!field) {
      out.push(unknownField(pair.key, name, fieldPath, context));
      return;
    }
    if (field.sinceMinor !== undefined && options.minor < field.sinceMinor) {
      out.push(tooNew(pair.key, field, fieldPath, options.minor));
      return;
    }
    if (pair.value) checkValue(field, pair.value, fieldPath, options, out);
  });
}

/** Whether a later pair of the mapping has the same key (the last one wins). Mappings are small,
 *  so a scan beats building a map for every rule of a large policy. */
function isOverridden(map: MapNode, index: number, name: string): boolean {
  for (let i = index + 1; i < map.pairs.length; i++) if (keyName(map.pairs[i].key) === name) return true;
  return false;
}

function checkValue(field: FieldSpec, value: Node, path: string, options: StructureOptions, out: Finding[]): void {
  if (value.kind === 'scalar' && value.value === null) return; // null decodes as the zero value
  switch (field.type) {
    case 'string':
    case 'level':
      if (!isStringLike(value)) out.push(wrongType(value, path, `\`${field.name}\` must be a string, not ${describeNode(value)}`, quoteHint(value)));
      return;
    case 'boolean':
      if (value.kind !== 'scalar' || typeof value.value !== 'boolean')
        out.push(wrongType(value, path, `\`${field.name}\` must be true or false (unquoted), not ${describeNode(value)}`));
      return;
    case 'object':
      if (value.kind !== 'map') out.push(wrongType(value, path, `\`${field.name}\` must be a mapping, not ${describeNode(value)}`));
      else checkMapping(value, 'metadata', path, options, out);
      return;
    case 'stringList':
    case 'stageList':
      if (value.kind !== 'seq') {
        out.push(wrongType(value, path, `\`${field.name}\` must be a list of strings, not ${describeNode(value)}`, value.kind === 'scalar' ? { wrapInList: true } : undefined));
        return;
      }
      value.items.forEach((item, i) => {
        if (item.kind === 'scalar' && item.value === null) return;
        if (!isStringLike(item)) out.push(wrongType(item, `${path}[${i}]`, `each item of \`${field.name}\` must be a string, not ${describeNode(item)}`, quoteHint(item)));
      });
      return;
    case 'ruleList':
    case 'groupResourcesList': {
      if (value.kind !== 'seq') {
        out.push(wrongType(value, path, `\`${field.name}\` must be a list of mappings, not ${describeNode(value)}`));
        return;
      }
      if (field.type === 'ruleList' && options.skipRules) return;
      const itemContext: FieldContext = field.type === 'ruleList' ? 'rule' : 'groupResources';
      value.items.forEach((item, i) => {
        if (item.kind === 'scalar' && item.value === null) return;
        checkMapping(item, itemContext, `${path}[${i}]`, options, out);
      });
      return;
    }
  }
}

function quoteHint(node: Node): Record<string, unknown> | undefined {
  return node.kind === 'scalar' && node.style === 'plain' ? { quote: true } : undefined;
}

function wrongType(node: Node, path: string, what: string, data?: Record<string, unknown>): Finding {
  const yaml11 =
    node.kind === 'scalar' && typeof node.value === 'boolean' && node.style === 'plain'
      ? ' (kube-apiserver reads YAML 1.1, where unquoted yes, no, on, off, y and n are booleans: quote it)'
      : node.kind === 'scalar' && typeof node.value === 'number' && node.style === 'plain'
        ? ' (quote it to make it a string)'
        : '';
  return {
    code: 'wrong-type',
    start: node.start,
    end: node.end,
    path,
    message: `kube-apiserver will refuse to start: ${what}${yaml11}.`,
    ...(data ? { data } : {}),
  };
}

function duplicate(map: MapNode, pair: Pair, name: string, path: string): Finding {
  const winner = [...map.pairs].reverse().find((p) => keyName(p.key) === name) as Pair;
  const shown = winner.value && winner.value.kind === 'scalar' ? `\`${String(winner.value.value)}\`` : 'the later value';
  return {
    code: 'duplicate-key',
    start: pair.key.start,
    end: pair.key.end,
    path,
    message: `\`${name}\` appears again later in this mapping; kube-apiserver ignores this one and uses the last (${shown}).`,
    related: [{ start: winner.key.start, end: winner.key.end, message: `the \`${name}\` that kube-apiserver uses` }],
  };
}

function unknownField(key: ScalarNode, name: string, path: string, context: FieldContext): Finding {
  const suggestion = context === 'metadata' ? undefined : suggestField(context, name);
  const effect =
    context === 'rule'
      ? ': the rule then matches as if the field were absent'
      : context === 'groupResources'
        ? ': the resources entry then matches as if the field were absent'
        : '';
  let advice = '';
  if (suggestion?.moveTo) advice = ` \`${suggestion.name}\` belongs in ${CONTEXT_NAMES[suggestion.moveTo]}, not in ${CONTEXT_NAMES[context]}.`;
  else if (suggestion) advice = ` Did you mean \`${suggestion.name}\`?`;
  return {
    code: 'unknown-field',
    start: key.start,
    end: key.end,
    path,
    message: `kube-apiserver does not know the field \`${name}\` here and drops it${effect}.${advice}`,
    data: suggestion ? { suggestion: suggestion.name, ...(suggestion.moveTo ? { moveTo: suggestion.moveTo } : {}) } : {},
  };
}

function tooNew(key: ScalarNode, field: FieldSpec, path: string, minor: number): Finding {
  return {
    code: 'unknown-field',
    start: key.start,
    end: key.end,
    path,
    message: `\`${field.name}\` exists from Kubernetes ${formatMinor(field.sinceMinor ?? 0)}; kube-apiserver ${formatMinor(minor)} does not know it and drops it.`,
    data: {},
  };
}


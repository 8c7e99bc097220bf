// wrong-type: a value kube-apiserver's decoder cannot put into its Go field (a scalar where a list
// is expected, a quoted boolean, a YAML 1.1 boolean where a string is meant), so decoding fails and
// kube-apiserver refuses to start. Found during the walk in structure.ts.
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import type { Finding } from '../decode/finding';
import { describeNode, isNull, isStringLike } from '../decode/nodeText';
import { findPair } from '../parse/model';
import type { Node, ScalarNode } from '../parse/model';
import { REFUSE } from './check';

const CONTEXT_NAMES: Record<FieldContext, string> = {
  policy: 'the policy',
  rule: 'a rule',
  groupResources: 'a resources entry',
  metadata: 'metadata',
};

/** How a place is named in messages (`a rule`, `a resources entry`, ...). */
export function contextName(context: FieldContext): string {
  return CONTEXT_NAMES[context];
}

export function notAMapping(node: Node, path: string, context: FieldContext): Finding {
  const what = `${CONTEXT_NAMES[context]} must be a mapping of fields, not ${describeNode(node)}`;
  // A file that is only the rules (a fragment meant for a chart's or a tool's `rules:`).
  const rulesAlone = context === 'policy' && node.kind === 'seq' && node.items.some(isRuleLike);
  return wrongType(
    node,
    path,
    rulesAlone
      ? `${what}; this list holds rules, which go under \`rules:\` in a Policy (\`apiVersion: audit.k8s.io/v1\`, \`kind: Policy\`)`
      : what,
    rulesAlone ? { rulesAlone: true } : undefined,
  );
}

/** A mapping that says a level, as every rule must. */
function isRuleLike(item: Node): boolean {
  return item.kind === 'map' && findPair(item, 'level') !== undefined;
}

export function complexKey(key: ScalarNode, path: string): Finding {
  return wrongType(key, path, 'a key must be a plain field name');
}

/** The value of a known field, checked against the field's type without looking inside mappings
 *  (the walk goes into those); null decodes as the zero value and is always fine. */
export function valueTypeFindings(field: FieldSpec, value: Node, path: string): Finding[] {
  if (isNull(value)) return [];
  switch (field.type) {
    case 'string':
    case 'level':
      return isStringLike(value)
        ? []
        : [wrongType(value, path, `\`${field.name}\` must be a string, not ${describeNode(value)}`, quoteHint(value))];
    case 'boolean':
      return value.kind === 'scalar' && typeof value.value === 'boolean'
        ? []
        : [wrongType(value, path, `\`${field.name}\` must be true or false (unquoted), not ${describeNode(value)}`)];
    case 'object':
      return value.kind === 'map'
        ? []
        : [wrongType(value, path, `\`${field.name}\` must be a mapping, not ${describeNode(value)}`)];
    case 'stringList':
    case 'stageList':
      if (value.kind !== 'seq') {
        return [
          wrongType(
            value,
            path,
            `\`${field.name}\` must be a list of strings, not ${describeNode(value)}`,
            value.kind === 'scalar' ? { wrapInList: true } : undefined,
          ),
        ];
      }
      return value.items.flatMap((item, i) =>
        isNull(item) || isStringLike(item)
          ? []
          : [
              wrongType(
                item,
                `${path}[${i}]`,
                `each item of \`${field.name}\` must be a string, not ${describeNode(item)}`,
                quoteHint(item),
              ),
            ],
      );
    case 'ruleList':
    case 'groupResourcesList':
      return value.kind === 'seq'
        ? []
        : [wrongType(value, path, `\`${field.name}\` must be a list of mappings, not ${describeNode(value)}`)];
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
    message: `${REFUSE} ${what}${yaml11}.`,
    ...(data ? { data } : {}),
  };
}

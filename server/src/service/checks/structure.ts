// The decoder's walk over the file: which keys kube-apiserver knows at each place (unknown-field),
// which of two equal keys it keeps (duplicate-key) and which value types it can decode
// (wrong-type; ObjectMeta's typed fields in objectMeta.ts). One walk finds all three, because each
// decides whether the walk goes on: an ignored duplicate or a dropped field is not looked into.
import type { FieldContext, FieldSpec } from '../catalogue/fields';
import { joinPath } from '../decode/finding';
import type { Finding } from '../decode/finding';
import { isNull } from '../decode/nodeText';
import type { Node } from '../parse/model';
import { readsAsJson } from '../parse/goyaml/load';
import type { DocumentCheck, RuleCheck } from './check';
import { duplicateKey, isOverridden, keyName } from './duplicateKey';
import { checkObjectMetaField } from './objectMeta';
import { lookUpField } from './unknownField';
import { complexKey, notAMapping, valueTypeFindings } from './wrongType';

interface WalkOptions {
  readonly minor: number;
  /** Rule items are checked one by one by the rule check, so their results can be cached. */
  readonly skipRules?: boolean;
  /** The file is JSON, decoded as written (objectMeta.ts: how numbers are read then). */
  readonly json?: boolean;
}

export const checkRuleStructure: RuleCheck = (rule, minor) => (isNull(rule) ? [] : walk(rule, 'rule', '', { minor }));

export const checkPolicyStructure: DocumentCheck = (parsed, minor) =>
  !parsed.root || isNull(parsed.root)
    ? []
    : walk(parsed.root, 'policy', '', { minor, skipRules: true, json: readsAsJson(parsed.text) });

function walk(node: Node, context: FieldContext, path: string, options: WalkOptions): Finding[] {
  const out: Finding[] = [];
  walkMapping(node, context, path, options, out);
  return out;
}

function walkMapping(node: Node, context: FieldContext, path: string, options: WalkOptions, out: Finding[]): void {
  if (node.kind !== 'map') {
    out.push(notAMapping(node, path, context));
    return;
  }
  node.pairs.forEach((pair, index) => {
    const name = keyName(pair.key);
    const fieldPath = joinPath(path, name);
    if (pair.key.value === null) return; // no JSON form: jsonConversion.ts reports it
    if (pair.key.tag === '!complex-key') {
      out.push(complexKey(pair.key, path));
      return;
    }
    if (isOverridden(node, index, name)) {
      // A key merged in by `<<: *base` and set again here is how merge keys are meant to be used.
      if (!pair.merged) out.push(duplicateKey(node, pair, name, fieldPath));
      return;
    }
    const { field, finding } = lookUpField(context, pair.key, name, fieldPath, options.minor);
    if (finding) out.push(finding);
    else if (context === 'metadata' && pair.value)
      out.push(...checkObjectMetaField(name, pair.value, fieldPath, options.minor, options.json));
    else if (field && pair.value) walkValue(field, pair.value, fieldPath, options, out);
  });
}

function walkValue(field: FieldSpec, value: Node, path: string, options: WalkOptions, out: Finding[]): void {
  const wrong = valueTypeFindings(field, value, path);
  out.push(...wrong);
  if (wrong.length > 0 || isNull(value)) return;
  if (field.type === 'object' && value.kind === 'map') walkMapping(value, 'metadata', path, options, out);
  if ((field.type === 'ruleList' || field.type === 'groupResourcesList') && value.kind === 'seq') {
    if (field.type === 'ruleList' && options.skipRules) return;
    const itemContext: FieldContext = field.type === 'ruleList' ? 'rule' : 'groupResources';
    value.items.forEach((item, i) => {
      if (!isNull(item)) walkMapping(item, itemContext, `${path}[${i}]`, options, out);
    });
  }
}

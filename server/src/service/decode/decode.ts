// A rule as kube-apiserver's lenient decoder leaves it (k8s.io/apiserver pkg/audit/policy/reader.go
// falls back to the non-strict decoder): unknown fields dropped, the last of duplicate keys wins,
// a null list item is the zero value "", a null GroupResources entry is `{}` (the whole core group),
// and a null list is an empty list. Values of the wrong type make decoding fail: such a rule is
// marked undecodable and the analyses leave it alone (kube-apiserver would not start anyway).
import type { MapNode, Node } from '../parse/model';
import { compact, EMPTY } from '../parse/compact';
import { FieldsView } from './fields';
import { isNull } from './nodeText';

export interface DecodedGroupResources {
  readonly group: string;
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
}

export interface DecodedRule {
  readonly level: string;
  readonly users: readonly string[];
  readonly userGroups: readonly string[];
  readonly verbs: readonly string[];
  readonly namespaces: readonly string[];
  readonly resources: readonly DecodedGroupResources[];
  readonly nonResourceURLs: readonly string[];
  readonly omitStages: readonly string[];
  /** undefined when unset: the policy's value applies. */
  readonly omitManagedFields: boolean | undefined;
  /** False when a value has the wrong type, so kube-apiserver fails decoding the policy. */
  readonly decodable: boolean;
  /** Where to point at this rule (its `level` pair, else its first key), relative to the rule item. */
  readonly anchor: { readonly start: number; readonly end: number };
}

export interface DecodedPolicySettings {
  readonly omitStages: readonly string[];
  readonly omitManagedFields: boolean;
}

// Rule nodes are immutable and shared between parses of unchanged rule text (parse/ruleCache.ts),
// so a node is as good a cache key as the rule's text, and entries go away with the nodes.
const decoded = new WeakMap<Node, DecodedRule>();

export function decodeRule(node: Node): DecodedRule {
  let rule = decoded.get(node);
  if (!rule) {
    rule = decodeUncached(node);
    decoded.set(node, rule);
  }
  return rule;
}

class Decoder {
  ok = true;

  strings(view: FieldsView | null, name: string): readonly string[] {
    const value = view?.value(name) ?? null;
    if (value === null || isNull(value)) return EMPTY;
    if (value.kind !== 'seq') {
      this.ok = false;
      return EMPTY;
    }
    const out: string[] = [];
    for (const item of value.items) {
      if (isNull(item)) out.push('');
      else if (item.kind === 'scalar' && typeof item.value === 'string') out.push(item.value);
      else this.ok = false;
    }
    return compact(out);
  }

  string(view: FieldsView, name: string): string {
    const value = view.value(name);
    if (value === null || isNull(value)) return '';
    if (value.kind === 'scalar' && typeof value.value === 'string') return value.value;
    this.ok = false;
    return '';
  }

  boolean(view: FieldsView, name: string): boolean | undefined {
    const value = view.value(name);
    if (value === null || isNull(value)) return undefined;
    if (value.kind === 'scalar' && typeof value.value === 'boolean') return value.value;
    this.ok = false;
    return undefined;
  }

  groupResources(view: FieldsView): readonly DecodedGroupResources[] {
    const value = view.value('resources');
    if (value === null || isNull(value)) return EMPTY;
    if (value.kind !== 'seq') {
      this.ok = false;
      return EMPTY;
    }
    return compact(
      value.items.flatMap((item): DecodedGroupResources[] => {
        if (isNull(item)) return [{ group: '', resources: EMPTY, resourceNames: EMPTY }];
        if (item.kind !== 'map') {
          this.ok = false;
          return [];
        }
        const entry = new FieldsView(item);
        return [
          {
            group: this.string(entry, 'group'),
            resources: this.strings(entry, 'resources'),
            resourceNames: this.strings(entry, 'resourceNames'),
          },
        ];
      }),
    );
  }
}

function decodeUncached(node: Node): DecodedRule {
  const d = new Decoder();
  const map: MapNode | null = node.kind === 'map' ? node : null;
  if (!map && !isNull(node)) d.ok = false;
  const view = map ? new FieldsView(map) : null;
  const levelPair = view?.pair('level');
  const anchorNode = levelPair
    ? { start: levelPair.key.start, end: levelPair.value?.end ?? levelPair.key.end }
    : map?.pairs[0]
      ? { start: map.pairs[0].key.start, end: map.pairs[0].key.end }
      : { start: node.start, end: node.end };
  // One literal, not `{ ...fields, decodable, anchor }`: V8 gives each object spread and then
  // extended its own hidden class (2 MiB for a 5,000-rule policy, and every read of a rule's field
  // megamorphic). The fields are read in this order, and `d.ok` after all of them.
  const level = view ? d.string(view, 'level') : '';
  const users = d.strings(view, 'users');
  const userGroups = d.strings(view, 'userGroups');
  const verbs = d.strings(view, 'verbs');
  const namespaces = d.strings(view, 'namespaces');
  const resources = view ? d.groupResources(view) : EMPTY;
  const nonResourceURLs = d.strings(view, 'nonResourceURLs');
  const omitStages = d.strings(view, 'omitStages');
  const omitManagedFields = view ? d.boolean(view, 'omitManagedFields') : undefined;
  return {
    level,
    users,
    userGroups,
    verbs,
    namespaces,
    resources,
    nonResourceURLs,
    omitStages,
    omitManagedFields,
    decodable: d.ok,
    anchor: anchorNode,
  };
}

export function decodePolicySettings(root: Node | null): DecodedPolicySettings {
  if (!root || root.kind !== 'map') return { omitStages: [], omitManagedFields: false };
  const d = new Decoder();
  const view = new FieldsView(root);
  return {
    omitStages: d.strings(view, 'omitStages'),
    omitManagedFields: d.boolean(view, 'omitManagedFields') ?? false,
  };
}

/** How the checker routes a rule (checker.go ruleMatches): resource selectors win over URLs. */
export type RuleTarget = 'any' | 'resource' | 'nonResource';

export function targetOf(rule: DecodedRule): RuleTarget {
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return 'resource';
  if (rule.nonResourceURLs.length > 0) return 'nonResource';
  return 'any';
}

// Is this YAML an audit policy? Other YAML (a Deployment, a Helm values file) gets nothing. A file
// is a policy when it says so (`apiVersion: audit.k8s.io/...` with `kind: Policy`, no kind, or a
// policy's rules under another kind), and also when it has a policy's shape without saying so:
// `kind: Policy` and no apiVersion, or a top-level `rules` list whose items have a `level`.
// kube-apiserver refuses those last two (no apiVersion, or one it does not know), so a directory
// lint must not skip them.
import { API_GROUP, POLICY_KIND } from '../catalogue/values';
import { findPair, isMap, isSeq } from '../parse/model';
import type { MapNode, Node, ParsedPolicy, RuleItem } from '../parse/model';
import { readsAsJson } from '../parse/goyaml/load';
import { typeMetaField } from './typeMeta';

export type PolicyDetection =
  /** The first document is an audit policy: check everything. */
  | 'policy'
  /** Only a later document is a policy: kube-apiserver would not read it; say so and nothing else. */
  | 'later-policy'
  | 'other';

/** Whether detectPolicy could say anything but 'other' of this text: a test before any parse, so that
 *  a large YAML or JSON file of something else (a CRD bundle, an OpenAPI document, a lock file) is
 *  not parsed at every change only to learn it is not a policy. Every way looksLikePolicy says yes
 *  needs a scalar that is exactly `Policy` or starts `audit.k8s.io/`, or the keys `rules` and
 *  `level`. YAML and JSON write those letters in the text, except through an escape in a
 *  double-quoted scalar (`\x50`, `\u0050`, `\U…`, or an escaped line break that joins two lines)
 *  or a `!!binary` scalar (`!x!binary`, `!<tag:yaml.org,2002:binary>`); those send the text to the
 *  parse. A key is followed by its colon, but for an explicit key (`? rules`) and an anchored one
 *  (`&k rules` used as `*k:`), which send the text to the parse too. */
export function mayBePolicy(text: string): boolean {
  return SAYS_POLICY.test(text) || (RULES_KEY.test(text) && LEVEL_KEY.test(text));
}
const SAYS_POLICY = /\bPolicy\b|audit\.k8s\.io\/|\\[xuU\r\n]|[!:]binary\b/;
const EXPLICIT_KEY = String.raw`(^|[\s,[{])\?(\s|$)`;
const keyIn = (name: string) =>
  new RegExp(String.raw`\b${name}["']?\s*:|[&!]\S*\s+([&!]\S*\s+)?["']?${name}\b|${EXPLICIT_KEY}`, 'm');
const RULES_KEY = keyIn('rules');
const LEVEL_KEY = keyIn('level');

/** `rules` items, when the caller has them parsed separately (ParsedPolicy.rules). */
export function looksLikePolicy(root: Node | null, rules?: readonly RuleItem[], json = false): boolean {
  if (!isMap(root)) return false;
  // As kube-apiserver reads them: from keys in any case (`Kind: Policy`), see typeMeta.ts.
  const apiVersion = typeMetaField(root, 'apiVersion', json).pair?.value.value;
  const kind = typeMetaField(root, 'kind', json);
  const kindName = kind.pair?.value.value;
  const kindAbsent = kind.value === '' && !kind.wrongType;
  // The group's other kinds (Event, EventList, PolicyList) have no `rules`: an object of the group
  // with rules that say `level` is a policy with a wrong kind (`kind: AuditPolicy`), which
  // kube-apiserver refuses (`no kind "AuditPolicy" is registered`), so it must be checked.
  if (apiVersion?.startsWith(`${API_GROUP}/`))
    return kindAbsent || kindName === POLICY_KIND || hasAuditRules(root, rules);
  // Another kind of object (a ConfigMap, a Kyverno Policy with its own apiVersion) is not ours.
  if (!kindAbsent && kindName !== POLICY_KIND) return false;
  if (kindName === POLICY_KIND && !apiVersion) return true;
  return hasAuditRules(root, rules);
}

/** A top-level `rules` list with at least one item that has a `level`. */
function hasAuditRules(root: MapNode, rules?: readonly RuleItem[]): boolean {
  const value = findPair(root, 'rules')?.value;
  const items = rules?.map((r) => r.node) ?? (isSeq(value) ? value.items : []);
  return items.some((item) => isMap(item) && findPair(item, 'level') !== undefined);
}

export function detectPolicy(parsed: ParsedPolicy): PolicyDetection {
  if (looksLikePolicy(parsed.root, parsed.rules, readsAsJson(parsed.text))) return 'policy';
  return parsed.laterDocuments.some((d) => looksLikePolicy(d.root)) ? 'later-policy' : 'other';
}

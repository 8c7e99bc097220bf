// Is this YAML an audit policy? Other YAML (a Deployment, a Helm values file) gets nothing.
import { API_GROUP, POLICY_KIND } from '../catalogue/values';
import { findPair, isMap } from '../parse/model';
import type { Node, ParsedPolicy } from '../parse/model';
import { isNull, stringValue } from './nodeText';

export type PolicyDetection =
  /** The first document is an audit policy: check everything. */
  | 'policy'
  /** Only a later document is a policy: kube-apiserver would not read it; say so and nothing else. */
  | 'later-policy'
  | 'other';

export function looksLikePolicy(root: Node | null): boolean {
  if (!isMap(root)) return false;
  const apiVersion = stringValue(findPair(root, 'apiVersion')?.value);
  if (!apiVersion || !apiVersion.startsWith(`${API_GROUP}/`)) return false;
  const kind = findPair(root, 'kind')?.value;
  const kindName = stringValue(kind);
  return kind === undefined || kind === null || isNull(kind) || kindName === POLICY_KIND;
}

export function detectPolicy(parsed: ParsedPolicy): PolicyDetection {
  if (looksLikePolicy(parsed.root)) return 'policy';
  return parsed.laterDocuments.some((d) => looksLikePolicy(d.root)) ? 'later-policy' : 'other';
}

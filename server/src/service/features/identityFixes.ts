// The fix for group-as-user: when the group name is the rule's only user and the rule has no
// `userGroups`, renaming `users` to `userGroups` says what was meant, and touches one word.
import type { PolicyDocument } from '../document';
import { findPair } from '../parse/model';
import { replaceScalar } from './edits';
import type { Fix, FindingToFix } from './fixes';
import { ruleAt } from './nodeAt';

export function groupAsUser(doc: PolicyDocument, p: FindingToFix): Fix[] {
  const hit = ruleAt(doc.parsed, p.start);
  const rule = hit?.rule.node;
  if (!hit || rule?.kind !== 'map' || findPair(rule, 'userGroups')) return [];
  const users = findPair(rule, 'users');
  if (users?.value?.kind !== 'seq' || users.value.items.length !== 1) return [];
  const base = hit.rule.base;
  const edit = replaceScalar(doc, base + users.key.start, base + users.key.end, 'userGroups');
  return [{ title: 'Rename `users` to `userGroups`', edits: [edit], preferred: true }];
}

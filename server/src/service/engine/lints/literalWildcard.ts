// literal-wildcard: kube-apiserver understands `*`, `<resource>/*` and `*/<subresource>` in
// resources (checker.go ruleMatchesResource) and `*` in no other selector but URLs and (from 1.36)
// groups. Any other `*` is compared as written, and no resource or namespace is named like that: such
// an entry matches only requests the server refuses, which are audited all the same (the audit
// filter runs before the handlers; the oracle matches `GET /api/v1/namespaces/*/pods` to it).
// Users and groups too: checker.go ruleMatches compares them with hasString, an exact string
// comparison, so `system:node:*` matches only a user of exactly that name, never a node.
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { patternShape } from '../subsumes';

export function checkLiteralWildcards(node: Node): Finding[] {
  if (node.kind !== 'map') return [];
  const rule = new FieldsView(node);
  const out: Finding[] = [];
  for (const { view, index } of rule.groupResources()) {
    if (!view) continue;
    for (const { node: item, value, index: i } of view.strings('resources')) {
      if (!value.includes('*') || patternShape(value).kind !== 'literal') continue;
      out.push({
        code: 'literal-wildcard',
        start: item.start,
        end: item.end,
        path: `resources[${index}].resources[${i}]`,
        message: `\`${value}\` is compared literally: kube-apiserver understands only \`*\`, \`<resource>/*\` and \`*/<subresource>\`, so it matches only requests for a resource named \`${value}\`, which the server refuses (it audits them all the same).${hint(value)}`,
      });
    }
  }
  for (const { node: item, value, index } of rule.strings('namespaces')) {
    if (!value.includes('*')) continue;
    out.push({
      code: 'literal-wildcard',
      start: item.start,
      end: item.end,
      path: `namespaces[${index}]`,
      message: `Namespaces are compared exactly and a namespace name cannot contain \`*\`, so \`${value}\` matches only requests for a namespace named that, which the server refuses (it audits them all the same).${value === '*' ? ' Leave `namespaces` out to match every namespace.' : ''}`,
    });
  }
  for (const field of ['users', 'userGroups'] as const) {
    for (const { node: item, value, index } of rule.strings(field)) {
      if (!value.includes('*')) continue;
      out.push({
        code: 'literal-wildcard',
        start: item.start,
        end: item.end,
        path: `${field}[${index}]`,
        message: `${field === 'users' ? 'User names' : 'Groups'} are compared exactly: \`${value}\` matches only ${field === 'users' ? 'a user' : 'a group'} named exactly that, with the \`*\`.${identityHint(field, value)}`,
      });
    }
  }
  return out;
}

function identityHint(field: 'users' | 'userGroups', value: string): string {
  if (value === '*') return ` Leave \`${field}\` out to match everyone.`;
  if (field === 'users' && value.startsWith('system:node:'))
    return ' Every kubelet is in the group `system:nodes`: use `userGroups: ["system:nodes"]`.';
  if (field === 'users' && value.startsWith('system:serviceaccount:')) {
    const ns = value.split(':')[2];
    return ns && !ns.includes('*')
      ? ` The service accounts of a namespace are the group \`system:serviceaccounts:${ns}\`: use \`userGroups\`.`
      : ' Every service account is in the group `system:serviceaccounts`: use `userGroups`.';
  }
  return ' List the names, or match a group they share with `userGroups`.';
}

function hint(value: string): string {
  if (value === '*/*') return ' Use `*` for every resource and subresource.';
  const slash = value.indexOf('/');
  if (slash > 0 && !value.slice(0, slash).includes('*'))
    return ` Use \`${value.slice(0, slash)}/*\` for every subresource of ${value.slice(0, slash)}.`;
  return ' List the resources by name, or use `*`.';
}

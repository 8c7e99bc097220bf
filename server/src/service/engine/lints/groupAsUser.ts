// group-as-user: `users` is compared with the request's user name (checker.go ruleMatches:
// hasString(r.Users, user.GetName())), and the authenticators' group names (system:masters,
// system:serviceaccounts:<ns>, ...; catalogue/authenticationGroups.ts) are not the names of the
// users in them. Such an entry matches none of that group's members: a warning (the rule does not
// do what it says), with the field the name belongs in.
import { authenticationGroup } from '../../catalogue/authenticationGroups';
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';

export function checkGroupAsUser(node: Node): Finding[] {
  if (node.kind !== 'map') return [];
  return new FieldsView(node).strings('users').flatMap(({ node: item, value, index }): Finding[] => {
    const source = authenticationGroup(value);
    if (!source) return [];
    return [
      {
        code: 'group-as-user',
        start: item.start,
        end: item.end,
        path: `users[${index}]`,
        message:
          `\`${value}\` is a group (${source}), not a user name: kube-apiserver compares \`users\` with the ` +
          "user name, so this never matches the group's members. Did you mean `userGroups`?",
        data: { field: 'userGroups' },
      },
    ];
  });
}

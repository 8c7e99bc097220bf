// Where a field that kube-apiserver does not know at some place was probably meant to go.
// The pairs below are the mistakes seen in published policies (OpenShift's `resource`, Datadog's
// nested `verbs`, Selectel's `username`, a course's `groups`) and their close relatives.
import { closest } from '../text/suggest';
import { fieldsOf, findField } from './fields';
import type { FieldContext } from './fields';
import { ownEntry } from './ownEntry';

export interface FieldSuggestion {
  /** The field name to use instead. */
  readonly name: string;
  /** Where that field lives, when it is not the mapping the unknown key is in. */
  readonly moveTo?: FieldContext;
}

const KNOWN_SLIPS: Readonly<Record<FieldContext, Readonly<Record<string, FieldSuggestion>>>> = {
  policy: {
    rule: { name: 'rules' },
    omitStage: { name: 'omitStages' },
    level: { name: 'level', moveTo: 'rule' },
  },
  rule: {
    user: { name: 'users' },
    username: { name: 'users' },
    usernames: { name: 'users' },
    groups: { name: 'userGroups' },
    usergroups: { name: 'userGroups' },
    verb: { name: 'verbs' },
    namespace: { name: 'namespaces' },
    resource: { name: 'resources' },
    stages: { name: 'omitStages' },
    omitStage: { name: 'omitStages' },
    nonResourceURL: { name: 'nonResourceURLs' },
    nonResourceUrls: { name: 'nonResourceURLs' },
    nonResourceURls: { name: 'nonResourceURLs' },
    urls: { name: 'nonResourceURLs' },
    group: { name: 'group', moveTo: 'groupResources' },
    apiGroups: { name: 'group', moveTo: 'groupResources' },
    resourceNames: { name: 'resourceNames', moveTo: 'groupResources' },
  },
  groupResources: {
    groups: { name: 'group' },
    apiGroup: { name: 'group' },
    apiGroups: { name: 'group' },
    resource: { name: 'resources' },
    resourceName: { name: 'resourceNames' },
    names: { name: 'resourceNames' },
    username: { name: 'users', moveTo: 'rule' },
    user: { name: 'users', moveTo: 'rule' },
  },
  metadata: {},
};

/** The field most likely meant by an unknown key `name` found in `context`. */
export function suggestField(context: FieldContext, name: string): FieldSuggestion | undefined {
  // Own keys only: a field named `constructor` is no slip (an object's prototype would answer it).
  const slips = KNOWN_SLIPS[context];
  const slip = ownEntry(slips, name);
  if (slip) return slip;
  const here = fieldsOf(context).map((f) => f.name);
  const near = closest(name, here);
  if (near) return { name: near };
  // A field of another place: `verbs` under a resources entry belongs on the rule, `group` on a
  // rule belongs in a resources entry.
  const homes: FieldContext[] =
    context === 'groupResources' ? ['rule', 'policy'] : context === 'rule' ? ['groupResources', 'policy'] : ['rule'];
  for (const home of homes) {
    const field = findField(home, name) ?? fieldsOf(home).find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (field) return { name: field.name, moveTo: home };
  }
  return undefined;
}

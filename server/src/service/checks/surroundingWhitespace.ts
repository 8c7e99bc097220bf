// surrounding-whitespace: kube-apiserver compares names exactly (policy/checker.go), so
// `"webapp-pod "` never equals the pod's name. It loads such a policy, hence a warning.
import { FieldsView } from '../decode/fields';
import type { Finding } from '../decode/finding';
import { quoteShort } from '../decode/nodeText';
import type { Node } from '../parse/model';
import type { RuleCheck } from './check';

const NAME_LISTS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const;

export const checkSurroundingWhitespace: RuleCheck = (node) => {
  const rule = FieldsView.of(node);
  if (!rule) return [];
  const out: Finding[] = [];
  const report = (item: Node, value: string, path: string): void => {
    if (value.trim() === value || value.trim() === '') return;
    out.push({
      code: 'surrounding-whitespace',
      start: item.start,
      end: item.end,
      path,
      message: `${quoteShort(value)} has ${/^\s/.test(value) ? 'leading' : 'trailing'} white space; kube-apiserver compares names exactly, so it can never match. Did you mean ${quoteShort(value.trim())}?`,
      data: { suggestion: value.trim() },
    });
  };
  for (const list of NAME_LISTS) {
    for (const { node: item, value, index } of rule.strings(list)) {
      // A URL that does not start with '/' is already an error; trailing space on a valid one is not.
      if (list === 'nonResourceURLs' && !value.startsWith('/')) continue;
      report(item, value, `${list}[${index}]`);
    }
  }
  for (const { view, index } of rule.groupResources()) {
    if (!view) continue;
    for (const list of ['resources', 'resourceNames'] as const) {
      for (const item of view.strings(list))
        report(item.node, item.value, `resources[${index}].${list}[${item.index}]`);
    }
  }
  return out;
};

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
  // The path is made only for a finding: this runs on every name of every rule of a file.
  for (const list of NAME_LISTS) {
    for (const { node: item, value, index } of rule.strings(list)) {
      // A URL that does not start with '/' is already an error; trailing space on a valid one is not.
      if (list === 'nonResourceURLs' && !value.startsWith('/')) continue;
      if (hasSurroundingWhitespace(value)) out.push(finding(item, value, `${list}[${index}]`));
    }
  }
  for (const { view, index } of rule.groupResources()) {
    if (!view) continue;
    for (const list of ['resources', 'resourceNames'] as const) {
      for (const item of view.strings(list)) {
        if (hasSurroundingWhitespace(item.value))
          out.push(finding(item.node, item.value, `resources[${index}].${list}[${item.index}]`));
      }
    }
  }
  return out;
};

function finding(item: Node, value: string, path: string): Finding {
  return {
    code: 'surrounding-whitespace',
    start: item.start,
    end: item.end,
    path,
    message: `${quoteShort(value)} has ${/^\s/.test(value) ? 'leading' : 'trailing'} white space; kube-apiserver compares names exactly, so it can never match. Did you mean ${quoteShort(value.trim())}?`,
    data: { suggestion: value.trim() },
  };
}

/** Whether white space starts or ends the value, and it is not all white space. */
function hasSurroundingWhitespace(value: string): boolean {
  return value.length > 0 && (isSpace(value, 0) || isSpace(value, value.length - 1)) && value.trim() !== '';
}

/** A cheap test before String.prototype.trim's own: printable ASCII is never white space. */
function isSpace(value: string, at: number): boolean {
  const c = value.charCodeAt(at);
  return (c < 0x21 || c > 0x7e) && value[at].trim() === '';
}

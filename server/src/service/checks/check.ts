// The two shapes of a check. A rule check sees one rule item and nothing else, so its findings can
// be cached by the rule's text; a document check sees the whole parsed policy and runs every time.
import type { Node, ParsedPolicy } from '../parse/model';
import type { AnalysisSlot } from '../engine/analysis';
import type { Finding } from '../decode/finding';

export interface RuleCheck {
  /** Offsets relative to the rule item, paths relative to the rule; `{rule}` in a message becomes `rules[i]`. */
  (rule: Node, minor: number): Finding[];
}

export interface DocumentCheck {
  /** `slot` carries the previous version's rule analysis, so unchanged rules are not compared again. */
  (parsed: ParsedPolicy, minor: number, slot?: AnalysisSlot): Finding[];
}

/** The words that open the message of every finding that makes kube-apiserver refuse the policy. */
export const REFUSE = 'kube-apiserver will refuse to start:';

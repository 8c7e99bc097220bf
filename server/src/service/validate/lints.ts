// The list of checks. A rule check sees one rule item and nothing else, so its findings are
// cached by the rule's text; a document check sees the whole parsed policy and runs every time.
import type { Node, ParsedPolicy } from '../parse/model';
import { checkDocument } from './documentChecks';
import { checkRule } from './ruleChecks';
import { checkStructure } from './structure';
import type { Finding } from './finding';
import * as engine from '../engine/lints';
import type { AnalysisSlot } from '../engine/analysis';

export interface RuleCheck {
  (rule: Node, minor: number): Finding[];
}

export interface DocumentCheck {
  /** `slot` carries the previous version's rule analysis, so unchanged rules are not compared again. */
  (parsed: ParsedPolicy, minor: number, slot?: AnalysisSlot): Finding[];
}

const ruleStructure: RuleCheck = (rule, minor) =>
  rule.kind === 'scalar' && rule.value === null ? [] : checkStructure(rule, 'rule', '', { minor });

export const RULE_CHECKS: readonly RuleCheck[] = [ruleStructure, checkRule, engine.checkVerbs, engine.checkResources, engine.checkLiteralWildcards, engine.checkResourceNames,
  engine.checkGroupAsUser, engine.checkGroupNotServed, engine.checkVerbNotServed, engine.checkConnectVerb];

export const DOCUMENT_CHECKS: readonly DocumentCheck[] = [checkDocument, engine.checkUnreachable, engine.checkSensitiveBodies, engine.checkCatchAll, engine.checkRequestReceived];

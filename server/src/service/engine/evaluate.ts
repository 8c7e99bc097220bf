// The policy evaluator: first match wins, exactly as kube-apiserver's
// k8s.io/apiserver pkg/audit/policy/checker.go (NewPolicyRuleEvaluator / EvaluatePolicyRule).
import { STAGE_NAMES } from '../catalogue/values';
import type { ParsedPolicy } from '../parse/model';
import { decodePolicySettings, decodeRule } from '../decode/decode';
import type { DecodedPolicySettings, DecodedRule } from '../decode/decode';
import { mismatch } from './match';
import type { Mismatch } from './match';
import type { RequestAttributes } from './request';

export interface CompiledPolicy {
  readonly settings: DecodedPolicySettings;
  readonly rules: readonly DecodedRule[];
}

export function compilePolicy(parsed: ParsedPolicy): CompiledPolicy {
  return { settings: decodePolicySettings(parsed.root), rules: parsed.rules.map((r) => decodeRule(r.node)) };
}

export interface Evaluation {
  /** Index of the matching rule, or undefined when none matches (level None). */
  readonly rule: number | undefined;
  readonly level: string;
  readonly omitStages: readonly string[];
  readonly omitManagedFields: boolean;
  /** For each rule before the matching one (or every rule when none matches), why it did not match. */
  readonly skipped: ReadonlyArray<{ readonly rule: number; readonly mismatch: Mismatch }>;
}

export function evaluate(policy: CompiledPolicy, req: RequestAttributes): Evaluation {
  const skipped: Array<{ rule: number; mismatch: Mismatch }> = [];
  for (let i = 0; i < policy.rules.length; i++) {
    const rule = policy.rules[i];
    const miss = mismatch(rule, req);
    if (miss) {
      skipped.push({ rule: i, mismatch: miss });
      continue;
    }
    return {
      rule: i,
      level: rule.level,
      // NewPolicyRuleEvaluator stores union(policy.omitStages, rule.omitStages) on every rule.
      omitStages: unionStages(policy.settings.omitStages, rule.omitStages),
      // EvaluatePolicyRule: the rule's omitManagedFields when set, else the policy's.
      omitManagedFields: rule.omitManagedFields ?? policy.settings.omitManagedFields,
      skipped,
    };
  }
  // DefaultAuditLevel is None; the policy's own omitStages and omitManagedFields apply.
  return {
    rule: undefined,
    level: 'None',
    omitStages: unionStages(policy.settings.omitStages),
    omitManagedFields: policy.settings.omitManagedFields,
    skipped,
  };
}

/** The set union of stage lists. Go returns map order; we return the stages' natural order, then others. */
export function unionStages(...lists: ReadonlyArray<readonly string[]>): string[] {
  const all = new Set(lists.flat());
  return [...STAGE_NAMES.filter((s) => all.has(s)), ...[...all].filter((s) => !STAGE_NAMES.includes(s))];
}

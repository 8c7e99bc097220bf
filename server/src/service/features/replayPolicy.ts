// A policy document made ready for replay: its compiled rules, and what a report says about it
// (its name, each rule's line and level).
import type { PolicyDocument } from '../document';
import { compilePolicy } from '../engine/evaluate';
import type { CompiledPolicy } from '../engine/evaluate';
import type { PolicyInfo } from '../replay/report';

export function replayPolicy(doc: PolicyDocument, name: string): { compiled: CompiledPolicy; info: PolicyInfo } {
  const compiled = compilePolicy(doc.parsed);
  const ruleLines = doc.parsed.rules.map((rule) => doc.lines.positionAt(rule.base + rule.node.start).line + 1);
  return { compiled, info: { name, ruleLines, ruleLevels: compiled.rules.map((r) => r.level) } };
}

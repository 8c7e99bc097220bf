// What a report says about a policy document: its name, and each rule's line and level.
import type { PolicyDocument } from '../document';
import { compilePolicy } from '../engine/evaluate';
import type { CompiledPolicy } from '../engine/evaluate';
import type { PolicyInfo } from './report';

export function replayPolicy(doc: PolicyDocument, name: string): { compiled: CompiledPolicy; info: PolicyInfo } {
  const compiled = compilePolicy(doc.parsed);
  const ruleLines = doc.parsed.rules.map((rule) => doc.lines.positionAt(rule.base + rule.node.start).line + 1);
  return { compiled, info: { name, ruleLines, ruleLevels: compiled.rules.map((r) => r.level) } };
}

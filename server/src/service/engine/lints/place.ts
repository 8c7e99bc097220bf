// Document checks point at rules: a rule's anchor (its `level`) in document offsets.
import type { ParsedPolicy } from '../../parse/model';
import { decodeRule } from '../../decode/decode';

export function ruleAnchor(parsed: ParsedPolicy, index: number): { start: number; end: number } {
  const item = parsed.rules[index];
  const anchor = decodeRule(item.node).anchor;
  return { start: item.base + anchor.start, end: item.base + anchor.end };
}

/** The comparisons between rules assume the rules kube-apiserver would read; a file that is not
 *  valid YAML is refused outright (yaml-syntax), and guessing at its rules helps nobody. */
export function parsedCleanly(parsed: ParsedPolicy): boolean {
  let clean = cleanly.get(parsed);
  if (clean === undefined) {
    clean = parsed.syntaxErrors.length === 0 && parsed.rules.every((r) => r.syntaxErrors.length === 0);
    cleanly.set(parsed, clean);
  }
  return clean;
}

// Four lints ask for each version.
const cleanly = new WeakMap<ParsedPolicy, boolean>();

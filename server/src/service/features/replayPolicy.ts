// A policy document made ready for replay: its compiled rules, and what a report says about it
// (its name, each rule's line and level); and which rows of a report still hold once the policy
// is edited.
import type { Position } from 'vscode-languageserver-types';
import type { PolicyDocument } from '../document';
import type { DecodedRule } from '../decode/decode';
import { compilePolicy } from '../engine/evaluate';
import type { CompiledPolicy } from '../engine/evaluate';
import type { PolicyInfo } from '../replay/report';

/**
 * `place`: where a position of the policy is shown, for a policy embedded in a host file (its
 * host position; undefined when the host has no place for it, a base64-encoded policy): the
 * report's rule lines are then the host's.
 */
export function replayPolicy(
  doc: PolicyDocument,
  name: string,
  place: (position: Position) => Position | undefined = (position) => position,
): { compiled: CompiledPolicy; info: PolicyInfo } {
  const compiled = compilePolicy(doc.parsed);
  const ruleLines = doc.parsed.rules.map((rule) => {
    const shown = place(doc.lines.positionAt(rule.base + rule.node.start));
    return shown === undefined ? null : shown.line + 1;
  });
  return { compiled, info: { name, ruleLines, ruleLevels: compiled.rules.map((r) => r.level) } };
}

/**
 * How many rows of a report made with the `replayed` rules, from the first, hold for the `current`
 * ones. A rule's events are those it matches and no earlier rule takes (first match wins), so a row
 * holds while its rule and every rule before it match the same requests as when it was made; a
 * rule's level, stages and managed-fields choice change what is written, never which rule an event
 * goes to (k8s.io/apiserver pkg/audit/policy/checker.go, ruleMatches reads only the selectors).
 */
export function rowsThatHold(replayed: readonly DecodedRule[], current: readonly DecodedRule[]): number {
  const count = Math.min(replayed.length, current.length);
  for (let i = 0; i < count; i++) if (!matchesAlike(replayed[i], current[i])) return i;
  return count;
}

function matchesAlike(a: DecodedRule, b: DecodedRule): boolean {
  // Rules of unchanged text share their decoded rule (decodeRule is cached per node).
  return a === b || selectors(a) === selectors(b);
}

const selectors = (r: DecodedRule): string =>
  JSON.stringify([r.users, r.userGroups, r.verbs, r.namespaces, r.resources, r.nonResourceURLs]);

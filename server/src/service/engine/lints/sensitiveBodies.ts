// sensitive-bodies: a rule at Request or RequestResponse that can still see a request whose body
// holds secret values (sensitive.ts) writes them into the audit log. Reported for each such rule
// unless an earlier rule provably takes all of those requests (analysis.ts), as the usual
// `level: Metadata` rule for secrets does.
import type { ParsedPolicy, RuleItem } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import type { AnalysisSlot, RuleVerdict } from '../analysis';
import { policyAnalysis } from '../analysis';
import { SENSITIVE, label } from '../sensitive';
import { parsedCleanly, ruleAnchor } from './place';

export function checkSensitiveBodies(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  const { rules, verdicts } = policyAnalysis(parsed, slot);
  const out: Finding[] = [];
  verdicts.forEach((verdict, i) => {
    if (!verdict.sensitive.includes(undefined)) return; // every secret-bearing request goes to an earlier rule
    // The same rule item (same text, number and place: parse.ts) with the same verdict (analysis.ts
    // keeps an unchanged rule's) keeps its finding object, and with it its diagnostic (validate.ts).
    const item = parsed.rules[i];
    const kept = findingsKept.get(item);
    if (kept?.verdict === verdict) {
      if (kept.finding) out.push(kept.finding);
      return;
    }
    const finding = sensitiveFinding(parsed, i, rules[i].level, verdict);
    findingsKept.set(item, { verdict, finding });
    if (finding) out.push(finding);
  });
  return out;
}

function sensitiveFinding(parsed: ParsedPolicy, i: number, level: string, verdict: RuleVerdict): Finding | undefined {
  const names = SENSITIVE.filter((_, k) => verdict.sensitive[k] === undefined && verdict.sensitive.length > k).map(
    label,
  );
  if (names.length === 0) return undefined;
  return {
    code: 'sensitive-bodies',
    ...ruleAnchor(parsed, i),
    path: `rules[${i}].level`,
    message: `At level ${level} this rule writes the ${level === 'Request' ? 'request bodies' : 'request and response bodies'} of ${names.join(', ')} into the audit log, and with them secret values. Put a \`level: Metadata\` rule for ${names.length === 1 ? 'it' : 'them'} above this one.`,
    data: { resources: names },
  };
}

const findingsKept = new WeakMap<RuleItem, { readonly verdict: RuleVerdict; readonly finding: Finding | undefined }>();

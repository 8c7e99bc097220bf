// no-catch-all: a request that matches no rule is recorded at level None, i.e. not at all
// (checker.go DefaultAuditLevel). Reported when the policy also drops requests explicitly with
// `level: None` rules: those only make sense if the rest is recorded, so the author likely expects
// a default that is not there. A policy of only recording rules (log these, nothing else) is a
// deliberate choice and is left alone.
import { findPair } from '../../parse/model';
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { keptFinding } from '../../decode/finding';
import { parsedCleanly } from './place';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';
import { ruleCensus } from '../census';

export function checkCatchAll(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  if (parsed.rules.length === 0 || parsed.root?.kind !== 'map') return [];
  const census = ruleCensus(policyAnalysis(parsed, slot).rules, slot);
  // A rule for every resource request together with one for every URL covers everything too.
  const covered = census.everything > 0 || (census.everyResource > 0 && census.everyUrl > 0);
  if (census.dropping === 0 || covered) return [];
  const key = findPair(parsed.root, 'rules')?.key;
  if (!key) return [];
  return [
    keptFinding(`no-catch-all ${key.start} ${key.end}`, () => ({
      code: 'no-catch-all',
      start: key.start,
      end: key.end,
      path: 'rules',
      message:
        'Some rules drop requests with `level: None`, but no rule matches every request, so the requests that match no rule are not recorded either (level None). End with a catch-all such as `- level: Metadata`, or `- level: None` if dropping the rest is intended.',
    })),
  ];
}

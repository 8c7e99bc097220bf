// no-catch-all: a request that matches no rule is recorded at level None, i.e. not at all
// (checker.go DefaultAuditLevel). Reported when the policy also drops requests explicitly with
// `level: None` rules: those only make sense if the rest is recorded, so the author likely expects
// a default that is not there. A policy of only recording rules (log these, nothing else) is a
// deliberate choice and is left alone.
import { findPair } from '../../parse/model';
import type { ParsedPolicy } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { parsedCleanly } from './place';
import { targetOf } from '../../decode/decode';
import type { AnalysisSlot } from '../analysis';
import { policyAnalysis } from '../analysis';
import type { DecodedRule } from '../../decode/decode';

export function checkCatchAll(parsed: ParsedPolicy, _minor?: number, slot?: AnalysisSlot): Finding[] {
  if (!parsedCleanly(parsed)) return [];
  if (parsed.rules.length === 0 || parsed.root?.kind !== 'map') return [];
  // One pass (this runs on every keystroke): whether a rule drops requests, and whether the rules
  // for everyone and every verb cover every request.
  let dropping = false;
  let all = false;
  let allResources = false;
  let allUrls = false;
  for (const r of policyAnalysis(parsed, slot).rules) {
    if (!r.decodable) continue;
    if (r.level === 'None') dropping = true;
    if (r.users.length + r.userGroups.length + r.verbs.length !== 0) continue;
    const target = targetOf(r);
    if (target === 'any') all = true;
    // A rule for every resource request together with one for every URL covers everything too.
    else if (matchesEveryResourceRequest(r)) allResources = true;
    else if (target === 'nonResource' && r.nonResourceURLs.includes('*')) allUrls = true;
  }
  if (!dropping || all || (allResources && allUrls)) return [];
  const key = findPair(parsed.root, 'rules')?.key;
  if (!key) return [];
  return [
    {
      code: 'no-catch-all',
      start: key.start,
      end: key.end,
      path: 'rules',
      message:
        'Some rules drop requests with `level: None`, but no rule matches every request, so the requests that match no rule are not recorded either (level None). End with a catch-all such as `- level: Metadata`, or `- level: None` if dropping the rest is intended.',
    },
  ];
}

function matchesEveryResourceRequest(r: DecodedRule): boolean {
  return (
    targetOf(r) === 'resource' &&
    r.namespaces.length === 0 &&
    r.resources.some(
      (gr) =>
        gr.group === '*' &&
        (gr.resources.length === 0 || (gr.resourceNames.length === 0 && gr.resources.includes('*'))),
    )
  );
}

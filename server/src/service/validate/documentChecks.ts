// Whole-document checks: what kube-apiserver's loader (pkg/audit/policy/reader.go) does before
// and after validating the rules: the version and kind it decodes, the 0-rules refusal, the
// policy-wide omitStages, and the documents it never reads.
import { API_GROUP, API_VERSION, POLICY_KIND } from '../catalogue/values';
import { VERSION_FACTS, formatMinor } from '../catalogue/versions';
import { findPair } from '../parse/model';
import type { Node, ParsedPolicy } from '../parse/model';
import { looksLikePolicy } from '../detect';
import { FieldsView } from './ruleView';
import { checkStages } from './ruleChecks';
import { checkStructure } from './structure';
import type { Finding } from './finding';
import { quoteShort } from './nodeText';

const REFUSE = 'kube-apiserver will refuse to start:';
const REMOVED_VERSIONS = [`${API_GROUP}/v1beta1`, `${API_GROUP}/v1alpha1`];

export function checkDocument(parsed: ParsedPolicy, minor: number): Finding[] {
  const out: Finding[] = [];
  for (const e of parsed.syntaxErrors) out.push(syntaxFinding(e.start, e.end, e.message));
  const root = parsed.root;
  if (!root || (root.kind === 'scalar' && root.value === null)) {
    if (parsed.syntaxErrors.length === 0) {
      out.push({ code: 'invalid-api-version', start: 0, end: 0, path: 'apiVersion', message: `${REFUSE} the file holds no policy (unknown group version field audit.k8s.io/__internal, Kind=Policy in policy). Start with apiVersion: ${API_VERSION}, kind: ${POLICY_KIND} and rules.`, data: { insertHeader: true } });
    }
  } else if (root.kind !== 'map') {
    out.push(...checkStructure(root, 'policy', '', { minor, skipRules: true }));
  } else {
    out.push(...checkStructure(root, 'policy', '', { minor, skipRules: true }));
    out.push(...checkApiVersion(root, minor), ...checkKind(root), ...checkRulesPresent(parsed, root));
    out.push(...checkStages(new FieldsView(root), 'omitStages', ''));
  }
  out.push(...ignoredContent(parsed));
  for (const later of parsed.laterDocuments) {
    if (!later.root || (later.root.kind === 'scalar' && later.root.value === null)) continue;
    out.push({
      code: 'ignored-document',
      start: later.root.start,
      end: Math.min(later.root.end, lineEndAfter(parsed.text, later.root.start)),
      path: '',
      message: `kube-apiserver reads only the first YAML document of an audit policy file and ignores this one${looksLikePolicy(later.root) ? ', so this policy never applies' : ''}.`,
    });
  }
  return out;
}

/** go-yaml's first error, quoted as kube-apiserver prints it. */
export function syntaxFinding(start: number, end: number, message: string): Finding {
  const what = /^(yaml: |couldn't get version\/kind; json parse error)/.test(message) ? 'the file is not valid YAML for go-yaml' : 'its YAML reader cannot turn the file into JSON';
  return { code: 'yaml-syntax', start, end: Math.max(end, start), path: '', message: `${REFUSE} ${what} (failed decoding: ${message}).` };
}

/** go-yaml decodes the first document's root node and stops: a line indented less than a policy
 *  indented as a whole (as one copied out of a ConfigMap is) ends the policy, silently. */
function ignoredContent(parsed: ParsedPolicy): Finding[] {
  if (parsed.ignoredFrom === undefined) return [];
  const start = parsed.ignoredFrom;
  return [
    {
      code: 'ignored-document',
      start,
      end: lineEndAfter(parsed.text, start),
      path: '',
      message: 'kube-apiserver stops reading the policy here: this line is indented less than the policy above it, so it and everything below it are ignored (only the rules above are loaded). Indent it like the lines above, or remove it.',
    },
  ];
}

function checkApiVersion(root: Node & { kind: 'map' }, minor: number): Finding[] {
  const pair = findPair(root, 'apiVersion');
  if (!pair || pair.value === null || (pair.value.kind === 'scalar' && (pair.value.value === null || pair.value.value === ''))) {
    const at = pair?.key ?? root.pairs[0]?.key ?? root;
    return [{ code: 'invalid-api-version', start: at.start, end: at.end, path: 'apiVersion', message: `${REFUSE} apiVersion is missing (unknown group version field audit.k8s.io/__internal, Kind=Policy in policy). Add apiVersion: ${API_VERSION}.`, data: { suggestion: API_VERSION } }];
  }
  const value = pair.value;
  if (value.kind !== 'scalar' || typeof value.value !== 'string' || value.value === API_VERSION) return [];
  const version = value.value;
  const base = { start: value.start, end: value.end, path: 'apiVersion', data: { suggestion: API_VERSION } };
  if (REMOVED_VERSIONS.includes(version)) {
    if (minor >= VERSION_FACTS.betaRemovedMinor) {
      return [{ ...base, code: 'invalid-api-version', message: `${REFUSE} ${version} was removed in Kubernetes ${formatMinor(VERSION_FACTS.betaRemovedMinor)} (failed decoding: no kind "Policy" is registered for version ${quoteShort(version)}). Use ${API_VERSION}; the fields are the same.` }];
    }
    if (minor >= VERSION_FACTS.betaDeprecatedMinor) {
      return [{ ...base, code: 'deprecated-api-version', message: `${version} is deprecated since Kubernetes ${formatMinor(VERSION_FACTS.betaDeprecatedMinor)} and removed in ${formatMinor(VERSION_FACTS.betaRemovedMinor)}; kube-apiserver ${formatMinor(minor)} loads it with a warning. Use ${API_VERSION}.` }];
    }
    return [];
  }
  return [{ ...base, code: 'invalid-api-version', message: `${REFUSE} failed decoding: no kind "Policy" is registered for version ${quoteShort(version)}. An audit policy has apiVersion: ${API_VERSION}.` }];
}

function checkKind(root: Node & { kind: 'map' }): Finding[] {
  const value = findPair(root, 'kind')?.value;
  if (!value || value.kind !== 'scalar' || typeof value.value !== 'string' || value.value === '' || value.value === POLICY_KIND) return [];
  const known = ['Event', 'EventList', 'PolicyList'].includes(value.value);
  const detail = known ? `converting (v1.${value.value}) to (audit.Policy): unknown conversion` : `no kind ${quoteShort(value.value)} is registered for version "${API_VERSION}"`;
  return [{ code: 'invalid-kind', start: value.start, end: value.end, path: 'kind', message: `${REFUSE} failed decoding: ${detail}. An audit policy has kind: ${POLICY_KIND}.`, data: { suggestion: POLICY_KIND } }];
}

function checkRulesPresent(parsed: ParsedPolicy, root: Node & { kind: 'map' }): Finding[] {
  const pair = findPair(root, 'rules');
  if (pair?.value && pair.value.kind !== 'seq' && !(pair.value.kind === 'scalar' && pair.value.value === null)) return []; // wrong-type
  if (parsed.rules.length > 0) return [];
  const at = pair?.key ?? root.pairs[0]?.key ?? root;
  return [{ code: 'no-rules', start: at.start, end: at.end, path: 'rules', message: `${REFUSE} loaded illegal policy with 0 rules. Add at least one rule, such as a catch-all \`- level: Metadata\`.` }];
}

function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

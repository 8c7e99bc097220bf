// verb-not-served: a verb that none of the rule's resources serves at the target version, as the
// generated catalogue says (the verbs each release publishes for each resource and subresource).
// kube-apiserver still gives such a request its verb and audits it (the request-info resolver and
// WithAudit run before the handler, k8s.io/apiserver pkg/server/config.go DefaultBuildHandlerChain),
// then refuses it (405 Method Not Allowed, or 404): `watch` on tokenreviews matches only refused
// requests. On a subresource, list and deletecollection match nothing at all: the resolver
// (pkg/endpoints/request/requestinfo.go) gives them only to requests without an object name, and a
// subresource always follows one (watch can: the deprecated /watch/ path prefix keeps the name).
// A warning: the verb does not select what the rule means to record.
//
// Judged only when every resource of the rule is named exactly in a built-in group whose verbs the
// catalogue knows at that version: wildcards, missing `resources`, CRDs and unknowns are left alone.
import { resourceStatus, servedVerbs, subresourceStatus, verbStatus } from '../../catalogue/apiResources';
import { RESOURCE_VERBS } from '../../catalogue/values';
import { formatMinor } from '../../catalogue/versions';
import type { Node } from '../../parse/model';
import type { Finding } from '../../decode/finding';
import { FieldsView } from '../../decode/fields';
import { decodeRule } from '../../decode/decode';
import type { DecodedRule } from '../../decode/decode';
import { patternShape } from '../subsumes';

const NAMELESS = new Set(['list', 'deletecollection']);
const JUDGED = new Set(RESOURCE_VERBS.map((v) => v.value).filter((v) => v !== 'proxy'));

interface Target {
  readonly group: string;
  readonly resource: string;
  readonly sub: string;
}

export function checkVerbNotServed(node: Node, minor: number): Finding[] {
  if (node.kind !== 'map') return [];
  const rule = decodeRule(node);
  if (!rule.decodable || rule.verbs.length === 0) return [];
  const targets = targetsOf(rule.resources, minor);
  if (!targets || targets.length === 0) return [];
  const out: Finding[] = [];
  for (const { node: item, value: verb, index } of new FieldsView(node).strings('verbs')) {
    if (!JUDGED.has(verb)) continue;
    const refused = (t: Target): boolean => verbStatus(t.group, t.resource, t.sub, verb, minor) === 'not-served';
    if (!targets.every(refused)) continue;
    const path = `verbs[${index}]`;
    const text = message(verb, targets, minor);
    out.push({ code: 'verb-not-served', start: item.start, end: item.end, path, message: text });
  }
  return out;
}

/** The resources the rule names, each served at this minor; undefined when any cannot be judged. */
function targetsOf(entries: DecodedRule['resources'], minor: number): Target[] | undefined {
  const targets: Target[] = [];
  for (const entry of entries) {
    if (entry.resources.length === 0) return undefined; // every resource of the group
    for (const value of entry.resources) {
      const shape = patternShape(value);
      if (shape.kind !== 'exact') return undefined;
      const resource = resourceStatus(entry.group, shape.resource, minor);
      if (resource === 'not-served') continue; // resource-not-in-group or group-not-served says so
      if (resource !== 'served') return undefined;
      if (shape.sub !== '') {
        const sub = subresourceStatus(entry.group, shape.resource, shape.sub, minor);
        if (sub === 'not-served') continue; // unknown-subresource says so
        if (sub !== 'served') return undefined;
      }
      targets.push({ group: entry.group, resource: shape.resource, sub: shape.sub });
    }
  }
  return targets;
}

function message(verb: string, targets: readonly Target[], minor: number): string {
  const names = targets.map((t) => `\`${t.sub ? `${t.resource}/${t.sub}` : t.resource}\``);
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  if (NAMELESS.has(verb) && targets.every((t) => t.sub !== '')) {
    return (
      `No request to ${listed} carries \`${verb}\`: kube-apiserver gives \`${verb}\` only to requests ` +
      'without an object name, and a subresource always follows one (requestinfo.go), so it never matches here.'
    );
  }
  const verbsOf = (t: Target): string => servedVerbs(t.group, t.resource, t.sub, minor).join(', ') || 'none';
  const served = targets.map((t) => `${t.sub ? `${t.resource}/${t.sub}` : t.resource}: ${verbsOf(t)}`).join('; ');
  return (
    `Kubernetes ${formatMinor(minor)} does not serve \`${verb}\` on ${listed} (${served}): such requests are ` +
    'refused, but audited all the same, so this verb matches only requests the server refuses.'
  );
}

// kube-apiserver's text audit format, `--audit-log-format=legacy`: one line per event, written by
// EventString (k8s.io/apiserver pkg/audit/format.go):
//   <requestReceivedTimestamp> AUDIT: id="…" stage="…" ip="…" method="<verb>" user="…" groups="…"
//   as="…" asgroups="…" user-agent="…" namespace="…" uri="…" response="…"
// each value quoted with Go's %q, `groups` a comma-separated list of %q-quoted groups, `<none>`
// for no user (then no groups), `<self>` when nobody is impersonated, `<deferred>` before a response.
// The line records no level, no bodies and no objectRef beyond its namespace: the resource, group,
// version, subresource and name are what kube-apiserver's resolver reads from the URI again
// (engine/requestInfo.ts), which is where the checker's attributes came from. The event made from
// the line is recorded at Metadata, the most a line without bodies can hold.
import { VERB_METHODS, resolveRequestInfo } from '../engine/requestInfo';

const MARKER = ' AUDIT: ';

/** Where ` AUDIT: ` is in the line's first bytes (after the timestamp), else -1. */
export function legacyMarker(b: Uint8Array): number {
  const limit = Math.min(b.length - MARKER.length, 64);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < MARKER.length; j++) if (b[i + j] !== MARKER.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** Go's strconv.Quote output (with its quotes) as the string it quotes. */
function unquote(quoted: string): string {
  const json = quoted
    .replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => `\\u00${h}`)
    .replace(/\\U([0-9a-fA-F]{8})/g, (_m, h: string) =>
      String.fromCodePoint(parseInt(h, 16))
        .split('')
        .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .join(''),
    )
    .replace(/\\a/g, '\\u0007')
    .replace(/\\v/g, '\\u000b')
    .replace(/\\'/g, "'");
  return JSON.parse(json) as string;
}

/**
 * The audit.k8s.io/v1 Event of a legacy line, as JSON text; `at` is where ` AUDIT: ` starts.
 * Throws Error with the reason when the line does not say a request.
 */
export function eventOfLegacyLine(line: string, at: number): string {
  const fields = new Map<string, string>();
  const pair = /([a-z-]+)=("(?:[^"\\]|\\.)*")/g;
  for (let m = pair.exec(line); m !== null; m = pair.exec(line)) fields.set(m[1], unquote(m[2]));
  const verb = fields.get('method');
  const uri = fields.get('uri');
  const stage = fields.get('stage');
  if (verb === undefined || uri === undefined)
    throw new Error('a text audit line (--audit-log-format=legacy) without method and uri');
  if (stage === undefined)
    throw new Error('a text audit line without a stage (the request or response line of Kubernetes 1.6 and older)');
  const username = fields.get('user') ?? '<none>';
  const groupsText = fields.get('groups') ?? '<none>';
  const groups = groupsText === '<none>' ? [] : (JSON.parse(`[${groupsText}]`) as string[]);
  const info = resolveRequestInfo(VERB_METHODS.get(verb) ?? 'POST', uri);
  const namespace = fields.get('namespace') ?? '<none>';
  const objectRef = info.resourceRequest
    ? {
        resource: info.resource,
        namespace: namespace === '<none>' ? undefined : namespace,
        name: info.name || undefined,
        apiGroup: info.apiGroup || undefined,
        apiVersion: info.apiVersion,
        subresource: info.subresource || undefined,
      }
    : undefined;
  const response = fields.get('response');
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: fields.get('id') ?? '',
    stage,
    requestURI: uri,
    verb,
    user: username === '<none>' ? {} : { username, groups },
    sourceIPs: fields.has('ip') && fields.get('ip') !== '<unknown>' ? [fields.get('ip')] : undefined,
    userAgent: fields.get('user-agent'),
    objectRef,
    responseStatus: response && /^\d+$/.test(response) ? { metadata: {}, code: Number(response) } : undefined,
    requestReceivedTimestamp: line.slice(0, at).trim().split(' ').pop(),
  });
}

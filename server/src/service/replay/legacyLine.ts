// kube-apiserver's text audit format, one line per event or per half of a request:
// - `--audit-log-format=legacy` (Kubernetes 1.8 and later), written by EventString
//   (k8s.io/apiserver pkg/audit/format.go):
//     <requestReceivedTimestamp> AUDIT: id="…" stage="…" ip="…" method="<verb>" user="…" groups="…"
//     as="…" asgroups="…" user-agent="…" namespace="…" uri="…" response="…"
// - the only audit log of Kubernetes 1.6 and 1.7 (WithLegacyAudit, k8s.io/apiserver
//   pkg/endpoints/filters/legacy_audit.go): two lines per request, a request line when it arrives
//     <time> AUDIT: id="…" ip="…" method="<HTTP method>" user="…" groups="…" as="…" asgroups="…"
//     namespace="…" uri="…"
//   and a response line when its status is written, `<time> AUDIT: id="…" response="<code>"`.
// Each value is quoted with Go's %q; `groups` and `asgroups` are comma-separated lists of
// %q-quoted names; `<none>` for no user (then no groups) or no namespace, `<self>` when nobody is
// impersonated, `<lookup>` for impersonated groups not given, `<deferred>` before a response.
// The lines record no level, no bodies and no objectRef beyond its namespace: the resource, group,
// version, subresource and name (and for 1.7, the verb) are what kube-apiserver's resolver reads
// from the method and URI again (engine/requestInfo.ts), which is where the checker's attributes
// came from. The event made from a line is recorded at Metadata, the most a line without bodies can
// hold. A 1.7 request is two events, as a newer kube-apiserver logs it: RequestReceived at its
// request line, and ResponseComplete at its response line, made from the request line of its id.
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
  const fields = fieldsOf(line);
  const verb = fields.get('method');
  const uri = fields.get('uri');
  const stage = fields.get('stage');
  if (verb === undefined || uri === undefined)
    throw new Error('a text audit line (--audit-log-format=legacy) without method and uri');
  if (stage === undefined) throw new Error('a text audit line without a stage (Kubernetes 1.7 and older: LegacyLines)');
  return eventOf(fields, line.slice(0, at), stage, verb, VERB_METHODS.get(verb) ?? 'POST', uri);
}

/** A list as auditStringSlice writes it: names quoted with %q, joined with `,`; `none` for none. */
function names(text: string | undefined, none: string): string[] | undefined {
  if (text === undefined || text === none) return undefined;
  return [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => unquote(m[0]));
}

/** The time a line starts with (RFC 3339), after any prefix before it. */
const timeOf = (head: string): string | undefined => head.trim().split(' ').pop() || undefined;

/** The event of a request's fields: its stage, verb, and the HTTP method and URI it is resolved from. */
function eventOf(
  fields: Map<string, string>,
  head: string,
  stage: string,
  verb: string,
  method: string,
  uri: string,
  response = fields.get('response'),
  stageTime?: string,
): string {
  const username = fields.get('user') ?? '<none>';
  const groups = names(fields.get('groups'), '<none>') ?? [];
  const as = fields.get('as');
  const info = resolveRequestInfo(method, uri);
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
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: fields.get('id') ?? '',
    stage,
    requestURI: uri,
    verb,
    user: username === '<none>' ? {} : { username, groups },
    impersonatedUser:
      as === undefined || as === '<self>'
        ? undefined
        : { username: as, groups: names(fields.get('asgroups'), '<lookup>') },
    sourceIPs: fields.has('ip') && fields.get('ip') !== '<unknown>' ? [fields.get('ip')] : undefined,
    userAgent: fields.get('user-agent'),
    objectRef,
    responseStatus: response && /^\d+$/.test(response) ? { metadata: {}, code: Number(response) } : undefined,
    requestReceivedTimestamp: timeOf(head),
    stageTimestamp: stageTime,
  });
}

/** The fields of a text line after ` AUDIT: `, each value unquoted. */
function fieldsOf(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const pair = /([a-z-]+)=("(?:[^"\\]|\\.)*")/g;
  for (let m = pair.exec(line); m !== null; m = pair.exec(line)) fields.set(m[1], unquote(m[2]));
  return fields;
}

/** How many 1.7 requests wait for their response line at most (a watch may wait for hours). */
const MAX_WAITING = 100_000;

/**
 * The text lines of one file, read in order: a 1.7 response line is made into an event from the
 * request line of its id, kept until then.
 */
export class LegacyLines {
  private readonly waiting = new Map<string, { fields: Map<string, string>; head: string }>();

  /** The event of a line (eventOfLegacyLine's contract), `at` where ` AUDIT: ` starts. */
  event(line: string, at: number): string {
    const fields = fieldsOf(line);
    if (fields.has('stage')) return eventOfLegacyLine(line, at);
    const head = line.slice(0, at);
    const id = fields.get('id') ?? '';
    const method = fields.get('method');
    const uri = fields.get('uri');
    if (method !== undefined && uri !== undefined) {
      if (this.waiting.size >= MAX_WAITING) this.waiting.delete(this.waiting.keys().next().value!);
      this.waiting.set(id, { fields, head });
      const verb = resolveRequestInfo(method, uri).verb;
      return eventOf(fields, head, 'RequestReceived', verb, method, uri, undefined);
    }
    const response = fields.get('response');
    if (response === undefined) throw new Error('a text audit line (--audit-log-format=legacy) without method and uri');
    const request = this.waiting.get(id);
    if (request === undefined)
      throw new Error(
        `the response line of a request (id "${id.slice(0, 60)}") whose request line this log does not hold`,
      );
    this.waiting.delete(id);
    const [requestMethod, requestUri] = [request.fields.get('method')!, request.fields.get('uri')!];
    const verb = resolveRequestInfo(requestMethod, requestUri).verb;
    return eventOf(
      request.fields,
      request.head,
      'ResponseComplete',
      verb,
      requestMethod,
      requestUri,
      response,
      timeOf(head),
    );
  }
}

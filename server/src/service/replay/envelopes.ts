// A log shipper's envelope around events: an object that is no event, batch or AKS record. Fluent
// Bit and Fluentd (`log`), Vector (`message`), CloudWatch (`@message`; `events[].message` from `aws
// logs filter-log-events`, `logEvents[].message` from a subscription), Log Analytics (`log_s`), Loki
// (`line`, or `data.result[].values[][1]`), Elasticsearch (`hits.hits[]._source`; ECS's
// `event.original` before the parsed copy, `kubernetes.audit` for Elastic's integration), journald
// (`MESSAGE`), Cloud Logging (`jsonPayload`), a member holding the event base64-encoded, gzipped or
// not (encodedMembers.ts: CloudWatch to Lambda or Kinesis, Pub/Sub)... and a row of Log Analytics' AKSAudit table
// (aksAuditTable.ts), whose columns are the event's fields.
import { AKS_AUDIT_COLUMNS, eventOfAksAuditRow } from './aksAuditTable';
import { MAX_CONTAINER_DEPTH, inside } from './containerSink';
import type { NestedReader, ScannedSink } from './containerSink';
import { decodeEncoded, opensLikeEncoded } from './encodedMembers';
import { NotAnEvent } from './eventFields';
import { forEachElement, forEachMember, JsonSyntaxError, KeyTable, skipSpace, unescapeString } from './jsonScan';
import { criLine } from './lineText';
import type { Slots } from './memberSlots';

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/** The columns that make an object a row of Log Analytics' AKSAudit table (aksAuditTable.ts). */
const ROW_KEYS = new KeyTable(AKS_AUDIT_COLUMNS);

/** Why an envelope held no event when none of its members even looked like one. */
export const NO_EVENT_INSIDE = 'not an audit event: no "verb", and no member holds an event';

/** Forwards events as they come and keeps the rest, while an envelope's member is tried. */
class Probe implements ScannedSink {
  events = 0;
  readonly bads: Array<[string, string | undefined]> = [];

  constructor(private readonly sink: ScannedSink) {}

  event(b: Uint8Array, s: Slots, bytes: number): void {
    this.sink.event(b, s, bytes); // throws when it is not an event after all: not counted
    this.events++;
  }

  bad(reason: string, where?: string): void {
    this.bads.push([reason, where]);
  }

  cloudEntry(): void {
    this.sink.cloudEntry?.();
  }
}

/** What a value inside an envelope is read with: where its events go, its place, its depth. */
interface At {
  readonly sink: ScannedSink;
  readonly where: string;
  readonly depth: number;
  readonly read: NestedReader;
}

/** A value one level further in, at `where`, its events going to `sink`. */
const deeper = (at: At, where: string, sink = at.sink): At => ({ ...at, sink, where, depth: at.depth + 1 });

/** The text of a JSON string at [start, end) (quotes included), cut to a length a message can hold. */
function nameText(b: Uint8Array, start: number, end: number): string {
  const text = utf8.decode(b.subarray(start + 1, end - 1));
  return (text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text).slice(0, 60);
}

/**
 * The envelope at `start`. Members are tried in order, an event held as an object or as a JSON
 * string; the first member that holds events is read and the rest, the shipper's own fields, are
 * not, so a record that keeps both the raw line and its parsed copy counts once. True when a member
 * held events; otherwise why the likeliest one did not ('' when no member looked like one).
 */
export function decodeEnvelope(
  b: Uint8Array,
  start: number,
  sink: ScannedSink,
  where: string,
  depth: number,
  read: NestedReader,
): true | string {
  if (depth >= MAX_CONTAINER_DEPTH) return `containers nested deeper than ${MAX_CONTAINER_DEPTH}`;
  const members: number[] = [];
  let rowColumns = 0;
  let original: [number, number] | undefined;
  let messageLeftOut = false;
  const end = forEachMember(b, start, (keyStart, keyEnd, valueStart, valueEnd) => {
    if (ROW_KEYS.find(b, keyStart, keyEnd) !== -1) rowColumns++;
    if (b[valueStart] === 0x6e && JOURNAL_MESSAGE.find(b, keyStart, keyEnd) === 0) messageLeftOut = true; // null
    original ??= ecsOriginal(b, keyStart, keyEnd, valueStart, valueEnd);
    const c = b[valueStart];
    if (c === 0x7b || c === 0x5b || (c === 0x22 && holdsText(b, valueStart, valueEnd)))
      members.push(keyStart, keyEnd, valueStart, valueEnd);
  });
  if (rowColumns === ROW_KEYS.keys.length) {
    // A row of Log Analytics' AKSAudit table: the event's fields as columns.
    const row = JSON.parse(utf8.decode(b.subarray(start, end))) as Record<string, unknown>;
    const bytes = encoder.encode(eventOfAksAuditRow(row));
    read.value(bytes, 0, bytes.length + 1, sink, where, depth + 1);
    return true;
  }
  const at: At = { sink, where, depth, read };
  if (original && tryMember(b, original[0], original[1], deeper(at, inside(where, 'event.original'))) === true)
    return true;
  const held = firstHolding(b, members, at);
  return held === '' && messageLeftOut ? JOURNAL_NULL : held;
}

const JOURNAL_MESSAGE = new KeyTable(['MESSAGE']);
/**
 * `journalctl -o json` writes a field longer than 4096 bytes as null unless given --all (man
 * journalctl, --output=json): an event with bodies is most often that long.
 */
const JOURNAL_NULL =
  'MESSAGE is null, as journalctl -o json writes a field longer than 4096 bytes; export with journalctl --all -o json';

const ECS_EVENT = new KeyTable(['event', 'event.original']);
const ORIGINAL = new KeyTable(['original']);

/**
 * The [start, end) of ECS's `event.original` when the member at hand is it (`"event": {"original":
 * "..."}`, or the dotted `"event.original": "..."`) and it may hold an event's text: the line as the
 * shipper read it, which Elastic's Kubernetes integration keeps (tag `preserve_original_event`) beside
 * `kubernetes.audit`, its parsed copy with keys sorted, annotation keys changed and bodies' metadata
 * dropped. Read first, so the event is the one kube-apiserver wrote and is sized as its line.
 * https://www.elastic.co/guide/en/ecs/current/ecs-event.html#field-event-original
 */
function ecsOriginal(
  b: Uint8Array,
  keyStart: number,
  keyEnd: number,
  valueStart: number,
  valueEnd: number,
): [number, number] | undefined {
  const key = ECS_EVENT.find(b, keyStart, keyEnd);
  if (key === 1)
    return b[valueStart] === 0x22 && holdsText(b, valueStart, valueEnd) ? [valueStart, valueEnd] : undefined;
  if (key !== 0 || b[valueStart] !== 0x7b) return undefined;
  let found: [number, number] | undefined;
  forEachMember(b, valueStart, (innerKeyStart, innerKeyEnd, start, end) => {
    if (ORIGINAL.find(b, innerKeyStart, innerKeyEnd) === 0 && b[start] === 0x22 && holdsText(b, start, end))
      found = [start, end];
  });
  return found;
}

/**
 * Tries the members in order (each a name's and a value's [start, end), the name a JSON string)
 * and reads the first that holds events: true then; otherwise why the likeliest did not, or ''.
 */
function firstHolding(b: Uint8Array, members: readonly number[], at: At): true | string {
  let why = '';
  for (let m = 0; m < members.length; m += 4) {
    const here = inside(at.where, nameText(b, members[m], members[m + 1]));
    const held = tryMember(b, members[m + 2], members[m + 3], deeper(at, here));
    if (held === true) return true;
    if (why === '') why = held;
  }
  return why;
}

/**
 * Reads one member of an envelope, kept apart until it is known to hold events: true when it does
 * (and then its items that are not events are reported too); otherwise why not ('' when nothing in
 * it even looked like an event).
 */
function tryMember(b: Uint8Array, start: number, end: number, at: At): true | string {
  const probe = new Probe(at.sink);
  decodeWrapped(b, start, end, { ...at, sink: probe });
  if (probe.events > 0) {
    for (const [reason, where] of probe.bads) at.sink.bad(reason, where);
    return true;
  }
  const telling = probe.bads.find(([reason]) => reason !== NO_EVENT_INSIDE);
  return telling ? whyNot(telling[0], telling[1]) : '';
}

const FIELD_KEYS = new KeyTable(['field', 'value']);

/**
 * A row of CloudWatch Logs Insights results (`aws logs get-query-results`: `results` is a list of
 * rows, each a list of `{"field": "@message", "value": "..."}`): read as an envelope whose members
 * are the fields, so the row is one event and its other fields (`@timestamp`, `@ptr`) are the
 * store's. False when the list at `start` is not such a row.
 */
function decodeFieldRow(b: Uint8Array, start: number, at: At): boolean {
  const fields: number[] = [];
  let row = true;
  forEachElement(b, start, (s) => {
    if (!row || b[s] !== 0x7b) return void (row = false);
    const field = [-1, -1, -1, -1];
    forEachMember(b, s, (keyStart, keyEnd, start, end) => {
      const key = FIELD_KEYS.find(b, keyStart, keyEnd);
      if (key === 0 && b[start] === 0x22) [field[0], field[1]] = [start, end];
      else if (key === 1) [field[2], field[3]] = [start, end];
      else row = false;
    });
    if (field.includes(-1)) row = false;
    else fields.push(...field);
  });
  if (!row || fields.length === 0) return false;
  const held = firstHolding(b, fields, at);
  if (held !== true) at.sink.bad(`${NO_EVENT_INSIDE}${held && ` (${held})`}`, at.where);
  return true;
}

/** Why a member held no event; an envelope inside it says its own member's reason, with its place. */
function whyNot(reason: string, where: string | undefined): string {
  const opening = `${NO_EVENT_INSIDE} (`;
  if (reason.startsWith(opening)) return reason.slice(opening.length, -1);
  return where ? `${where}: ${reason}` : reason;
}

/**
 * A value inside an envelope: an object is read as any object is (an event, a batch, another
 * envelope); an array's elements one by one; a string when it holds JSON (the event as the shipper
 * took it from kube-apiserver's output, maybe after a CRI prefix); anything else is the shipper's.
 */
function decodeWrapped(b: Uint8Array, start: number, end: number, at: At): void {
  const c = b[start];
  if (c === 0x7b) at.read.value(b, start, end - start + 1, at.sink, at.where, at.depth);
  else if (c === 0x5b) {
    if (at.depth > MAX_CONTAINER_DEPTH || decodeFieldRow(b, start, at)) return;
    let i = 0;
    forEachElement(b, start, (s, e) => decodeWrapped(b, s, e, deeper(at, `${at.where}[${i++}]`)));
  } else if (c === 0x22) decodeEmbedded(b, start, end, at);
}

/**
 * A JSON string whose text, or the text its base64 encodes, is an event's line (or a batch's):
 * sized as that line with its newline.
 */
function decodeEmbedded(b: Uint8Array, start: number, end: number, at: At): void {
  let body: Uint8Array;
  if (opensLikeJson(b, start, end)) {
    try {
      body = unescapeString(b, start, end);
    } catch {
      return;
    }
  } else if (opensLikeEncoded(b, start, end)) {
    try {
      body = decodeEncoded(b, start, end);
    } catch (error) {
      if (error instanceof NotAnEvent) at.sink.bad(error.message, at.where);
      else throw error;
      return;
    }
  } else return;
  if (body[body.length - 1] === 0x0a) body = body.subarray(0, body.length - 1);
  const cri = criLine(body);
  if (cri) body = body.subarray(cri.contentStart);
  const first = skipSpace(body, 0);
  if (body[first] !== 0x7b && body[first] !== 0x5b) return; // a number: a time, say
  try {
    at.read.line(body, body.length + 1, at.sink, at.where, at.depth);
  } catch (error) {
    if (error instanceof JsonSyntaxError) at.sink.bad(`not JSON: ${error.message}`, at.where);
    else throw error;
  }
}

/** Whether the JSON string at [start, end) may hold an event's text, as it is or base64-encoded. */
const holdsText = (b: Uint8Array, start: number, end: number): boolean =>
  opensLikeJson(b, start, end) || opensLikeEncoded(b, start, end);

/**
 * Whether the JSON string at [start, end) opens like JSON (`{` or `[`, after spaces and escaped
 * newlines) or a CRI line (a digit): only those are decoded, the others are a shipper's own text,
 * and an envelope has many of them.
 */
function opensLikeJson(b: Uint8Array, start: number, end: number): boolean {
  let p = start + 1;
  while (p < end - 1 && (b[p] === 0x20 || (b[p] === 0x5c && b[p + 1] === 0x6e))) p += b[p] === 0x20 ? 1 : 2;
  return b[p] === 0x7b || b[p] === 0x5b || (b[p] >= 0x30 && b[p] <= 0x39);
}

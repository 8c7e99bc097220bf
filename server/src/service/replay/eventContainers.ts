// What replay reads from one audit event, and the shapes events come in: a log backend line (one
// Event), a webhook EventList batch, an AKS diagnostic record whose `properties.log` holds the
// event as a string or an object, `{"records": [...]}` as Azure exports them, a JSON array of any
// of these, objects one after another on a line, a shipper's envelope around any of these (a
// member holding it as an object or a JSON string), a GKE Cloud Audit Log entry
// (cloudAuditLog.ts) and a row of Log Analytics' AKSAudit table (aksAuditTable.ts). Text around
// the JSON on a line is eventLines.ts's. docs/REPLAY.md says why each field is read as it is.
import { AKS_AUDIT_COLUMNS, eventOfAksAuditRow } from './aksAuditTable';
import { eventOfCloudEntry, kubernetesAuditPayload } from './cloudAuditLog';
import { eventOf, NotAnEvent, stringField } from './eventFields';
import type { AuditEvent } from './eventFields';
import { criLine } from './lineText';
import {
  forEachElement,
  forEachMember,
  JsonSyntaxError,
  KeyTable,
  skipSpace,
  skipValue,
  unescapeString,
} from './jsonScan';
import { has, K, KEYS, scanObject, SLOTS, value } from './memberSlots';
import type { Slots } from './memberSlots';

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

export interface LineSink {
  event(event: AuditEvent): void;
  /** An item of the line that is not an event; `where` names it inside a batch ("items[3]"). */
  bad(reason: string, where?: string): void;
}

/** A LineSink that takes each event as its scanned members, to decode only what it needs. */
export interface ScannedSink {
  /** `s` is valid during the call only; `bytes` is the event's size in the input. */
  event(b: Uint8Array, s: Slots, bytes: number): void;
  bad(reason: string, where?: string): void;
  /** After an event made from a GKE Cloud Audit Log entry (cloudAuditLog.ts), which has no groups. */
  cloudEntry?(): void;
}

/**
 * Reads one line: `lineBytes` is its size in the input (with its newline), the size of the event
 * when the line is one event. A line that is not JSON throws JsonSyntaxError; items of a batch that
 * are not events are reported to the sink one by one and the rest is read.
 */
export function decodeLine(b: Uint8Array, lineBytes: number, sink: LineSink): void {
  scanLine(b, lineBytes, {
    event: (bytes, s, size) => sink.event(eventOf(bytes, s, size)),
    bad: (reason, where) => sink.bad(reason, where),
  });
}

/** decodeLine, handing over each event's scanned members instead of the decoded event. */
export function scanLine(b: Uint8Array, lineBytes: number, sink: ScannedSink, where = '', depth = 0): void {
  const start = skipSpace(b, 0);
  if (start === b.length) throw new JsonSyntaxError('an empty line');
  if (b[start] === 0x7b) {
    // The usual line, one object: crossed once, its grammar checked as its members are found.
    const end = scanObject(b, start);
    if (skipSpace(b, end) === b.length) return decodeScanned(b, start, lineBytes, sink, where, depth);
    if (b[skipSpace(b, end)] !== 0x7b)
      throw new JsonSyntaxError(`text after the JSON value at byte ${skipSpace(b, end)}`);
    return concatenated(b, start, sink, where, depth);
  }
  const end = skipValue(b, start);
  if (skipSpace(b, end) !== b.length)
    throw new JsonSyntaxError(`text after the JSON value at byte ${skipSpace(b, end)}`);
  decodeValue(b, start, lineBytes, sink, where, depth);
}

/**
 * Objects one after another on a line, as Kinesis Data Firehose writes CloudWatch Logs records to S3
 * (no separator). Every one is checked before any is read, so a line that is not JSON throws having
 * handed nothing over; each is sized as its own line with a newline.
 */
function concatenated(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  const starts: number[] = [];
  for (let p = start; p < b.length; p = skipSpace(b, p)) {
    if (b[p] !== 0x7b) throw new JsonSyntaxError(`text after the JSON value at byte ${p}`);
    starts.push(p, (p = skipValue(b, p)));
  }
  for (let i = 0; i < starts.length; i += 2) {
    decodeValue(b, starts[i], starts[i + 1] - starts[i] + 1, sink, `${where}[${i / 2}]`, depth + 1);
  }
}

/**
 * How deep containers may nest around an event: a batch in an array, an envelope in an envelope (a
 * Loki answer holds its lines four deep). Each level crosses what it holds once more, so the bound
 * also bounds the work a hostile line can cause.
 */
const MAX_CONTAINER_DEPTH = 6;

function decodeValue(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth = 0): void {
  try {
    if (depth > MAX_CONTAINER_DEPTH)
      throw new NotAnEvent(`not an audit event: containers nested deeper than ${MAX_CONTAINER_DEPTH}`);
    if (b[start] === 0x5b) {
      let i = 0;
      forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`, depth + 1));
      return;
    }
    if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: not a JSON object');
    scanObject(b, start);
  } catch (error) {
    if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError)
      sink.bad(error.message, where || undefined);
    else throw error;
    return;
  }
  decodeScanned(b, start, bytes, sink, where, depth);
}

const inside = (where: string, inner: string): string => (where ? `${where}.${inner}` : inner);

/**
 * Members only an audit event (or another Kubernetes object: `kind`, `apiVersion`) has: an object
 * holding one is a broken event or no event, never a shipper's envelope.
 */
const EVENT_ONLY = [K.auditID, K.requestURI, K.stage, K.kind, K.apiVersion];

/** The columns that make an object a row of Log Analytics' AKSAudit table (aksAuditTable.ts). */
const ROW_KEYS = new KeyTable(AKS_AUDIT_COLUMNS);

/** Why an envelope held no event when none of its members even looked like one. */
const NO_EVENT_INSIDE = 'not an audit event: no "verb", and no member holds an event';

/**
 * The object at `start`, whose members SLOTS holds: an event, a batch of them, an AKS record, or
 * an envelope around one (decodeEnvelope).
 */
function decodeScanned(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth = 0): void {
  const s = SLOTS;
  try {
    if (has(s, K.verb)) sink.event(b, s, bytes);
    else if (has(s, K.items)) {
      const kind = stringField(b, s, K.kind, false);
      if (kind !== '' && kind !== 'EventList') throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
      decodeList(b, s[K.items * 3 + 1], sink, inside(where, 'items'), depth);
    } else if (has(s, K.records)) decodeList(b, s[K.records * 3 + 1], sink, inside(where, 'records'), depth);
    else if (has(s, K.properties) && b[s[K.properties * 3 + 1]] === 0x7b && propertiesHoldLog(b, s))
      decodeRecord(b, s[K.properties * 3 + 1], sink, inside(where, 'properties.log'), depth);
    else if (has(s, K.protoPayload) || has(s, K.protopayloadAuditlog)) decodeCloudEntry(b, start, sink, where, depth);
    else if (EVENT_ONLY.some((k) => has(s, k)))
      sink.event(b, s, bytes); // says which required field is missing
    else {
      const found = decodeEnvelope(b, start, sink, where, depth);
      if (found !== true) throw new NotAnEvent(`${NO_EVENT_INSIDE}${found && ` (${found})`}`);
    }
  } catch (error) {
    if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError)
      sink.bad(error.message, where || undefined);
    else throw error;
  }
}

/** Whether the `properties` object of the scanned object has a `log` member (an AKS record). */
function propertiesHoldLog(b: Uint8Array, s: Slots): boolean {
  let found = false;
  forEachMember(b, s[K.properties * 3 + 1], (keyStart, keyEnd) => {
    if (KEYS.find(b, keyStart, keyEnd) === K.log) found = true;
  });
  return found;
}

function decodeList(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth = 0): void {
  if (b[start] !== 0x5b) throw new NotAnEvent(`not an audit event: "${where}" is not a list`);
  let i = 0;
  forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`, depth + 1));
}

/** An AKS diagnostic record: `properties.log` is the event, as a JSON string (usually) or an object. */
function decodeRecord(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  if (b[start] !== 0x7b) throw new NotAnEvent('not an audit event: "properties" is not an object');
  scanObject(b, start);
  const s = SLOTS;
  if (!has(s, K.log)) throw new NotAnEvent('not an audit event: a record without "properties.log"');
  const logStart = s[K.log * 3 + 1];
  if (b[logStart] === 0x7b) {
    decodeValue(b, logStart, s[K.log * 3 + 2] - logStart + 1, sink, where, depth + 1);
    return;
  }
  const inner = value(b, s, K.log);
  if (typeof inner !== 'string')
    throw new NotAnEvent('not an audit event: "properties.log" is neither a string nor an object');
  // The apiserver's line, newline included, as the AKS agent captured it.
  const bytes = encoder.encode(inner.endsWith('\n') ? inner : `${inner}\n`);
  const body = bytes.subarray(0, bytes.length - 1);
  const first = skipSpace(body, 0);
  const end = skipValue(body, first);
  if (skipSpace(body, end) !== body.length) throw new JsonSyntaxError(`text after the event in "${where}"`);
  decodeValue(body, first, bytes.length, sink, where, depth + 1);
}

/** A GKE Cloud Audit Log entry: the Event kube-apiserver wrote, made again from it (cloudAuditLog.ts). */
function decodeCloudEntry(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  const entry = JSON.parse(utf8.decode(b.subarray(start, skipValue(b, start)))) as Record<string, unknown>;
  const payload = kubernetesAuditPayload(entry);
  if (payload === undefined) throw new NotAnEvent('not an audit event: a Cloud Logging entry of another service');
  let text: string;
  try {
    text = eventOfCloudEntry(entry, payload);
  } catch (error) {
    throw new NotAnEvent(`not an audit event: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = encoder.encode(text);
  const counted: ScannedSink = {
    event: (e, s, n) => {
      sink.event(e, s, n);
      sink.cloudEntry?.();
    },
    bad: (reason, at) => sink.bad(reason, at),
  };
  decodeValue(bytes, 0, bytes.length + 1, counted, where, depth + 1);
}

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

function keyText(b: Uint8Array, keyStart: number, keyEnd: number): string {
  const text = utf8.decode(b.subarray(keyStart + 1, keyEnd - 1));
  return (text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text).slice(0, 60);
}

/**
 * An object that is no event, batch or AKS record: a log shipper's envelope around events. Fluent
 * Bit and Fluentd (`log`), Vector (`message`), CloudWatch (`@message`; `events[].message` from `aws
 * logs filter-log-events`, `logEvents[].message` from a subscription), Log Analytics (`log_s`), Loki
 * (`line`, or `data.result[].values[][1]`), Elasticsearch (`hits.hits[]._source`), journald
 * (`MESSAGE`), Cloud Logging (`jsonPayload`)... Members are tried in order, an event held as an
 * object or as a JSON string; the first member that holds events is read and the rest, the
 * shipper's own fields, are not, so a record that keeps both the raw line and its parsed copy counts
 * once. True when a member held events; otherwise why the likeliest one did not ('' when no
 * member looked like one).
 */
function decodeEnvelope(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): true | string {
  if (depth >= MAX_CONTAINER_DEPTH) return `containers nested deeper than ${MAX_CONTAINER_DEPTH}`;
  const members: number[] = [];
  let rowColumns = 0;
  const end = forEachMember(b, start, (keyStart, keyEnd, valueStart, valueEnd) => {
    if (ROW_KEYS.find(b, keyStart, keyEnd) !== -1) rowColumns++;
    const c = b[valueStart];
    if (c === 0x7b || c === 0x5b || (c === 0x22 && opensLikeJson(b, valueStart, valueEnd)))
      members.push(keyStart, keyEnd, valueStart, valueEnd);
  });
  if (rowColumns === ROW_KEYS.keys.length) {
    // A row of Log Analytics' AKSAudit table: the event's fields as columns.
    const row = JSON.parse(utf8.decode(b.subarray(start, end))) as Record<string, unknown>;
    const bytes = encoder.encode(eventOfAksAuditRow(row));
    decodeValue(bytes, 0, bytes.length + 1, sink, where, depth + 1);
    return true;
  }
  let why = '';
  for (let m = 0; m < members.length; m += 4) {
    const probe = new Probe(sink);
    const here = inside(where, keyText(b, members[m], members[m + 1]));
    decodeWrapped(b, members[m + 2], members[m + 3], probe, here, depth + 1);
    if (probe.events > 0) {
      for (const [reason, at] of probe.bads) sink.bad(reason, at);
      return true;
    }
    const telling = why === '' ? probe.bads.find(([reason]) => !reason.startsWith(NO_EVENT_INSIDE)) : undefined;
    if (telling) why = telling[1] ? `${telling[1]}: ${telling[0]}` : telling[0];
  }
  return why;
}

/**
 * A value inside an envelope: an object is read as any object is (an event, a batch, another
 * envelope); an array's elements one by one; a string when it holds JSON (the event as the shipper
 * took it from kube-apiserver's output, maybe after a CRI prefix); anything else is the shipper's.
 */
function decodeWrapped(
  b: Uint8Array,
  start: number,
  end: number,
  sink: ScannedSink,
  where: string,
  depth: number,
): void {
  const c = b[start];
  if (c === 0x7b) decodeValue(b, start, end - start + 1, sink, where, depth);
  else if (c === 0x5b) {
    if (depth > MAX_CONTAINER_DEPTH) return;
    let i = 0;
    forEachElement(b, start, (s, e) => decodeWrapped(b, s, e, sink, `${where}[${i++}]`, depth + 1));
  } else if (c === 0x22) decodeEmbedded(b, start, end, sink, where, depth);
}

/** A JSON string whose text is an event's line (or a batch's): sized as that line with its newline. */
function decodeEmbedded(
  b: Uint8Array,
  start: number,
  end: number,
  sink: ScannedSink,
  where: string,
  depth: number,
): void {
  if (!opensLikeJson(b, start, end)) return;
  let body: Uint8Array;
  try {
    body = unescapeString(b, start, end);
  } catch {
    return;
  }
  if (body[body.length - 1] === 0x0a) body = body.subarray(0, body.length - 1);
  const cri = criLine(body);
  if (cri) body = body.subarray(cri.contentStart);
  const first = skipSpace(body, 0);
  if (body[first] !== 0x7b && body[first] !== 0x5b) return; // a number: a time, say
  try {
    scanLine(body, body.length + 1, sink, where, depth);
  } catch (error) {
    if (error instanceof JsonSyntaxError) sink.bad(`not JSON: ${error.message}`, where);
    else throw error;
  }
}

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

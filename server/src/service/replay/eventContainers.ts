// The shapes events come in on a line, and which reader opens each: a log backend line (one
// Event), a webhook EventList batch (or kubectl's List), an AKS diagnostic record (aksRecord.ts), `{"records": [...]}`
// as Azure exports them, a JSON array of any of these, objects one after another on a line, a GKE
// Cloud Audit Log entry (cloudAuditLog.ts) and a shipper's envelope around any of these
// (envelopes.ts). Text around the JSON on a line is eventLines.ts's. docs/REPLAY.md says why each
// field is read as it is.
import { auditCategory, propertiesHoldLog, recordLog } from './aksRecord';
import { cloudEntryEvent } from './cloudAuditLog';
import { inside, MAX_CONTAINER_DEPTH, reportNotAnEvent } from './containerSink';
import type { LineSink, NestedReader, ScannedSink } from './containerSink';
import { decodeEnvelope, NO_EVENT_INSIDE } from './envelopes';
import { eventOf, NotAnEvent, stringField } from './eventFields';
import { forEachElement, JsonSyntaxError, skipSpace, skipValue } from './jsonScan';
import { has, K, scanObject, SLOTS } from './memberSlots';

export type { LineSink, ScannedSink } from './containerSink';

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
    reportNotAnEvent(error, sink, where);
    return;
  }
  decodeScanned(b, start, bytes, sink, where, depth);
}

/** How the containers opened here read what they hold: as any value or line is read. */
const NESTED: NestedReader = { value: decodeValue, line: scanLine };

/**
 * Members only an audit event (or another Kubernetes object: `kind`, `apiVersion`) has: an object
 * holding one is a broken event or no event, never a shipper's envelope.
 */
const EVENT_ONLY = [K.auditID, K.requestURI, K.stage, K.kind, K.apiVersion];

/** The payload of a Cloud Logging entry: as the API and BigQuery exports name it, and Log Analytics. */
const CLOUD_PAYLOADS = [K.protoPayload, K.protopayloadAuditlog, K.protoPayloadLogAnalytics];

/**
 * The object at `start`, whose members SLOTS holds: an event, a batch of them, an AKS record, a GKE
 * entry, or an envelope around one.
 */
function decodeScanned(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth = 0): void {
  const s = SLOTS;
  try {
    if (has(s, K.verb)) sink.event(b, s, bytes);
    else if (has(s, K.items)) {
      const kind = stringField(b, s, K.kind, false);
      // kubectl prints several objects as a v1 List (`-o json`), whatever their kind.
      if (kind !== '' && kind !== 'EventList' && kind !== 'List')
        throw new NotAnEvent(`not an audit event: kind "${kind.slice(0, 60)}"`);
      decodeList(b, s[K.items * 3 + 1], sink, inside(where, 'items'), depth);
    } else if (has(s, K.records)) decodeList(b, s[K.records * 3 + 1], sink, inside(where, 'records'), depth);
    else if (has(s, K.properties) && b[s[K.properties * 3 + 1]] === 0x7b && propertiesHoldLog(b, s)) {
      auditCategory(b, s);
      const at = inside(where, 'properties.log');
      const log = recordLog(b, s[K.properties * 3 + 1], at);
      decodeValue(log.b, log.start, log.bytes, sink, at, depth + 1);
    } else if (CLOUD_PAYLOADS.some((k) => has(s, k))) decodeCloudEntry(b, start, sink, where, depth);
    else if (EVENT_ONLY.some((k) => has(s, k)))
      sink.event(b, s, bytes); // says which required field is missing
    else {
      const found = decodeEnvelope(b, start, sink, where, depth, NESTED);
      if (found !== true) throw new NotAnEvent(`${NO_EVENT_INSIDE}${found && ` (${found})`}`);
    }
  } catch (error) {
    reportNotAnEvent(error, sink, where);
  }
}

function decodeList(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth = 0): void {
  if (b[start] !== 0x5b) throw new NotAnEvent(`not an audit event: "${where}" is not a list`);
  let i = 0;
  forEachElement(b, start, (s, e) => decodeValue(b, s, e - s + 1, sink, `${where}[${i++}]`, depth + 1));
}

/** A GKE Cloud Audit Log entry: the Event kube-apiserver wrote, made again from it and sized as it. */
function decodeCloudEntry(b: Uint8Array, start: number, sink: ScannedSink, where: string, depth: number): void {
  const bytes = cloudEntryEvent(b, start);
  const counted: ScannedSink = {
    event: (e, s, n) => {
      sink.event(e, s, n);
      sink.cloudEntry?.();
    },
    bad: (reason, at) => sink.bad(reason, at),
  };
  decodeValue(bytes, 0, bytes.length + 1, counted, where, depth + 1);
}

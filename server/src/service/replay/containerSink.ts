// What the readers of containers (eventContainers.ts and the containers it opens: AKS records, GKE
// entries, shippers' envelopes) hand their events to, and how deep they may go.
import { NotAnEvent } from './eventFields';
import type { AuditEvent } from './eventFields';
import { JsonSyntaxError } from './jsonScan';
import type { Slots } from './memberSlots';

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
 * How a container reads what it holds, given by eventContainers.ts to the containers it opens, so
 * that they may hold any shape again.
 */
export interface NestedReader {
  /** The JSON value at `start` in `b` (its grammar not yet checked), sized `bytes` in the input. */
  value(b: Uint8Array, start: number, bytes: number, sink: ScannedSink, where: string, depth: number): void;
  /** A whole line's text: throws JsonSyntaxError when it is not JSON. */
  line(b: Uint8Array, bytes: number, sink: ScannedSink, where: string, depth: number): void;
}

/**
 * How deep containers may nest around an event: a batch in an array, an envelope in an envelope (a
 * Loki answer holds its lines four deep, a Lambda's Kinesis event from a CloudWatch subscription
 * seven). Each level crosses what it holds once more, so the bound also bounds the work a hostile
 * line can cause.
 */
export const MAX_CONTAINER_DEPTH = 8;

/** The longest line a log is read with (the Node reader's, CRI pieces gathered into one, an event
 *  decompressed from a carrier's member): a longer one is a bad line, never held in memory. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export const inside = (where: string, inner: string): string => (where ? `${where}.${inner}` : inner);

/** Hands a reason why a value is no event to the sink; any other error is a bug and goes on up. */
export function reportNotAnEvent(error: unknown, sink: ScannedSink, where: string): void {
  if (error instanceof NotAnEvent || error instanceof JsonSyntaxError || error instanceof SyntaxError)
    sink.bad(error.message, where || undefined);
  else throw error;
}

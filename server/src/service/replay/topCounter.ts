// Counts events and bytes per value (user, verb, resource, request kind) in bounded memory: a
// hostile log can carry millions of distinct user names, so values are cut short and, past a
// fixed number of distinct values, the rest is counted together as "others".

export const MAX_VALUE_LENGTH = 120;
export const MAX_DISTINCT = 1000;

export interface Count {
  readonly value: string;
  readonly events: number;
  readonly bytes: number;
}

/** A value from a log, cut to a length a report can show (the cut is marked with an ellipsis). */
export function cut(value: string, max = MAX_VALUE_LENGTH): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/** The running count of one value; the counter's `others` for values past the limit. */
export interface CountSlot {
  events: number;
  bytes: number;
}

export class TopCounter {
  private readonly counts = new Map<string, CountSlot>();
  /** Values that came after MAX_DISTINCT others, counted together. */
  readonly others: CountSlot = { events: 0, bytes: 0 };

  get otherEvents(): number {
    return this.others.events;
  }

  get otherBytes(): number {
    return this.others.bytes;
  }

  add(value: string, bytes: number): void {
    const slot = this.slot(value);
    slot.events++;
    slot.bytes += bytes;
  }

  /**
   * Where `value` is counted, made (with nothing counted) if the counter has room, else `others`.
   * Counting into a slot later is the same as add(): a value the map has stays, and the map only
   * grows, so a value sent to `others` once always is.
   */
  slot(value: string): CountSlot {
    const key = cut(value);
    const entry = this.counts.get(key);
    if (entry) return entry;
    if (this.counts.size >= MAX_DISTINCT) return this.others;
    const made = { events: 0, bytes: 0 };
    this.counts.set(key, made);
    return made;
  }

  /** The `n` values with the most events (ties by bytes, then by value). */
  top(n: number): Count[] {
    return [...this.counts.entries()]
      .map(([value, c]) => ({ value, events: c.events, bytes: c.bytes }))
      .sort((a, b) => b.events - a.events || b.bytes - a.bytes || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, n);
  }
}

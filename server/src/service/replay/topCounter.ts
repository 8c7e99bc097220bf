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

export class TopCounter {
  private readonly counts = new Map<string, { events: number; bytes: number }>();
  otherEvents = 0;
  otherBytes = 0;

  add(value: string, bytes: number): void {
    const key = cut(value);
    const entry = this.counts.get(key);
    if (entry) {
      entry.events++;
      entry.bytes += bytes;
    } else if (this.counts.size < MAX_DISTINCT) {
      this.counts.set(key, { events: 1, bytes });
    } else {
      this.otherEvents++;
      this.otherBytes += bytes;
    }
  }

  /** The `n` values with the most events (ties by bytes, then by value). */
  top(n: number): Count[] {
    return [...this.counts.entries()]
      .map(([value, c]) => ({ value, events: c.events, bytes: c.bytes }))
      .sort((a, b) => b.events - a.events || b.bytes - a.bytes || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, n);
  }
}

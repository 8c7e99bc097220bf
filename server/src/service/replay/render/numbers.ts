// Numbers as a report shows them: "12,345", "48.2 MB", "41.0%".

export const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `1 event`, `2 events`: a log of one event, a policy of one rule, read as a person writes them. */
export const counted = (n: number, noun: string): string => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** A counted value as a reader sees it: an event without a user agent (or user) has an empty one. */
export const shown = (value: string): string => (value === '' ? '(none)' : value);

/** Decimal units, as `ls -h --si` and disk vendors count (a 1 GB log is 10^9 bytes). */
export function size(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let n = Math.abs(bytes);
  if (n < 1000) return `${sign}${n} B`;
  for (const unit of ['kB', 'MB', 'GB', 'TB']) {
    n /= 1000;
    if (n < 1000 || unit === 'TB') return `${sign}${n < 10 ? n.toFixed(1) : Math.round(n)} ${unit}`;
  }
  return `${sign}${n} TB`;
}

export const percent = (share: number): string => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 2 : 1)}%`;

export const signedSize = (bytes: number): string => (bytes > 0 ? `+${size(bytes)}` : size(bytes));

/** "12,345 events, 48 MB, 41.0%": the CodeLens above a rule. */
export function ruleSummary(r: { events: number; bytes: number; share: number }): string {
  return `${count(r.events)} event${r.events === 1 ? '' : 's'}, ${size(r.bytes)}, ${percent(r.share)}`;
}

// Where a new version of a text differs from the previous one, found without comparing character
// by character: chunks of a long common prefix are compared with startsWith (and of the suffix with
// endsWith), which V8 runs as one memory comparison; `substring(..) === substring(..)` measured
// seven times slower on a 1.5 MB file (7 ms against 1 ms per edit).

export interface TextChange {
  /** First offset where the texts differ. */
  readonly start: number;
  /** End of the replaced part in the previous text. */
  readonly oldEnd: number;
  /** End of the replacing part in the new text. */
  readonly newEnd: number;
}

/** The document, the parse and go-yaml's resume each ask about the same two versions. Until the
 *  next call this keeps the previous version of one text alive, which its document just dropped. */
let last: { previous: string; next: string; change: TextChange } | undefined;

/** Tells textChange() the change that made `next` from `previous`, when the editor said which it
 *  was (an LSP incremental change): the two 1.5 MB texts of the stress file are then not compared
 *  (2 to 4 ms a keystroke). The change need not be the least one, only cover every difference. */
export function rememberTextChange(previous: string, next: string, change: TextChange): void {
  const fits =
    change.start >= 0 &&
    change.start <= change.oldEnd &&
    change.oldEnd <= previous.length &&
    change.start <= change.newEnd &&
    next.length - change.newEnd === previous.length - change.oldEnd;
  if (fits) last = { previous, next, change };
}

export function textChange(previous: string, next: string): TextChange {
  if (last?.previous === previous && last.next === next) return last.change;
  const change = computeChange(previous, next);
  last = { previous, next, change };
  return change;
}

function computeChange(previous: string, next: string): TextChange {
  const limit = Math.min(previous.length, next.length);
  const start = commonLength(previous, next, limit, (a, b, from, to) => a.startsWith(b.substring(from, to), from));
  const suffixLimit = limit - start;
  const suffix = commonLength(previous, next, suffixLimit, (a, b, from, to) =>
    a.endsWith(b.substring(b.length - to, b.length - from), a.length - from),
  );
  return { start, oldEnd: previous.length - suffix, newEnd: next.length - suffix };
}

/** The length of the longest common run (prefix or suffix, as `same` compares) up to `limit`. */
function commonLength(
  a: string,
  b: string,
  limit: number,
  same: (a: string, b: string, from: number, to: number) => boolean,
): number {
  let known = 0;
  let step = 4096;
  // Gallop forward while whole chunks agree, then halve the chunk to find the exact end.
  while (known < limit) {
    const to = Math.min(limit, known + step);
    if (same(a, b, known, to)) {
      known = to;
      step *= 2;
    } else if (to - known <= 16) {
      while (known < to && same(a, b, known, known + 1)) known++;
      return known;
    } else {
      step = Math.max(16, Math.floor((to - known) / 2));
    }
  }
  return known;
}

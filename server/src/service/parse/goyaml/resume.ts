// go-yaml's verdict on a new version of a text without reading all of it again. A 5,000-rule
// policy takes the port over 100 ms to read; a keystroke changes a few characters.
//
// The reading is a deterministic machine (reader model, scanner, parser, checker) whose whole state
// between two events is plain data (StreamChecker.save). Every EVERY characters a reading keeps a
// checkpoint. The next version resumes from the last checkpoint that depends only on text before
// the change, and reads on. Once past the change, wherever the previous reading kept a checkpoint at
// the same place (offset moved by the change), the two states are compared: if they are equal, with
// every position after the change moved by the change's size, then the rest of the reading is the
// previous one moved too (same state, same text ahead), and its outcome is taken from it. Positions
// the state holds from before the change stay as they are; a state holding a position inside the
// changed lines, or a possible simple key from before the change (go-yaml measures how far it lies
// behind), is never equal: the reading then goes on, at worst to the end. So the result is exactly
// that of a fresh reading; a property test compares the two on random edits.
//
// go-yaml's reader decodes 512 bytes at a time, counted from the start of the text (reader.ts), so a
// character inserted or deleted moves every later read boundary against the text: the states after
// the change then differ in the reader's part only, and for ever. Those boundaries decide nothing
// but when a character go-yaml refuses is seen, or a byte order mark at the start of a read: in a
// text without either, a reading that equals the previous one but for the reader converges all the
// same. Its later checkpoints then keep the previous reading's boundaries, moved with the text
// (`exactReads` false), and a text that has such a character is read on only from checkpoints whose
// boundaries are a fresh reading's own. Without this, typing a character into a 5,000-rule policy
// read the rest of it on every keystroke (100 to 240 ms, against 10 for a character replaced).
import { textChange } from '../../text/textChange';
import { printedFailure, readPolicyText } from './load';
import { Failed, renderFailure, stopKind } from './events';
import type { GoYamlReading } from './events';
import type { ParserState, YamlEvent } from './parser';
import type { Mark, ScannerState, Token, YamlFailure } from './scanner';
import { MAP_KEY, StreamChecker, UNPRINTED_MAP_KEY } from './stream';
import type { CheckerState, Frame, Summary } from './stream';

/** Characters between two checkpoints: a resumed reading reads about twice this much. */
const EVERY = 8192;
/** No checkpoint is kept where collections nest deeper than this: a state holds every open one, so
 *  checkpoints through thousands of nested lines would grow with the square of the depth (a
 *  7,000-deep block mapping ran out of memory). Real policies nest 4 to 6 levels. */
const CHECKPOINT_DEPTH = 64;

interface Checkpoint {
  /** Where the scanner was. */
  readonly pos: number;
  /** The state depends on the text before this offset only (what the reader decoded, plus lookahead). */
  readonly bound: number;
  readonly state: CheckerState;
  /** Whether the reader's state is the one a fresh reading of the text has here (see above). */
  readonly exactReads: boolean;
}

interface Outcome {
  readonly failure?: Failed;
  readonly stop?: { readonly offset: number };
}

/** One reading of one version of a text, kept to read the next version from. */
export interface GoYamlRun {
  readonly text: string;
  readonly reading: GoYamlReading;
  readonly outcome?: Outcome;
  readonly checkpoints: readonly Checkpoint[];
  /** Whether the text has no character whose place among go-yaml's reads matters (readsMatter);
   *  kept so that the next version tests only what its change put in. */
  readonly readsFree?: boolean;
}

/** readPolicyText(text), reusing `previous` (the reading of an earlier version of the same text).
 *  @param every characters between two checkpoints (tests use small values to have many) */
export function readIncrementally(text: string, previous?: GoYamlRun, every = EVERY): GoYamlRun {
  if (previous?.text === text) return previous;
  // JSON, and YAML with anchors (a tree is built to resolve aliases), are read whole.
  if (!resumable(text)) return { text, reading: readPolicyText(text), checkpoints: [] };
  const usable = previous?.outcome && previous.checkpoints.length > 0 ? previous : undefined;
  return usable ? new Resumed(text, usable, every).run() : fresh(text, every);
}

function resumable(text: string): boolean {
  return (
    text !== '' &&
    !text.includes('&') &&
    !/^[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*\{/.test(text)
  );
}

/** Characters whose place among go-yaml's reads changes its verdict: those its reader refuses
 *  (reader.ts isPrintable), and a byte order mark after the first character (is_bom). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const READ_SENSITIVE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff]/;

/** Whether text[from, to) holds a character of READ_SENSITIVE; a byte order mark as the text's first
 *  character is not one (determine_encoding drops it before reading). A test of the whole 1.5 MB
 *  stress policy takes 2 ms: a keystroke tests only what it put in. */
function readsMatter(text: string, from: number, to: number): boolean {
  const start = from === 0 && text.charCodeAt(0) === 0xfeff ? 1 : from;
  return start < to && READ_SENSITIVE.test(text.slice(start, to));
}

function fresh(text: string, every: number): GoYamlRun {
  const taken: Checkpoint[] = [];
  let next = every;
  const checker = new StreamChecker(text, (c) => {
    const pos = c.position;
    if (pos >= next && c.depth <= CHECKPOINT_DEPTH) {
      taken.push(checkpoint(pos, c.save(), true));
      next = pos + every;
    }
    return false;
  });
  return finished(text, checker, () => checker.run(), taken, !readsMatter(text, 0, text.length));
}

function checkpoint(pos: number, state: CheckerState, exactReads: boolean): Checkpoint {
  return { pos, bound: Math.max(state.parser.scanner.reader.decodedEnd, pos) + 8, state: owned(state), exactReads };
}

/** A copy whose strings hold none of the text: a scanned value may be a slice of it (V8 slices keep
 *  their parent alive), and a checkpoint outlives many versions of the text. */
function owned<T>(value: T): T {
  if (typeof value === 'string') return (value.length > 12 ? ` ${value}`.slice(1) : value) as T;
  if (typeof value !== 'object' || value === null || value instanceof Failed) return value;
  if (Array.isArray(value)) return value.map(owned) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [owned(k), owned(v)])) as T;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) copy[k] = owned(v);
  return copy as T;
}

/** Runs a reading to its end; its outcome as a run. */
function finished(
  text: string,
  checker: StreamChecker,
  read: () => boolean,
  taken: Checkpoint[],
  readsFree: boolean,
): GoYamlRun {
  let failure: Failed | undefined;
  try {
    read();
  } catch (error) {
    if (!(error instanceof Failed)) throw error;
    // Printed here, once: a later version that converges with this reading keeps the outcome, and
    // with it the printed key, instead of reading the text again with the tree.
    const printed = printedFailure(text, error.failure);
    failure = printed === error.failure ? error : new Failed(printed, error.source);
  }
  const stop = checker.stop;
  const outcome: Outcome = { ...(failure ? { failure } : {}), ...(stop ? { stop } : {}) };
  return { text, reading: readingOf(text, outcome), outcome, checkpoints: taken, readsFree };
}

function readingOf(text: string, outcome: Outcome): GoYamlReading {
  const stop = outcome.stop && { offset: outcome.stop.offset, kind: stopKind(text, outcome.stop.offset) };
  return { ...(outcome.failure ? { failure: outcome.failure.failure } : {}), stop };
}

class Resumed {
  private readonly shift: Shift;
  /** Whether the text has no character whose place among go-yaml's reads matters. */
  private readonly readsFree: boolean;
  /** The previous reading's checkpoints after the change, by where they now lie. */
  private readonly ahead = new Map<number, number>();

  constructor(
    private readonly text: string,
    private readonly previous: GoYamlRun,
    private readonly every: number,
  ) {
    const change = textChange(previous.text, text);
    this.shift = new Shift(previous.text, change.start, change.oldEnd, change.newEnd - change.oldEnd);
    // An edit at the very start may make a leading byte order mark a later one, and one that takes
    // out the last refused character frees the text: then the whole text is tested.
    this.readsFree =
      change.start > 0 && previous.readsFree === true
        ? !readsMatter(text, change.start, change.newEnd)
        : !readsMatter(text, 0, text.length);
    previous.checkpoints.forEach((c, i) => {
      if (c.pos >= this.shift.stable && (c.exactReads || this.readsFree)) this.ahead.set(c.pos + this.shift.delta, i);
    });
  }

  run(): GoYamlRun {
    const { previous, shift, readsFree } = this;
    const kept: Checkpoint[] = [];
    for (const c of previous.checkpoints) {
      if (c.bound > shift.start || !(c.exactReads || readsFree)) break;
      kept.push(c);
    }
    const from = kept[kept.length - 1];
    const exactReads = from?.exactReads ?? true;
    let next = (from?.pos ?? 0) + this.every;
    let converged: { index: number; shift: Shift; exactReads: boolean } | undefined;
    const checker = new StreamChecker(this.text, (c) => {
      const pos = c.position;
      const index = this.ahead.get(pos);
      const state = index !== undefined || (pos >= next && c.depth <= CHECKPOINT_DEPTH) ? c.save() : undefined;
      if (index !== undefined && state) {
        const moved = shift.measured(previous.checkpoints[index].state, state);
        const then = moved.state(previous.checkpoints[index].state);
        if (sameState(then, state) || (readsFree && sameState(withoutReads(then), withoutReads(state)))) {
          converged = { index, shift: moved, exactReads: exactReads && sameState(then, state) };
          return true;
        }
      }
      if (state && pos >= next && c.depth <= CHECKPOINT_DEPTH) {
        kept.push(checkpoint(pos, state, exactReads));
        next = pos + this.every;
      }
      return false;
    });
    const read = () => (from ? checker.resume(from.state) : checker.run());
    const run = finished(this.text, checker, read, kept, readsFree);
    if (!converged) return run;
    const moved = converged.shift;
    const alsoExact = converged.exactReads;
    const later = previous.checkpoints.slice(converged.index).flatMap((c): Checkpoint[] => {
      const state = moved.state(c.state);
      const exact = alsoExact && c.exactReads;
      return state ? [{ pos: c.pos + moved.delta, bound: c.bound + moved.delta, state, exactReads: exact }] : [];
    });
    const movedOutcome = moved.outcome(previous.outcome as Outcome);
    if (!movedOutcome) return fresh(this.text, this.every); // cannot happen: what converged holds nothing unmovable
    const outcome = this.withKeyPrinted(movedOutcome);
    const checkpoints = [...kept, ...later];
    return { text: this.text, reading: readingOf(this.text, outcome), outcome, checkpoints, readsFree };
  }

  /** The previous reading's `invalid map key` failure prints the key from the previous text
   *  (finished()). The two readings' states are equal with the key unprinted, so where the change
   *  may lie inside the key, it is printed again from this text. go-yaml fails on the key once its
   *  value is read (stream.ts), so the key ends before the first checkpoint that holds the error. */
  private withKeyPrinted(outcome: Outcome): Outcome {
    const failure = outcome.failure?.failure;
    const before = this.previous.outcome?.failure?.failure;
    if (!failure || !before || !failure.message.startsWith(`yaml: ${MAP_KEY}`)) return outcome;
    const keyEnd = this.previous.checkpoints.find((c) => c.state.decodeError)?.pos ?? Infinity;
    if (this.shift.oldEnd <= before.offset || this.shift.start >= keyEnd) return outcome;
    const printed = printedFailure(this.text, { message: `yaml: ${UNPRINTED_MAP_KEY}`, offset: failure.offset });
    return { ...outcome, failure: new Failed(printed) };
  }
}

/** How positions of the previous text map to the new one: unchanged before the change, moved by
 *  the change after it (whole lines only, so columns stay), undefined inside. */
class Shift {
  /** Old offsets from here on lie on lines that begin after the change. */
  readonly stable: number;

  constructor(
    oldText: string,
    readonly start: number,
    readonly oldEnd: number,
    readonly delta: number,
    private readonly lines = 0,
    private readonly chars = 0,
    private readonly bytes = 0,
    private readonly tokens = 0,
  ) {
    const rest = oldText.slice(oldEnd).search(/[\n\r\x85\u2028\u2029]/);
    if (rest === -1) this.stable = Infinity;
    else {
      const at = oldEnd + rest;
      this.stable = at + (oldText[at] === '\r' && oldText[at + 1] === '\n' ? 2 : 1);
    }
  }

  /** The shift with the line, character, byte and token counts moved as between these two states
   *  (if the states are equal otherwise, these are the change's own). */
  measured(old: CheckerState, now: CheckerState): Shift {
    const a = old.parser.scanner;
    const b = now.parser.scanner;
    const copy = Object.create(Shift.prototype) as Shift;
    return Object.assign(copy, this, {
      lines: b.line - a.line,
      chars: b.index - a.index,
      bytes: b.reader.decodedBytes - a.reader.decodedBytes,
      tokens: b.tokensParsed - a.tokensParsed,
    });
  }

  offset(o: number): number | undefined {
    return o < this.start ? o : o >= this.oldEnd ? o + this.delta : undefined;
  }

  mark(m: Mark): Mark | undefined {
    if (m.offset < this.start) return m;
    if (m.offset < this.stable) return undefined;
    return { index: m.index + this.chars, line: m.line + this.lines, column: m.column, offset: m.offset + this.delta };
  }

  state(s: CheckerState): CheckerState | undefined {
    const parser = this.parser(s.parser);
    const event = s.event && this.event(s.event);
    const frames = this.list(s.frames, (f) => this.frame(f));
    const decodeError = s.decodeError && this.failed(s.decodeError);
    const conversionError = s.conversionError && this.failed(s.conversionError);
    const depthError = s.depthError && this.failed(s.depthError);
    if (!parser || !frames || (s.event && !event) || (s.decodeError && !decodeError)) return undefined;
    if ((s.conversionError && !conversionError) || (s.depthError && !depthError)) return undefined;
    return { parser, event, frames, keepItems: s.keepItems, decodeError, conversionError, depthError };
  }

  outcome(o: Outcome): Outcome | undefined {
    const failure = o.failure && this.failed(o.failure);
    const stop = o.stop && this.offset(o.stop.offset);
    if ((o.failure && !failure) || (o.stop && stop === undefined)) return undefined;
    return { ...(failure ? { failure } : {}), ...(stop !== undefined ? { stop: { offset: stop } } : {}) };
  }

  private parser(p: ParserState): ParserState | undefined {
    const marks = this.list(p.marks, (m) => this.mark(m));
    const scanner = this.scanner(p.scanner);
    return marks && scanner && { ...p, marks, scanner };
  }

  private scanner(s: ScannerState): ScannerState | undefined {
    const here = this.mark({ index: s.index, line: s.line, column: s.column, offset: s.pos });
    if (!here || s.pos < this.stable) return undefined;
    const tokens = this.list(s.tokens, (t) => this.token(t));
    const simpleKeys = this.list(s.simpleKeys, (k) => {
      // go-yaml measures how far a possible key lies behind: it must move with the text.
      if (k.possible && k.mark.offset < this.start) return undefined;
      const mark = this.mark(k.mark);
      return mark && { ...k, mark };
    });
    const r = s.reader;
    const bufferStart = this.offset(r.bufferStart);
    const controlAt = r.controlAt === -1 ? -1 : this.offset(r.controlAt);
    if (!tokens || !simpleKeys || bufferStart === undefined || controlAt === undefined) return undefined;
    return {
      ...s,
      pos: here.offset,
      index: here.index,
      line: here.line,
      tokens,
      tokensParsed: s.tokensParsed + this.tokens,
      simpleKeys,
      reader: {
        ...r,
        decodedEnd: r.decodedEnd + this.delta,
        decodedBytes: r.decodedBytes + this.bytes,
        bufferStart,
        controlAt,
      },
    };
  }

  private token(t: Token): Token | undefined {
    const start = this.mark(t.start);
    const end = this.mark(t.end);
    return start && end && { ...t, start, end };
  }

  private event(e: YamlEvent): YamlEvent | undefined {
    const start = this.mark(e.start);
    const end = this.mark(e.end);
    return start && end && { ...e, start, end };
  }

  private frame(f: Frame): Frame | undefined {
    const at = this.offset(f.at);
    if (at === undefined) return undefined;
    if (f.kind === 'map') {
      const key = f.key && this.summary(f.key);
      return f.key && !key ? undefined : { ...f, at, key, table: new Map(f.table) };
    }
    const items = this.list(f.items, (i) => this.summary(i));
    return items && { ...f, at, items };
  }

  private summary(s: Summary): Summary | undefined {
    const at = this.offset(s.at);
    const items = s.items && this.list(s.items, (i) => this.summary(i));
    if (at === undefined || (s.items && !items)) return undefined;
    return { ...s, at, ...(items ? { items } : {}) };
  }

  private failed(f: Failed): Failed | undefined {
    if (!f.source) {
      const offset = this.offset(f.failure.offset);
      return offset === undefined ? undefined : new Failed({ ...f.failure, offset });
    }
    const y = f.source.yaml;
    const problemMark = y.problemMark && this.mark(y.problemMark);
    const contextMark = y.contextMark && this.mark(y.contextMark);
    const controlAt = f.source.controlAt === -1 ? -1 : this.offset(f.source.controlAt);
    if ((y.problemMark && !problemMark) || (y.contextMark && !contextMark) || controlAt === undefined) return undefined;
    const yaml: YamlFailure = { ...y, problemMark, contextMark };
    return new Failed(renderFailure(yaml, controlAt), { yaml, controlAt });
  }

  private list<T, U>(items: readonly T[], map: (item: T) => U | undefined): U[] | undefined {
    const out: U[] = [];
    for (const item of items) {
      const mapped = map(item);
      if (mapped === undefined) return undefined;
      out.push(mapped);
    }
    return out;
  }
}

/** A state without the reader's part: what go-yaml reads next, wherever its reads fall. */
function withoutReads(state: CheckerState | undefined): unknown {
  if (!state) return state;
  const { reader: _reader, ...scanner } = state.parser.scanner;
  return { ...state, parser: { ...state.parser, scanner } };
}

/** Structural equality of two saved states (Failed compared by what it says and where). */
function sameState(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Failed || b instanceof Failed) {
    return (
      a instanceof Failed && b instanceof Failed && sameState(a.failure, b.failure) && sameState(a.source, b.source)
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !sameState(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => sameState((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

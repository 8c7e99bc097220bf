// The rules of a policy parsed one by one, where the text is plain enough to cut into rule items
// (segment.ts): after an edit, the items the change did not touch are the previous version's
// objects, and only the changed ones are read again. Anything else is read whole.
import type { MapNode, ParsedPolicy, Pair, RuleItem, SeqNode, YamlError } from './model';
import { isMap } from './model';
import { fastParseRuleItem } from './fastRule';
import { segmentRules, segmentsAfterChange } from './segment';
import type { Segments } from './segment';
import type { RuleParseCache } from './ruleCache';
import {
  NOT_PRINTABLE,
  controlCharacters,
  controlProblem,
  laterDocument,
  parseAllDocumentsSafe,
  parseFragment,
  parseRuleItemWithYaml,
  parseWholeWithYaml,
  unparseable,
} from './yamlReading';
import type { ParsedRuleItem } from './yamlReading';
import { textChange } from '../text/textChange';
import type { TextChange } from '../text/textChange';

/** The `yaml` package's tree of `text`: rule item by rule item, the previous version's items kept
 *  where the change left them, when the text can be cut into items; read whole otherwise. */
export function parseWithYaml(text: string, cache?: RuleParseCache, previous?: ParsedPolicy): ParsedPolicy {
  try {
    const before = previous && segmentsOf.get(previous);
    const change = before && textChange(before.text, text);
    const segments =
      (before && change && segmentsAfterChange(before.text, before.segments, text, change)) ?? segmentRules(text);
    const earlier: EarlierRules = { rules: previous?.segmented ? previous.rules : [], change };
    const parsed = segments && segmentedOrUndefined(text, segments, cache, earlier);
    if (parsed) segmentsOf.set(parsed, { text, segments: segments as Segments });
    return parsed ?? parseWholeWithYaml(text);
  } catch (error) {
    return unparseable(text, error);
  } finally {
    cache?.endGeneration();
  }
}

/** The segments each segmented parse was made from (and the text they were found in). */
const segmentsOf = new WeakMap<ParsedPolicy, { readonly text: string; readonly segments: Segments }>();

/** The previous version's rule items, and where the text changed since (undefined: not known). */
interface EarlierRules {
  readonly rules: readonly RuleItem[];
  readonly change: TextChange | undefined;
}

/** The segmented parse is an optimisation: if it fails (a stack overflow in a recursive reader on
 *  5,000-deep nesting inside a rule), the whole parse still reads the document, so the editor
 *  still knows it is an audit policy and says what is wrong. */
function segmentedOrUndefined(
  text: string,
  segments: Segments,
  cache: RuleParseCache | undefined,
  earlier: EarlierRules,
): ParsedPolicy | undefined {
  try {
    return parseSegmented(text, segments, cache, earlier);
  } catch {
    return undefined;
  }
}

function parseSegmented(
  text: string,
  segments: Segments,
  cache: RuleParseCache | undefined,
  earlier: EarlierRules,
): ParsedPolicy | undefined {
  const header = parseFragment(text, 0, segments.headerEnd);
  const trailer = parseFragment(text, segments.trailer.start, segments.trailer.end);
  if (!header || !trailer || !isMap(header.root) || (trailer.root !== null && !isMap(trailer.root))) return undefined;
  if (header.errors.length > 0 || trailer.errors.length > 0) return undefined;

  const rules: RuleItem[] = [];
  const count = segments.items.length;
  // An indexed loop: it runs once a keystroke, mostly unoptimised, where for-of makes an iterator
  // result for each of thousands of items.
  for (let k = 0; k < count; k++) {
    const span = segments.items[k];
    const index = rules.length;
    // An edit changes one stretch of the file: the rules before it are found at the same index in
    // the previous version, the rules after it at the same distance from the end. Comparing two
    // strings is much cheaper than hashing every rule's text into the cache.
    const same = samePlace(earlier, index, count, text, span);
    if (same) {
      // The same item at the same place is the same object: per-rule work keyed by it is reused.
      rules.push(same.index === index && same.base === span.start ? same : { ...same, index, base: span.start });
      continue;
    }
    // After an edit the key is a copy: a slice would keep this whole version of the text alive as
    // long as the rule is unchanged, one more copy of the file for every edit. A first reading's
    // keys are slices: they keep one version, the first, and spare copying it whole.
    const piece = text.slice(span.start, span.end);
    const key = earlier.rules.length > 0 ? detached(piece) : piece;
    const parsed = cache?.get(key) ?? parseRuleItem(key);
    if (!parsed) return undefined;
    cache?.set(key, parsed);
    rules.push({
      index,
      base: span.start,
      node: parsed.node,
      key,
      syntaxErrors: parsed.errors,
      controlCharacter: parsed.controlCharacter,
    });
  }
  const firstItem = segments.items[0];
  const lastItem = segments.items[segments.items.length - 1];
  const rulesSeq: SeqNode = {
    kind: 'seq',
    items: [],
    flow: false,
    start: firstItem.start,
    end: trimEnd(text, firstItem.start, lastItem.end),
  };
  const pairs = [
    ...header.root.pairs.map((p) => (p.key.value === 'rules' && isNullValue(p) ? { key: p.key, value: rulesSeq } : p)),
  ];
  if (trailer.root) pairs.push(...(trailer.root as MapNode).pairs);
  const root: MapNode = { ...header.root, pairs, end: trimEnd(text, header.root.start, segments.firstDocumentEnd) };
  const rest = text.slice(segments.firstDocumentEnd);
  const laterDocuments =
    rest.length === 0
      ? []
      : parseAllDocumentsSafe(rest).map((doc) => laterDocument(doc, rest, segments.firstDocumentEnd));
  return {
    text,
    root,
    rules,
    syntaxErrors: firstControlCharacter(text, segments, rules),
    laterDocuments,
    segmented: true,
  };
}

/** A copy of a piece of the document that does not keep the whole document alive: strings sliced
 *  from it would (V8 slices point into their parent), and an unchanged rule's model outlives many
 *  versions of the text. */
function detached(piece: string): string {
  return ` ${piece}`.slice(1);
}

/** controlCharacters for a segmented parse without scanning the whole text again: each rule item
 *  found its own when it was parsed; the header and the trailer are scanned here. */
function firstControlCharacter(text: string, segments: Segments, rules: readonly RuleItem[]): YamlError[] {
  const inHeader = controlCharacters(text.slice(0, segments.headerEnd), segments.headerEnd);
  if (inHeader.length > 0) return inHeader;
  const item = rules.find((r) => r.controlCharacter !== undefined && r.controlCharacter >= 0);
  if (item) return [controlProblem(text, item.base + (item.controlCharacter as number))];
  const trailer = text.slice(segments.trailer.start, segments.trailer.end);
  return controlCharacters(trailer, trailer.length).map((p) => ({
    ...p,
    start: p.start + segments.trailer.start,
    end: p.end + segments.trailer.start,
  }));
}

function samePlace(
  earlier: EarlierRules,
  index: number,
  count: number,
  text: string,
  span: { readonly start: number; readonly end: number },
): RuleItem | undefined {
  const { rules: previous, change } = earlier;
  const front = previous[index];
  const back = previous[previous.length - (count - index)];
  const { start, end } = span;
  const length = end - start;
  // Wholly before the change, or wholly after it and moved by its length, an item of the same
  // length at the same place has the same text: the texts agree there (textChange.ts), so the
  // items' texts (the whole file, less the changed item) need not be compared at each keystroke.
  if (change) {
    const moved = change.newEnd - change.oldEnd;
    if (end <= change.start && front && front.base === start && front.key.length === length) return front;
    if (start >= change.newEnd && back && back.base + moved === start && back.key.length === length) return back;
  }
  if (front?.key.length !== length && back?.key.length !== length) return undefined;
  const itemText = text.slice(start, end);
  if (front && front.key === itemText) return front;
  return back && back.key === itemText ? back : undefined;
}

/** Parses one rule item's text (`- level: None ...`, indentation kept), offsets relative to its start. */
function parseRuleItem(itemText: string): ParsedRuleItem | undefined {
  const fast = fastParseRuleItem(itemText);
  const parsed = fast ? { node: fast, errors: [] } : parseRuleItemWithYaml(itemText);
  // Not `{ ...parsed, controlCharacter }`: V8 gives each object spread and then extended its own
  // hidden class.
  return (
    parsed && { node: parsed.node, errors: parsed.errors, controlCharacter: NOT_PRINTABLE.exec(itemText)?.index ?? -1 }
  );
}

function isNullValue(pair: Pair): boolean {
  return pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null);
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

/** The segments of the parse `result` was made from, kept with it for the next version. */
export function keepSegments(from: ParsedPolicy, result: ParsedPolicy): void {
  const segmented = segmentsOf.get(from);
  if (segmented) segmentsOf.set(result, segmented);
}

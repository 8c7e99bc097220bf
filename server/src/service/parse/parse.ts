// text -> ParsedPolicy. Never throws: whatever the text, the result is a tree (possibly empty) and
// a list of syntax problems. kube-apiserver reads YAML 1.1 (go-yaml v2 through sigs.k8s.io/yaml),
// so unquoted yes/no/on/off are booleans here too.
import { isAlias, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { Document, DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
import { AliasBudgetExceeded, convertDocument } from './convert';
import type { ConvertLimits } from './convert';
import { findPair, isMap, isSeq } from './model';
import type { LaterDocument, MapNode, Node, ParsedPolicy, Pair, RuleItem, SeqNode, YamlError } from './model';
import { fastParseRuleItem } from './fastRule';
import { segmentRules, segmentsAfterChange } from './segment';
import type { Segments } from './segment';
import type { RuleParseCache } from './ruleCache';
import { readPolicyText, readsAsJson } from './goyaml/load';
import type { GoNode, GoYamlFailure, GoYamlReading, ReadOptions } from './goyaml/load';
import { readIncrementally } from './goyaml/resume';
import type { GoYamlRun } from './goyaml/resume';
import { treeFromGoYaml } from './goyaml/tree';
import { CONTROL_CHARACTERS } from './goyaml/reader';
import { hasLoneCarriageReturn, lineEndAt } from '../text/lines';
import { textChange } from '../text/textChange';
import type { TextChange } from '../text/textChange';

/** Tags the `yaml` package would turn into other shapes, which go-yaml v2 does not: it ignores a
 *  collection's tag (decode.go unmarshal() switches on the node's kind only), so `!!omap` and
 *  `!!pairs` lists stay lists of mappings, and decodes `!!binary` to its text (convert.ts). */
const GO_YAML_IGNORES = new Set(['tag:yaml.org,2002:binary', 'tag:yaml.org,2002:omap', 'tag:yaml.org,2002:pairs']);

const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false, // duplicates are reported by our own check, with which value wins
  prettyErrors: false,
  keepSourceTokens: false,
  customTags: (tags) => tags.filter((t) => typeof t !== 'object' || !GO_YAML_IGNORES.has(t.tag)),
  resolveKnownTags: false, // else the tags filtered out above come back for a tagged node
};

/** The verdict is go-yaml's (./goyaml, a port of what kube-apiserver runs): its first error is the
 *  only syntax problem, and content below the first document's root node, which it never reads, is
 *  left out of the tree. The `yaml` package builds the tree and its positions. */
export function parsePolicy(
  text: string,
  cache?: RuleParseCache,
  previous?: ParsedPolicy,
  reading?: ReadingSlot,
): ParsedPolicy {
  return withGoYamlVerdict(text, (source) => parseWithYaml(source, cache, previous), reading);
}

/** Where a document keeps go-yaml's latest reading, for the next version to read only what changed. */
export interface ReadingSlot {
  last?: GoYamlRun;
}

/** Parses the whole text at once: the reference behaviour, used whenever segmenting is unsafe. */
export function parseWhole(text: string): ParsedPolicy {
  return withGoYamlVerdict(text, parseWholeWithYaml);
}

function withGoYamlVerdict(text: string, parse: (source: string) => ParsedPolicy, slot?: ReadingSlot): ParsedPolicy {
  const reading = slot ? readOnSafely(text, slot) : readSafely(text, {});
  // A text too deep for the port's recursion: the `yaml` package's reading and errors stand.
  if (!reading) return parse(text);
  const ignoredFrom = !reading.failure && reading.stop?.kind === 'content' ? reading.stop.offset : undefined;
  // Where go-yaml fails, rule boundaries found line by line may not be where the text really breaks
  // (a quote left open runs on into the next rules): the tree then comes from the whole text.
  const read = ignoredFrom === undefined ? text : text.slice(0, ignoredFrom);
  // A JSON file never meets go-yaml, and JSON's whitespace may hold a lone CR (a classic Mac line
  // end), which the `yaml` package would read as part of the next key: read it as the space it is.
  // Inside a JSON string a raw CR is invalid, and the file is refused anyway. Offsets are kept.
  const source = readsAsJson(read) ? read.replace(/\r(?!\n)/g, ' ') : read;
  const yamlParsed = reading.failure ? parseWholeWithYaml(source) : parse(source);
  // Nesting deeper than our tree can hold: say so rather than check a truncated tree.
  if (tooDeep(yamlParsed)) return yamlParsed;
  const failure = reading.failure;
  const goRoot = !failure && needsGoTree(yamlParsed) ? readSafely(text, { tree: true })?.root : undefined;
  const parsed = goRoot ? goTreeParse(text, goRoot) : yamlParsed;
  const result: ParsedPolicy = {
    ...parsed,
    text,
    syntaxErrors: failure ? [failureProblem(text, failure)] : [],
    rules: parsed.rules.map((rule) => (rule.syntaxErrors.length > 0 ? { ...rule, syntaxErrors: [] } : rule)),
    ...(ignoredFrom !== undefined ? { ignoredFrom } : {}),
  };
  const segmented = segmentsOf.get(parsed);
  if (segmented) segmentsOf.set(result, segmented);
  return result;
}

function tooDeep(parsed: ParsedPolicy): boolean {
  const deep = (e: YamlError): boolean => e.message === NESTED_TOO_DEEPLY;
  return parsed.syntaxErrors.some(deep) || parsed.rules.some((r) => r.syntaxErrors.some(deep));
}

function readSafely(text: string, options: ReadOptions): GoYamlReading | undefined {
  try {
    return readPolicyText(text, options);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function readOnSafely(text: string, slot: ReadingSlot): GoYamlReading | undefined {
  try {
    slot.last = readIncrementally(text, slot.last);
    return slot.last.reading;
  } catch (error) {
    slot.last = undefined;
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The `yaml` package's tree is kept unless it is wrong: where it fails on text go-yaml reads (libyaml
 *  is more lenient in places), where a YAML 1.1 merge key (`<<`) is used, which go-yaml applies in
 *  its own order, and where YAML 1.1 line breaks (a lone CR, NEL, LS, PS) end lines for go-yaml only. */
function needsGoTree(parsed: ParsedPolicy): boolean {
  return (
    parsed.syntaxErrors.length > 0 || parsed.rules.some((r) => r.syntaxErrors.length > 0) || goOnlySyntax(parsed.text)
  );
}

/** (^|[\s{,])<<\s*:, a lone CR, or NEL, LS, PS; each regular expression runs only when a plain
 *  search finds its first character (on every keystroke, over the whole text): `includes` of one
 *  character measured 0.05 ms on a 1.5 MB file, a character class 1.4 ms. */
function goOnlySyntax(text: string): boolean {
  return (
    (text.includes('<<') && /(^|[\s{,])<<\s*:/.test(text)) ||
    hasLoneCarriageReturn(text) ||
    text.includes('\x85') ||
    text.includes('\u2028') ||
    text.includes('\u2029')
  );
}

function goTreeParse(text: string, goRoot: GoNode): ParsedPolicy {
  const root = treeFromGoYaml(goRoot, text);
  const rules = rulesOf(root).map((node, index): RuleItem => ({ index, base: 0, node, key: '', syntaxErrors: [] }));
  return { text, root, rules, syntaxErrors: [], laterDocuments: [], segmented: false };
}

/** go-yaml's error, underlined from where it failed to the end of that line. */
function failureProblem(text: string, failure: GoYamlFailure): YamlError {
  const start = Math.min(failure.offset, text.length);
  const nl = text.slice(start).search(/[\r\n]/);
  const end = nl === -1 ? text.length : start + nl;
  const named = /^yaml: line (\d+):/.exec(failure.message);
  const unreadFrom = Math.min(lineStart(text, start), named ? lineStartOf(text, Number(named[1])) : start);
  if (failure.message === `yaml: ${CONTROL_CHARACTERS}`) {
    const code = text.charCodeAt(start).toString(16).toUpperCase().padStart(4, '0');
    return { start, end: start + 1, message: failure.message, unreadFrom, hint: `U+${code} here` };
  }
  const hint = text[start] === '\t' ? 'this is a tab: YAML indents with spaces only' : undefined;
  return {
    start,
    end: Math.max(end, Math.min(text.length, start + 1)),
    message: failure.message,
    unreadFrom,
    ...(hint ? { hint } : {}),
  };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset where 1-based line `line` starts (counting line feeds, as go-yaml does for LF files). */
function lineStartOf(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line && at !== -1; i++) at = text.indexOf('\n', at) + 1 || -1;
  return at === -1 ? text.length : at;
}

function parseWithYaml(text: string, cache?: RuleParseCache, previous?: ParsedPolicy): ParsedPolicy {
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

/** The `yaml` package's reading of the whole text. */
function parseWholeWithYaml(text: string): ParsedPolicy {
  try {
    const docs = parseAllDocuments(text, YAML_OPTIONS);
    const list = Array.isArray(docs) ? docs : [];
    const first = list[0];
    // `yaml` files a bad token at the start of the next document under the previous one; the
    // first document ends at its range end, and kube-apiserver reads nothing after it.
    const firstEnd = first && list.length > 1 ? first.range[2] : text.length;
    const syntaxErrors = first
      ? [...problemsOf(first, 0).filter((p) => p.start <= firstEnd), ...controlCharacters(text, firstEnd)]
      : [];
    const root = first ? convertOrKeepShape(first, text, syntaxErrors) : null;
    const rules = rulesOf(root).map((node, index): RuleItem => ({ index, base: 0, node, key: '', syntaxErrors: [] }));
    const laterDocuments = list.slice(1).map((doc) => laterDocument(doc, text, 0));
    return { text, root, rules, syntaxErrors, laterDocuments, segmented: false };
  } catch (error) {
    return unparseable(text, error);
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
    // The key is a copy: a slice would keep this whole version of the text alive as long as the
    // rule is unchanged, one more copy of the file for every edit.
    const key = detached(text.slice(span.start, span.end));
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

export interface ParsedRuleItem {
  readonly node: Node;
  readonly errors: readonly YamlError[];
  /** Offset of the first character go-yaml refuses (see controlCharacters), or -1. */
  readonly controlCharacter?: number;
}

/** Parses one rule item's text (`- level: None ...`, indentation kept), offsets relative to its start. */
function parseRuleItem(itemText: string): ParsedRuleItem | undefined {
  const fast = fastParseRuleItem(itemText);
  const parsed = fast ? { node: fast, errors: [] } : parseRuleItemWithYaml(itemText);
  return parsed && { ...parsed, controlCharacter: NOT_PRINTABLE.exec(itemText)?.index ?? -1 };
}

/** The reference reading of a rule item, by the `yaml` package (exported for the equivalence test). */
export function parseRuleItemWithYaml(itemText: string): ParsedRuleItem | undefined {
  const doc = parseDocument(itemText, YAML_OPTIONS);
  if (hasAnchorsOrAliases(itemText, doc)) return undefined;
  const root = convertDocument(doc, itemText, 0);
  if (!isSeq(root) || root.items.length !== 1) return undefined;
  return { node: root.items[0], errors: problemsOf(doc, 0) };
}

function parseFragment(
  text: string,
  start: number,
  end: number,
): { root: Node | null; errors: YamlError[] } | undefined {
  const fragment = text.slice(start, end);
  const doc = parseDocument(fragment, YAML_OPTIONS);
  if (hasAnchorsOrAliases(fragment, doc)) return undefined;
  return { root: convertDocument(doc, fragment, start), errors: problemsOf(doc, start) };
}

/** Anchors and aliases may cross item boundaries; only a whole-document parse resolves them. */
function hasAnchorsOrAliases(text: string, doc: Document.Parsed): boolean {
  if (!text.includes('&') && !text.includes('*')) return false;
  let found = false;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** An alias bomb or nesting too deep for the stack is a syntax error where it happens, not an
 *  unreadable file: the rest of the document is kept (aliases, or what lies too deep, as null) so
 *  the editor still knows it is an audit policy and says why it fails. */
function convertOrKeepShape(doc: Document.Parsed, text: string, syntaxErrors: YamlError[]): Node | null {
  try {
    return convertDocument(doc, text, 0);
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) {
      syntaxErrors.push({ start: error.start, end: Math.max(error.start, error.end), message: ALIASES_EXCESSIVE });
      return convertDocument(doc, text, 0, { expandAliases: false });
    }
    if (!(error instanceof RangeError)) throw error;
    const limits: ConvertLimits = { maxDepth: SAFE_DEPTH };
    const root = convertDocument(doc, text, 0, limits);
    const at = limits.truncatedAt ?? 0;
    if (!syntaxErrors.some((e) => e.message === NESTED_TOO_DEEPLY))
      syntaxErrors.push({ start: at, end: Math.min(text.length, at + 1), message: NESTED_TOO_DEEPLY });
    return root;
  }
}

/** Deep enough for any real policy (they nest 4 levels), shallow enough for any stack. */
const SAFE_DEPTH = 500;

const ALIASES_EXCESSIVE = 'the document expands aliases excessively (go-yaml refuses such documents too)';

function rulesOf(root: Node | null): readonly Node[] {
  if (!isMap(root)) return [];
  const rules = findPair(root, 'rules')?.value;
  return isSeq(rules) ? rules.items : [];
}

function laterDocument(doc: Document.Parsed, text: string, base: number): LaterDocument {
  const [start, , end] = doc.range;
  let root: Node | null;
  try {
    root = convertDocument(doc, text, base);
  } catch {
    root = null;
  }
  return { start: base + start, end: base + end, root };
}

function parseAllDocumentsSafe(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, YAML_OPTIONS);
  return Array.isArray(docs) ? docs : [];
}

function problemsOf(doc: Document.Parsed, base: number): YamlError[] {
  return doc.errors.map((error) => {
    const [start, end] = error.pos;
    // RESOURCE_EXHAUSTION is `yaml` catching its own stack overflow on deep nesting.
    const message = error.code === 'RESOURCE_EXHAUSTION' ? NESTED_TOO_DEEPLY : error.message.split('\n')[0];
    return { start: base + start, end: base + Math.max(end, start), message };
  });
}

const NESTED_TOO_DEEPLY = 'the document is nested too deeply to read';

/** What go-yaml's reader accepts (yaml_parser_update_buffer): tab, line breaks and printable
 *  characters; anything else ("control characters are not allowed") fails the whole file, while
 *  `yaml` reads it silently. Surrogates are let through: pairs are printable characters. */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ufffd]/;

/** The first control character of the first document (which ends at `end`), as a syntax problem. */
function controlCharacters(text: string, end: number): YamlError[] {
  const match = NOT_PRINTABLE.exec(text);
  if (!match || match.index >= end) return [];
  return [controlProblem(text, match.index)];
}

function controlProblem(text: string, at: number): YamlError {
  const code = text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
  return { start: at, end: at + 1, message: `control characters are not allowed (U+${code} here)` };
}

function isNullValue(pair: Pair): boolean {
  return pair.value === null || (pair.value.kind === 'scalar' && pair.value.value === null);
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}

function unparseable(text: string, error: unknown): ParsedPolicy {
  const message =
    error instanceof AliasBudgetExceeded
      ? ALIASES_EXCESSIVE
      : error instanceof RangeError
        ? NESTED_TOO_DEEPLY
        : `the document cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  return {
    text,
    root: null,
    rules: [],
    syntaxErrors: [{ start: 0, end: lineEndAt(text, 0), message }],
    laterDocuments: [],
    segmented: false,
  };
}

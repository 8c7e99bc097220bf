// go-yaml's verdict over the `yaml` package's tree: kube-apiserver reads the policy with go-yaml v2
// (through sigs.k8s.io/yaml), so its first error is the only syntax problem, and what it never
// reads (below the first document's root node) is left out of the tree. Where the two readers
// could disagree on the tree itself, go-yaml's tree is used.
import type { ParsedPolicy, RuleItem, YamlError } from './model';
import { readPolicyText, readsAsJson } from './goyaml/load';
import type { GoNode, GoYamlFailure, GoYamlReading, ReadOptions } from './goyaml/load';
import { readIncrementally } from './goyaml/resume';
import type { GoYamlRun } from './goyaml/resume';
import { treeFromGoYaml } from './goyaml/tree';
import { CONTROL_CHARACTERS } from './goyaml/reader';
import { NESTED_TOO_DEEPLY, parseWholeWithYaml, rulesOf } from './yamlReading';
import { keepSegments } from './segmented';
import { hasLoneCarriageReturn } from '../text/lines';
import { TREE_DEPTH } from '../text/nesting';

/** Where a document keeps go-yaml's latest reading, for the next version to read only what changed. */
export interface ReadingSlot {
  last?: GoYamlRun;
  /** The text whose reading was left for later (settleVerdict): its parse took go-yaml to read it
   *  as the `yaml` package did, to the end and without an error. */
  unread?: string;
}

/** `later`: when there is no earlier reading to resume from (a document just opened), a text the
 *  `yaml` package reads cleanly is given the parse go-yaml's reading would give it if it agreed, and
 *  the reading, which on a large file costs as much as the rest of the parse, is left for
 *  settleVerdict to do once that parse has been answered with. */
export function withGoYamlVerdict(
  text: string,
  parse: (source: string) => ParsedPolicy,
  slot?: ReadingSlot,
  later = false,
): ParsedPolicy {
  if (slot) slot.unread = undefined;
  const early = later && slot && !slot.last && !readsAsJson(text) ? parse(text) : undefined;
  if (early && slot && readsAsItWould(early)) {
    slot.unread = text;
    return withVerdict(early, text, undefined);
  }
  return verdictOf(text, early ? (source) => (source === text ? early : parse(source)) : parse, slot);
}

/** Whether the reading left for later agrees with the parse given in the meantime. Reads it (and
 *  keeps it in the slot for the next version to resume from); true as well when there was none to do. */
export function settleVerdict(text: string, slot: ReadingSlot): boolean {
  if (slot.unread !== text) return true;
  slot.unread = undefined;
  const reading = readOnSafely(text, slot);
  // No reading (a text too deep for the port's recursion): the `yaml` package's parse stands.
  return !reading || (!reading.failure && reading.stop?.kind !== 'content');
}

/** Whether go-yaml's agreement alone makes this parse the verdict's: read cleanly, within the
 *  tree's depth, with no need of go-yaml's own tree (the conditions of verdictOf's last branch). */
function readsAsItWould(parsed: ParsedPolicy): boolean {
  return deepestCut(parsed) === undefined && !needsGoTree(parsed);
}

/** The parse, given go-yaml's failure or none and where it stopped reading. */
function withVerdict(parsed: ParsedPolicy, text: string, failure: GoYamlFailure | undefined, ignoredFrom?: number) {
  const result: ParsedPolicy = {
    ...parsed,
    text,
    syntaxErrors: failure ? [failureProblem(text, failure)] : [],
    rules: parsed.rules.map((rule) => (rule.syntaxErrors.length > 0 ? { ...rule, syntaxErrors: [] } : rule)),
    ...(ignoredFrom !== undefined ? { ignoredFrom } : {}),
  };
  keepSegments(parsed, result);
  return result;
}

function verdictOf(text: string, parse: (source: string) => ParsedPolicy, slot?: ReadingSlot): ParsedPolicy {
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
  const failure = reading.failure;
  // Nesting deeper than our tree can hold: the tree stops there, go-yaml's verdict stands.
  const cut = deepestCut(yamlParsed);
  if (cut !== undefined) {
    const goTree = failure ? undefined : goTreeDownTo(text, ignoredFrom);
    if (goTree) return goTree;
    // go-yaml's tree is too deep to build as well: the `yaml` package's tree, read with the line
    // breaks go-yaml reads (else a file of lone CRs is one line to it, and its rules are lost).
    const lined = readsAsJson(read) ? source : withLineFeeds(source);
    const tree = lined === source ? yamlParsed : failure ? parseWholeWithYaml(lined) : parse(lined);
    return cutShort(text, tree, failure, deepestCut(tree) ?? cut, ignoredFrom);
  }
  const parsed = (!failure && needsGoTree(yamlParsed) ? goTreeDownTo(text, undefined) : undefined) ?? yamlParsed;
  return withVerdict(parsed, text, failure, ignoredFrom);
}

/** Where the `yaml` package's tree stops because the text nests too deeply for it; undefined when
 *  it does not. */
function deepestCut(parsed: ParsedPolicy): number | undefined {
  const deep = (e: YamlError): boolean => e.message === NESTED_TOO_DEEPLY;
  const own = parsed.syntaxErrors.find(deep);
  if (own) return own.start;
  for (const rule of parsed.rules) {
    const inRule = rule.syntaxErrors.find(deep);
    if (inRule) return rule.base + inRule.start;
  }
  return undefined;
}

/** go-yaml's own tree, built down to TREE_DEPTH: used where the `yaml` package's tree may be wrong
 *  (needsGoTree) and where it stops short (the cut is then where it is in every process, and the tree
 *  above it has merge keys applied in go-yaml's order). Undefined when it cannot be built (an alias
 *  to an anchor below the cut). */
function goTreeDownTo(text: string, ignoredFrom: number | undefined): ParsedPolicy | undefined {
  try {
    const goReading = readSafely(text, { tree: true, maxDepth: TREE_DEPTH });
    if (goReading?.root)
      return {
        ...goTreeParse(text, goReading.root),
        ...(goReading.cutAt !== undefined ? { truncatedAt: goReading.cutAt } : {}),
        ...(ignoredFrom !== undefined ? { ignoredFrom } : {}),
      };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return undefined;
}

/** YAML 1.1's line breaks as line feeds, one character for one (offsets are kept): go-yaml ends a
 *  line at a lone CR, NEL, LS and PS (readerc.go, scannerc.go is_break), the `yaml` package at LF
 *  only. Values differ only where an LS or PS sits inside a quoted scalar (go-yaml keeps those). */
function withLineFeeds(text: string): string {
  return goOnlyLineBreaks(text) ? text.replace(/\r(?!\n)|[\x85\u2028\u2029]/g, '\n') : text;
}

/** A tree cut short where the text nests deeper than it holds (the values below are null). go-yaml
 *  reads 10,000 levels, so its verdict decides: its failure, or none, and then `truncatedAt` says
 *  that what lies below the cut goes unchecked (nested-too-deeply). */
function cutShort(
  text: string,
  parsed: ParsedPolicy,
  failure: GoYamlFailure | undefined,
  cut: number,
  ignoredFrom: number | undefined,
): ParsedPolicy {
  return {
    ...parsed,
    text,
    syntaxErrors: failure ? [failureProblem(text, failure)] : [],
    rules: parsed.rules.map((rule) => (rule.syntaxErrors.length > 0 ? { ...rule, syntaxErrors: [] } : rule)),
    ...(failure ? {} : { truncatedAt: cut }),
    ...(ignoredFrom !== undefined ? { ignoredFrom } : {}),
  };
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

/** (^|[\s{,])<<\s*:, a lone CR, or NEL, LS, PS; a byte order mark after the first character, which
 *  go-yaml reads as part of a scalar (a key `\ufeffapiVersion`: the oracle refuses such a file) where
 *  the `yaml` package drops it; a `?` that starts a flow entry and is followed by more than a space,
 *  which go-yaml reads as an explicit key (`[?watch]` is `[{watch: null}]`, scannerc.go
 *  fetch_next_token: in a flow collection `?` is always the KEY indicator) where the `yaml` package
 *  reads a plain scalar. Each regular expression runs only when a plain search finds its first
 *  character (on every keystroke, over the whole text): `includes` of one character measured
 *  0.05 ms on a 1.5 MB file, a character class 1.4 ms. */
function goOnlySyntax(text: string): boolean {
  return (
    (text.includes('<<') && /(^|[\s{,])<<\s*:/.test(text)) ||
    goOnlyLineBreaks(text) ||
    text.indexOf('\ufeff', 1) !== -1 ||
    (text.includes('?') && /[[{,]\s*\?\S/.test(text))
  );
}

function goOnlyLineBreaks(text: string): boolean {
  return hasLoneCarriageReturn(text) || text.includes('\x85') || text.includes('\u2028') || text.includes('\u2029');
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
